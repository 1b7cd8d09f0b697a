// Package store is a repository's own layer over database/sql: its Rows
// and Tx interfaces, a Querier, and the implementation that wraps the
// driver's values.
package store

import (
	"context"
	"database/sql"
)

// Rows is the repository's own rows interface.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Close() error
	Err() error
}

// Querier runs queries.
type Querier interface {
	Query(ctx context.Context, q string, args ...any) (Rows, error)
	Fetch(ctx context.Context, q string) (Cursor, error)
}

// Cursor is named unlike rows, and its method unlike a query: only the
// implementation says it is acquired.
type Cursor interface {
	Step() bool
	Close() error
}

type sqlRows struct{ rows *sql.Rows }

func (r *sqlRows) Next() bool             { return r.rows.Next() }
func (r *sqlRows) Scan(dest ...any) error { return r.rows.Scan(dest...) }
func (r *sqlRows) Close() error           { return r.rows.Close() }
func (r *sqlRows) Err() error             { return r.rows.Err() }

type sqlCursor struct{ rows *sql.Rows }

func (c *sqlCursor) Step() bool   { return c.rows.Next() }
func (c *sqlCursor) Close() error { return c.rows.Close() }

// DB implements Querier on a pool.
type DB struct{ db *sql.DB }

func (d *DB) Query(ctx context.Context, q string, args ...any) (Rows, error) {
	rows, err := d.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return &sqlRows{rows: rows}, nil
}

func (d *DB) Fetch(ctx context.Context, q string) (Cursor, error) {
	rows, err := d.db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	return &sqlCursor{rows: rows}, nil
}

// Current returns the rows a caller opened earlier: an accessor, not an
// acquisition.
type Holder interface {
	Current() Rows
}
