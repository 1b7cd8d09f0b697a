// Package pgxv4 pins pgx v4 transactions, the same as v5's.
package pgxv4

import (
	"context"

	"github.com/jackc/pgx/v4/pgxpool"
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

func txDeferred(ctx context.Context, pool *pgxpool.Pool) error { // ok
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "q"); err != nil {
		return err
	}
	return tx.Commit(ctx)
}
