package rowserr

import (
	"context"
	"database/sql"
)

// database/sql sets the error Rows.Err returns only as it closes the
// rows: a failed Next or NextResultSet closes them, and so does the
// watcher that stores a cancelled context's error. On the edge where
// Err is not nil the rows are closed; where it is nil, they may be open.

func errFirst(ctx context.Context, tx *sql.DB, f func(*sql.Rows) error) error { // ok: Err not nil: closed; nil: handed to f
	rows, err := tx.QueryContext(ctx, "q")
	if err != nil {
		return err
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return f(rows)
}

func errAfterLoop(ctx context.Context, db *sql.DB) (n int, err error) { // ok: the loop ends with Next false, and Err's edge closed too
	rows, err := db.QueryContext(ctx, "q")
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		n++
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	return n, nil
}

func errAfterBreak(ctx context.Context, db *sql.DB) (bool, error) {
	rows, err := db.QueryContext(ctx, "q") // want `rows from QueryContext is not closed on the path through the return at line 51`
	if err != nil {
		return false, err
	}
	found := false
	for rows.Next() {
		found = true
		break
	}
	if err := rows.Err(); err != nil {
		return false, err
	}
	return found, nil // after the break, Err is nil and the rows open
}

func errThenScanFails(ctx context.Context, db *sql.DB) (int, error) {
	rows, err := db.QueryContext(ctx, "q") // want `rows from QueryContext is not closed on the path through the return at line 67`
	if err != nil {
		return 0, err
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	var x int
	if !rows.Next() {
		return 0, sql.ErrNoRows
	}
	if err := rows.Scan(&x); err != nil {
		return 0, err // a failed Scan does not close database/sql rows
	}
	return x, rows.Close()
}
