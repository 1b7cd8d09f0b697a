package assigns

import (
	"context"
	"database/sql"
)

var current any

var session interface {
	Commit() error
	Rollback() error
}

var pool *sql.DB

func start(ctx context.Context) error {
	tx, err := pool.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	session = tx // want `package-level session is assigned tx from BeginTx: one transaction shared by the whole program`
	return nil
}

func open(ctx context.Context) error {
	c, err := pool.Conn(ctx)
	if err != nil {
		return err
	}
	current = c // want `package-level current is assigned conn from Conn: one connection shared by the whole program`
	return nil
}

func connect(dsn string) error { // ok: a pool
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	pool = db
	return nil
}
