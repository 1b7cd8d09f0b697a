// Package sqlc is shaped like sqlc's generated code and its callers.
package sqlc

import (
	"context"
	"database/sql"
)

type DBTX interface {
	ExecContext(context.Context, string, ...interface{}) (sql.Result, error)
	QueryContext(context.Context, string, ...interface{}) (*sql.Rows, error)
	QueryRowContext(context.Context, string, ...interface{}) *sql.Row
}

func New(db DBTX) *Queries { return &Queries{db: db} }

type Queries struct{ db DBTX }

func (q *Queries) WithTx(tx *sql.Tx) *Queries { return &Queries{db: tx} }

func (q *Queries) Touch(ctx context.Context, id int64) error {
	_, err := q.db.ExecContext(ctx, "update t set n = n + 1 where id = $1", id)
	return err
}

func touch(ctx context.Context, db DBTX, id int64) error {
	_, err := db.ExecContext(ctx, "update t set n = n + 1 where id = $1", id)
	return err
}

func withTxLeak(ctx context.Context, db *sql.DB, q *Queries, id int64) error {
	tx, err := db.BeginTx(ctx, nil) // want `tx from BeginTx is neither committed nor rolled back on the path through the return at line \d+`
	if err != nil {
		return err
	}
	qtx := q.WithTx(tx)
	if err := qtx.Touch(ctx, id); err != nil {
		return err
	}
	return tx.Commit()
}

func withTxOK(ctx context.Context, db *sql.DB, q *Queries, id int64) error { // ok
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := q.WithTx(tx).Touch(ctx, id); err != nil {
		return err
	}
	return tx.Commit()
}

func asDBTXLeak(ctx context.Context, db *sql.DB, id int64) error {
	tx, err := db.BeginTx(ctx, nil) // want `tx from BeginTx is neither committed nor rolled back on the path through the return at line \d+`
	if err != nil {
		return err
	}
	if err := touch(ctx, tx, id); err != nil {
		return err
	}
	return tx.Commit()
}

func asDBTXOK(ctx context.Context, db *sql.DB, id int64) error { // ok
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := touch(ctx, tx, id); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
