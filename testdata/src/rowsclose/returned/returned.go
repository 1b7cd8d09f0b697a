// Package returned pins the rule that returning a resource to the caller
// on one path does not excuse the others: a later check that returns
// nil, err drops it.
package returned

import (
	"context"
	"database/sql"
	"errors"
)

func queryChecked(ctx context.Context, db *sql.DB, want int) (*sql.Rows, error) {
	rows, err := db.QueryContext(ctx, "q") // want `rows from QueryContext is not closed on the path through the return at line \d+`
	if err != nil {
		return nil, err
	}
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	if len(cols) != want {
		return nil, errors.New("columns")
	}
	return rows, nil
}

func queryCheckedClosed(ctx context.Context, db *sql.DB, want int) (*sql.Rows, error) { // ok
	rows, err := db.QueryContext(ctx, "q")
	if err != nil {
		return nil, err
	}
	cols, err := rows.Columns()
	if err != nil {
		rows.Close()
		return nil, err
	}
	if len(cols) != want {
		rows.Close()
		return nil, errors.New("columns")
	}
	return rows, nil
}

func openPinged(ctx context.Context, dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn) // want `db from Open is not closed, returned or stored on the path through the return at line \d+`
	if err != nil {
		return nil, err
	}
	if err := db.PingContext(ctx); err != nil {
		return nil, err
	}
	return db, nil
}

func beginPrepared(ctx context.Context, db *sql.DB) (*sql.Tx, *sql.Stmt, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	st, err := tx.PrepareContext(ctx, "q")
	if err != nil {
		tx.Rollback()
		return nil, nil, err
	}
	return tx, st, nil
}

func namedResults(ctx context.Context, db *sql.DB) (rows *sql.Rows, err error) {
	rows, err = db.QueryContext(ctx, "q") // want `rows from QueryContext is not closed on the path through the return at line \d+`
	if err != nil {
		return
	}
	if _, err = rows.Columns(); err != nil {
		return nil, err
	}
	return
}

func returnedBesideError(ctx context.Context, db *sql.DB) (*sql.Rows, error) {
	rows, err := db.QueryContext(ctx, "q") // want `rows from QueryContext is not closed on the path through the return at line \d+`
	if err != nil {
		return nil, err
	}
	if _, err := rows.Columns(); err != nil {
		return rows, err // a caller that checks err drops the rows
	}
	return rows, nil
}

func returnedBesideOwnError(ctx context.Context, db *sql.DB) (*sql.Rows, error) { // ok: the rows are nil when Query fails
	rows, err := db.QueryContext(ctx, "q")
	return rows, err
}
