package kinds

import (
	"context"
	"database/sql"
)

func stmtLeak(db *sql.DB) error {
	stmt, err := db.Prepare("q") // want `stmt from Prepare is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	_, err = stmt.Exec()
	return err
}

func stmtOK(db *sql.DB) error { // ok
	stmt, err := db.Prepare("q")
	if err != nil {
		return err
	}
	defer stmt.Close()
	_, err = stmt.Exec()
	return err
}

func txStmt(db *sql.DB) error { // ok: a statement prepared on a transaction ends with it
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.Prepare("q")
	if err != nil {
		return err
	}
	if _, err := stmt.Exec(); err != nil {
		return err
	}
	return tx.Commit()
}

func connLeak(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx) // want `conn from Conn is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, "q")
	return err
}

func connOK(ctx context.Context, db *sql.DB) error { // ok
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.ExecContext(ctx, "q")
	return err
}

func poolPerCall(dsn string) error {
	db, err := sql.Open("postgres", dsn) // want `db from Open is not closed, returned or stored on the path through the return at line \d+`
	if err != nil {
		return err
	}
	return db.Ping()
}

func poolReturned(dsn string) (*sql.DB, error) { // ok
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func main() { // not package main: a pool here is leaked per call (package main's, in pool/, is not)
	db, err := sql.Open("postgres", "dsn") // want `db from Open is not closed, returned or stored`
	if err != nil {
		return
	}
	_ = db.Ping()
}

func init() { // ok: init runs once
	db, _ := sql.Open("postgres", "dsn")
	_ = db.Ping()
}

// DBTX is the interface sqlc generates.
type DBTX interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}

func throughDBTX(ctx context.Context, q DBTX) error {
	rows, err := q.QueryContext(ctx, "q") // want `rows from QueryContext is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	return rows.Err()
}

func throughDBTXClosed(ctx context.Context, q DBTX) error { // ok
	rows, err := q.QueryContext(ctx, "q")
	if err != nil {
		return err
	}
	defer rows.Close()
	return rows.Err()
}

func queryRowScanNested(db *sql.DB) (n int, err error) { // ok
	if err := db.QueryRow("q").Scan(&n); err != nil {
		return 0, err
	}
	return n, nil
}

func blank(db *sql.DB) {
	_, _ = db.Query("q") // want `rows from Query is discarded and never closed`
}

func methodValueQuery(db *sql.DB) error {
	q := db.Query
	rows, err := q("q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	return rows.Err()
}

func afterClose(db *sql.DB) error { // ok: a closed pool gives no connection
	db.Close()
	_, err := db.Query("q")
	return err
}
