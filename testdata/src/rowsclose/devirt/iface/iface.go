// Package iface pins calls of a method of the program's own interface on
// a resource of that interface's kind (a Connection, inferred from its
// implementations): where some implementation keeps the receiver in what
// it returns (rows that own the connection), the call hands it on; where
// every implementation only uses it, the caller still owns it.
package iface

import (
	"context"
	"database/sql"
)

type Rows interface {
	Next() bool
	Close() error
}

type Connection interface {
	Close() error
	Query(ctx context.Context, q string) (Rows, error)
	Ping(ctx context.Context) error
}

type Connector interface {
	Connect(ctx context.Context) (Connection, error)
}

type sqlConnector struct{ db *sql.DB }

func (c *sqlConnector) Connect(ctx context.Context) (Connection, error) {
	conn, err := c.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	return &sqlConnection{conn: conn}, nil
}

type sqlConnection struct{ conn *sql.Conn }

func (c *sqlConnection) Close() error                   { return c.conn.Close() }
func (c *sqlConnection) Ping(ctx context.Context) error { return c.conn.PingContext(ctx) }

// Query returns rows that close the connection with them.
func (c *sqlConnection) Query(ctx context.Context, q string) (Rows, error) {
	rows, err := c.conn.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	return &connRows{Rows: rows, c: c}, nil
}

type connRows struct {
	*sql.Rows
	c *sqlConnection
}

func (r *connRows) Close() error {
	_ = r.Rows.Close()
	return r.c.Close()
}

func GetRows(ctx context.Context, cr Connector, q string) (Rows, error) { // ok: the rows own the connection
	conn, err := cr.Connect(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := conn.Query(ctx, q)
	if err != nil {
		conn.Close()
		return nil, err
	}
	return rows, nil
}

func Ping(ctx context.Context, cr Connector) error {
	conn, err := cr.Connect(ctx) // want `conn from Connect is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	return conn.Ping(ctx) // every Ping only uses the connection
}
