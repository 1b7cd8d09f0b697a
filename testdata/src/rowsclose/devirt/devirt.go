// Package devirt pins method calls through an interface on a type of the
// program's own that wraps or converts the resource, put in the interface
// in the same function: the concrete method is known, and acts by its
// fact. One that keeps the receiver in its result hands the resource on
// (openfga's Connection.Query returning rows that own the connection);
// one that only uses it leaves it to the caller.
package devirt

import (
	"context"
	"database/sql"
)

type Rows interface{ Close() error }

type Querier interface {
	Query(context.Context, string) (Rows, error)
}

type sqlConn sql.Conn

type connRows struct {
	*sql.Rows
	conn *sql.Conn
}

func (r *connRows) Close() error {
	_ = r.Rows.Close()
	return r.conn.Close()
}

func (c *sqlConn) Query(ctx context.Context, q string) (Rows, error) {
	rows, err := (*sql.Conn)(c).QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	return &connRows{rows, (*sql.Conn)(c)}, nil
}

func GetRows(ctx context.Context, db *sql.DB, q string) (Rows, error) { // ok: the rows own the connection
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	var qr Querier = (*sqlConn)(conn)
	rows, err := qr.Query(ctx, q)
	if err != nil {
		conn.Close()
		return nil, err
	}
	return rows, nil
}

type pinger interface{ Ping(context.Context) error }

type wrapConn struct{ c *sql.Conn }

func (w wrapConn) Ping(ctx context.Context) error { return w.c.PingContext(ctx) }

type closer interface{ Close() error }

func (w wrapConn) Close() error { return w.c.Close() }

func Pinged(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx) // want `conn from Conn is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	var p pinger = wrapConn{conn}
	return p.Ping(ctx) // Ping only uses the connection
}

func Closed(ctx context.Context, db *sql.DB) error { // ok: Close closes the connection
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	var c closer = wrapConn{conn}
	return c.Close()
}
