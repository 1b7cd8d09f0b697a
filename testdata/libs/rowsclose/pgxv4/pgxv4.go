// Package pgxv4 pins github.com/jackc/pgx/v4: the same kinds as v5, with
// v4's pool constructors (pgxpool.Connect, ConnectConfig).
package pgxv4

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v4"
	"github.com/jackc/pgx/v4/pgxpool"
)

func rowsLeak(ctx context.Context, pool *pgxpool.Pool) (int, error) {
	rows, err := pool.Query(ctx, "q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
		if n > 10 {
			return n, nil
		}
	}
	return n, rows.Err()
}

func rowsClosed(ctx context.Context, pool *pgxpool.Pool) (int, error) { // ok
	rows, err := pool.Query(ctx, "q")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

func scanErrorCloses(ctx context.Context, conn *pgx.Conn) error { // ok: a failed Scan closes v4 rows too
	rows, err := conn.Query(ctx, "q")
	if err != nil {
		return err
	}
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			return err
		}
	}
	return rows.Err()
}

func poolLeak(ctx context.Context, dsn string) error {
	pool, err := pgxpool.Connect(ctx, dsn) // want `pool from Connect is not closed, returned or stored on the path through the return at line \d+`
	if err != nil {
		return err
	}
	if err := pool.Ping(ctx); err != nil {
		return err
	}
	pool.Close()
	return nil
}

func acquired(ctx context.Context, pool *pgxpool.Pool) error {
	conn, err := pool.Acquire(ctx) // want `conn from Acquire is not released on the path through the return at line \d+`
	if err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, "q"); err != nil {
		return errors.New("exec")
	}
	conn.Release()
	return nil
}

func closedThroughPgConn(ctx context.Context, dsn string) error { // ok: v4's PgConn (github.com/jackc/pgconn) closes the connection too
	pc, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer pc.PgConn().Close(ctx)
	_, err = pc.Exec(ctx, "select 1")
	return err
}
