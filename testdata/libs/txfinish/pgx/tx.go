package pgx

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

func txLeak(ctx context.Context, pool *pgxpool.Pool) error {
	tx, err := pool.Begin(ctx) // want `tx from Begin is neither committed nor rolled back on the path through the return at line \d+`
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "q"); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

func txDeferRollback(ctx context.Context, pool *pgxpool.Pool) error { // ok
	tx, err := pool.BeginTx(ctx, pgx.TxOptions{})
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "q"); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

func savepoint(ctx context.Context, tx pgx.Tx) error { // ok: a savepoint ends with its outer transaction
	sp, err := tx.Begin(ctx)
	if err != nil {
		return err
	}
	_, err = sp.Exec(ctx, "q")
	return err
}

func beginFunc(ctx context.Context, pool *pgxpool.Pool) error { // ok: BeginFunc owns the transaction
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, "q")
		return err
	})
}

func cancelled(ctx context.Context, pool *pgxpool.Pool) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	tx, err := pool.BeginTx(ctx, pgx.TxOptions{}) // want `tx from BeginTx is neither committed nor rolled back on the path through the return at line \d+`
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "q"); err != nil {
		return err // pgx uses ctx for BEGIN only: cancelling it later ends nothing
	}
	return tx.Commit(ctx)
}
