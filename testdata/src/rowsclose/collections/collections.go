// Package collections pins the rule for resources kept in a slice or map
// the function makes: a later loop over the collection, or a closure that
// runs one, releases them; returning or storing the collection hands them
// on; an early return before the releasing loop leaks what was acquired
// so far, reported at the acquisition in the loop.
package collections

import (
	"context"
	"database/sql"
)

func prepareAll(db *sql.DB, qs []string) error {
	var stmts []*sql.Stmt
	for _, q := range qs {
		st, err := db.Prepare(q) // want `st from Prepare is not closed on the path through the return at line \d+`
		if err != nil {
			return err // the statements prepared so far are never closed
		}
		stmts = append(stmts, st)
	}
	for _, st := range stmts {
		st.Close()
	}
	return nil
}

func prepareAllDeferred(db *sql.DB, qs []string) error { // ok: the deferred loop closes every statement
	var stmts []*sql.Stmt
	defer func() {
		for _, st := range stmts {
			st.Close()
		}
	}()
	for _, q := range qs {
		st, err := db.Prepare(q)
		if err != nil {
			return err
		}
		stmts = append(stmts, st)
	}
	return nil
}

func prepareAllCloseOnError(db *sql.DB, qs []string) error { // ok: closeAll runs on the error path and at the end
	var stmts []*sql.Stmt
	closeAll := func() {
		for _, st := range stmts {
			st.Close()
		}
	}
	for _, q := range qs {
		st, err := db.Prepare(q)
		if err != nil {
			closeAll()
			return err
		}
		stmts = append(stmts, st)
	}
	closeAll()
	return nil
}

func returned(db *sql.DB, qs []string) ([]*sql.Stmt, error) { // ok: the caller gets them
	stmts := make([]*sql.Stmt, 0, len(qs))
	for _, q := range qs {
		st, err := db.Prepare(q)
		if err != nil {
			for _, s := range stmts {
				s.Close()
			}
			return nil, err
		}
		stmts = append(stmts, st)
	}
	return stmts, nil
}

type cache struct{ stmts map[string]*sql.Stmt }

func (c *cache) load(ctx context.Context, db *sql.DB, qs map[string]string) error { // ok: stored in the cache
	m := make(map[string]*sql.Stmt)
	for name, q := range qs {
		st, err := db.PrepareContext(ctx, q)
		if err != nil {
			for _, s := range m {
				s.Close()
			}
			return err
		}
		m[name] = st
	}
	c.stmts = m
	return nil
}

func mapDropped(ctx context.Context, db *sql.DB, qs map[string]string) error {
	m := make(map[string]*sql.Stmt)
	for name, q := range qs {
		st, err := db.PrepareContext(ctx, q) // want `st from PrepareContext is not closed on the path through the return at line \d+`
		if err != nil {
			return err
		}
		m[name] = st
	}
	for _, s := range m {
		s.Close()
	}
	return nil
}

func indexed(db *sql.DB, qs []string) error { // ok: stored by index and closed by the loop
	stmts := make([]*sql.Stmt, len(qs))
	for i, q := range qs {
		st, err := db.Prepare(q)
		if err != nil {
			break
		}
		stmts[i] = st
	}
	for _, st := range stmts {
		if st != nil {
			st.Close()
		}
	}
	return nil
}
