// Package holders pins the ownership rule for holders: a resource stored
// into a struct the function makes is followed through the struct.
// Returning the struct or storing it somewhere longer-lived hands the
// resource on; calling its methods acts by their facts (a Close that
// closes the field releases it); dropping it leaks the resource.
package holders

import (
	"context"
	"database/sql"
	"errors"
)

type cursor struct {
	rows *sql.Rows
	name string
	n    int
}

func (c *cursor) Close() error { return c.rows.Close() }

func (c *cursor) Name() string { return c.name }

func openCursor(db *sql.DB, check func() error) (*cursor, error) {
	rows, err := db.Query("q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return nil, err
	}
	c := &cursor{rows: rows, name: "c"}
	if err := check(); err != nil {
		return nil, err // the cursor, and the rows in it, are dropped
	}
	return c, nil
}

func returnedHolder(db *sql.DB) (*cursor, error) { // ok: the caller gets the rows inside the cursor
	rows, err := db.Query("q")
	if err != nil {
		return nil, err
	}
	return &cursor{rows: rows, name: "c"}, nil
}

func closedThroughHolder(db *sql.DB) error { // ok: the cursor's Close closes the rows
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	c := &cursor{rows: rows}
	defer c.Close()
	if c.Name() == "" {
		return errors.New("unnamed")
	}
	return nil
}

func closedThroughField(db *sql.DB) error { // ok
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	c := cursor{name: "c"}
	c.rows = rows
	c.n = 3
	return c.rows.Close()
}

type plain struct {
	rows  *sql.Rows
	label string
}

func droppedPlainHolder(db *sql.DB) string {
	rows, err := db.Query("q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return ""
	}
	p := plain{rows: rows, label: "x"}
	return p.label
}

type service struct{ cur *cursor }

func storedHolder(db *sql.DB, s *service) error { // ok: the service keeps the cursor
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	c := &cursor{rows: rows}
	s.cur = c
	return nil
}

type result struct {
	rows *sql.Rows
	cols []string
}

func returnedByValue(db *sql.DB) (result, error) { // ok: returned inside a struct value
	rows, err := db.Query("q")
	if err != nil {
		return result{}, err
	}
	var res result
	res.rows = rows
	res.cols = []string{"a"}
	return res, nil
}

type outer struct{ in inner }
type inner struct{ rows *sql.Rows }

func nested(db *sql.DB) (*outer, error) { // ok: returned inside a struct inside a struct
	rows, err := db.Query("q")
	if err != nil {
		return nil, err
	}
	return &outer{in: inner{rows: rows}}, nil
}

// Postgres is shaped like a migration driver: its constructor takes a
// connection from the pool and wraps it.
type Postgres struct {
	conn *sql.Conn
	dsn  string
}

func (p *Postgres) ensureTable(ctx context.Context) error {
	_, err := p.conn.ExecContext(ctx, "create table if not exists t (v int)")
	return err
}

func WithInstance(ctx context.Context, db *sql.DB) (*Postgres, error) {
	conn, err := db.Conn(ctx) // want `conn from Conn is not closed on the path through the return at line \d+`
	if err != nil {
		return nil, err
	}
	p := &Postgres{conn: conn, dsn: "x"}
	if err := p.ensureTable(ctx); err != nil {
		return nil, err // the connection in p stays checked out
	}
	return p, nil
}

func WithInstanceClosed(ctx context.Context, db *sql.DB) (*Postgres, error) { // ok
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	p := &Postgres{conn: conn}
	if err := p.ensureTable(ctx); err != nil {
		conn.Close()
		return nil, err
	}
	return p, nil
}

// Store is a repository over a pool; it has no Close of its own.
type Store struct {
	db   *sql.DB
	name string
}

func NewStore(db *sql.DB, name string) Store { return Store{db: db, name: name} }

func (s Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

func openStore(ctx context.Context, dsn string) (Store, error) { // ok: the pool belongs to the returned store
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return Store{}, err
	}
	s := NewStore(db, "main")
	return s, nil
}

func openStorePinged(ctx context.Context, dsn string) (Store, error) {
	db, err := sql.Open("postgres", dsn) // want `db from Open is not closed, returned or stored on the path through the return at line \d+`
	if err != nil {
		return Store{}, err
	}
	s := NewStore(db, "main")
	if err := s.Ping(ctx); err != nil {
		return Store{}, err // the pool is dropped with the store
	}
	return s, nil
}

func openStoreClosedOnError(ctx context.Context, dsn string) (Store, error) { // ok
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return Store{}, err
	}
	s := NewStore(db, "main")
	if err := s.Ping(ctx); err != nil {
		db.Close()
		return Store{}, err
	}
	return s, nil
}
