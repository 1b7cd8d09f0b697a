// Package cancelled pins the rule that cancelling the context that
// database/sql rows were queried with closes them: a deferred cancel of a
// context the function made closes them at return, as a deferred Close
// would. A context from elsewhere, or a cancel that is not called on the
// path, does not.
package cancelled

import (
	"context"
	"database/sql"
	"time"
)

func deferredCancel(ctx context.Context, db *sql.DB) ([]string, error) { // ok: the deferred cancel closes the rows
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	rows, err := db.QueryContext(ctx, "q")
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

func capturedCancel(ctx context.Context, tx *sql.Conn) (string, error) { // ok: the cancel a closure captures is still the one deferred
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	stop := func() { cancel(nil) }
	_ = stop
	var n string
	row := tx.QueryRowContext(ctx, "q")
	if ctx.Err() != nil {
		return "", ctx.Err()
	}
	return n, row.Scan(&n)
}

func callersContext(ctx context.Context, db *sql.DB) (string, error) {
	rows, err := db.QueryContext(ctx, "q") // want `rows from QueryContext is not closed on the path through the return at line \d+`
	if err != nil {
		return "", err
	}
	var n string
	if rows.Next() {
		if err := rows.Scan(&n); err != nil {
			return "", err
		}
	}
	return n, rows.Close()
}

func detached(ctx context.Context, db *sql.DB) (string, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	rows, err := db.QueryContext(context.WithoutCancel(ctx), "q") // want `rows from QueryContext is not closed on the path through the return at line \d+`
	if err != nil {
		return "", err
	}
	var n string
	if rows.Next() {
		if err := rows.Scan(&n); err != nil {
			return "", err // WithoutCancel: cancel does not reach the rows
		}
	}
	return n, rows.Close()
}

func connection(ctx context.Context, db *sql.DB) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	conn, err := db.Conn(ctx) // want `conn from Conn is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, "q"); err != nil {
		return err // Conn uses ctx to check the connection out only
	}
	return conn.Close()
}
