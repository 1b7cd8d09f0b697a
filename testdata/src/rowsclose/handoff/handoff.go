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
