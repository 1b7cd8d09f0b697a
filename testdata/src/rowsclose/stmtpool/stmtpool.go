package stmtpool

import (
	"context"
	"database/sql"
)

// A statement prepared on a pool holds no connection between runs; what
// it holds is a prepared statement on each connection it ran on, and
// closing the pool closes those connections and their statements. So a
// statement prepared on a pool that the same path closes holds nothing
// afterwards. Rows are not so: DB.Close closes only idle connections.

func deferredPoolClose(ctx context.Context, dsn string) error { // ok: the deferred db.Close closes what stmt prepared
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	stmt, err := db.PrepareContext(ctx, "insert")
	if err != nil {
		return err
	}
	_, err = stmt.ExecContext(ctx, 1)
	return err
}

func poolClosedAfter(ctx context.Context, dsn string) error { // ok: db.Close on every path after the statement
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	stmt, err := db.PrepareContext(ctx, "insert")
	if err != nil {
		db.Close()
		return err
	}
	_, err = stmt.ExecContext(ctx, 1)
	db.Close()
	return err
}

func poolClosedOnOnePath(ctx context.Context, dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	stmt, err := db.PrepareContext(ctx, "insert") // want `stmt from PrepareContext is not closed on the path through the return at line 57`
	if err != nil {
		db.Close()
		return nil, err
	}
	if _, err := stmt.ExecContext(ctx, 1); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil // the pool lives on, and so does the statement
}

func sharedPool(ctx context.Context, db *sql.DB) error {
	stmt, err := db.PrepareContext(ctx, "insert") // want `stmt from PrepareContext is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	_, err = stmt.ExecContext(ctx, 1)
	return err
}

func rowsOfClosedPool(ctx context.Context, dsn string) (int, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, "select") // want `rows from QueryContext is not closed on the path through the return at line \d+`
	if err != nil {
		return 0, err
	}
	n := 0
	if rows.Next() {
		n++
	}
	return n, nil
}

func otherPoolClosed(ctx context.Context, db *sql.DB, dsn string) error {
	other, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	defer other.Close()
	stmt, err := db.PrepareContext(ctx, "insert") // want `stmt from PrepareContext is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	_, err = stmt.ExecContext(ctx, 1)
	return err
}
