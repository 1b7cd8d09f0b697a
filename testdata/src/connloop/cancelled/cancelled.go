// Package cancelled pins connloop on a deferred cancel in a loop of a
// context that a transaction or rows were acquired with: database/sql
// releases them when the context is done, so the deferred cancel is a
// deferred release, and where an iteration goes on without releasing
// them otherwise, every iteration's connection is held until the
// function returns.
package cancelled

import (
	"context"
	"database/sql"
	"time"
)

func txSkipped(ctx context.Context, db *sql.DB, qs []string) error {
	for _, q := range qs {
		ctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel() // want `defer cancel\(\) in a loop holds every iteration's connection until the function returns`
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, q); err != nil {
			continue // the transaction stays open until the function returns
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

func rowsClosed(ctx context.Context, db *sql.DB, qs []string) error { // ok: each iteration closes its rows
	for _, q := range qs {
		ctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		rows, err := db.QueryContext(ctx, q)
		if err != nil {
			return err
		}
		for rows.Next() {
		}
		if err := rows.Close(); err != nil {
			return err
		}
	}
	return nil
}

func txFinished(ctx context.Context, db *sql.DB, qs []string) error { // ok: each iteration commits or rolls back
	for _, q := range qs {
		ctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, q); err != nil {
			_ = tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}
