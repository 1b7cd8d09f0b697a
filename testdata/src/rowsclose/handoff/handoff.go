package handoff

import (
	"context"
	"database/sql"
)

// S caches statements; its Close closes them.
type S struct {
	db    *sql.DB
	stmts map[string]*sql.Stmt
}

func (s *S) prepare(ctx context.Context, name, q string) (*sql.Stmt, error) {
	st, err := s.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	s.stmts[name] = st
	return st, nil
}

func (s *S) Use(ctx context.Context) error { // ok: the cache owns the statement
	st, err := s.prepare(ctx, "d", "delete")
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, 1)
	return err
}

func (s *S) Close() {
	for _, st := range s.stmts {
		st.Close()
	}
}

// holder closes the pool it holds.
type holder struct{ db *sql.DB }

func (h *holder) Close() error { return h.db.Close() }

// newHolder returns the pool both alone and inside its holder.
func newHolder(dsn string) (*holder, *sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, nil, err
	}
	return &holder{db: db}, db, nil
}

func closedThroughHolder(dsn string) error { // ok: the holder's Close closes the pool
	h, _, err := newHolder(dsn)
	if err != nil {
		return err
	}
	return h.Close()
}

func droppedHolder(dsn string) error {
	h, _, err := newHolder(dsn) // want `db from newHolder is not closed, returned or stored on the path through the return at line \d+`
	if err != nil {
		return err
	}
	_ = h
	return nil
}

func closedDirectly(dsn string) error { // ok: the pool itself is closed
	_, db, err := newHolder(dsn)
	if err != nil {
		return err
	}
	return db.Close()
}
