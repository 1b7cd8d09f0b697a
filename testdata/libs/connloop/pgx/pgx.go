package pgx

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"
)

func queryWhileTxOpen(ctx context.Context, pool *pgxpool.Pool) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := pool.Exec(ctx, "q"); err != nil { // want `Exec on the pool while tx from Begin \(line \d+\) is open needs a second connection from the pool; use the transaction`
		return err
	}
	return tx.Commit(ctx)
}

func queryThroughTx(ctx context.Context, pool *pgxpool.Pool) error { // ok: through the transaction
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	rows, err := tx.Query(ctx, "q")
	if err != nil {
		return err
	}
	var ids []int
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return err
		}
		ids = append(ids, id)
	}
	for _, id := range ids {
		if _, err := tx.Exec(ctx, "q", id); err != nil {
			return err
		}
	}
	return tx.Commit(ctx)
}

func nPlusOne(ctx context.Context, pool *pgxpool.Pool) error {
	rows, err := pool.Query(ctx, "q")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, n int
		if err := rows.Scan(&id); err != nil {
			return err
		}
		if err := pool.QueryRow(ctx, "q", id).Scan(&n); err != nil { // want `QueryRow on the pool while rows from Query \(line \d+\) is open needs a second connection from the pool`
			return err
		}
	}
	return rows.Err()
}
