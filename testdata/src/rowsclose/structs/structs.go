package structs

import "database/sql"

// Iter owns rows and closes them.
type Iter struct {
	rows *sql.Rows
	err  error
}

func (it *Iter) Next() bool { return it.rows.Next() }

func (it *Iter) Scan(dst *int) error { return it.rows.Scan(dst) }

func (it *Iter) Close() error { return it.rows.Close() }

func NewIter(db *sql.DB) (*Iter, error) {
	rows, err := db.Query("q")
	if err != nil {
		return nil, err
	}
	return &Iter{rows: rows}, nil
}

func useIter(db *sql.DB) error { // ok
	it, err := NewIter(db)
	if err != nil {
		return err
	}
	defer it.Close()
	var n int
	for it.Next() {
		if err := it.Scan(&n); err != nil {
			return err
		}
	}
	return nil
}

func leakIter(db *sql.DB) error {
	it, err := NewIter(db) // want `it from NewIter is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	var n int
	if it.Next() {
		return it.Scan(&n)
	}
	return it.Close()
}

// store keeps rows open across calls and closes them in Close.
type store struct {
	db   *sql.DB
	rows *sql.Rows
}

func (s *store) open() error { // ok: kept in a field
	rows, err := s.db.Query("q")
	if err != nil {
		return err
	}
	s.rows = rows
	return nil
}

func (s *store) close() error {
	if s.rows == nil {
		return nil
	}
	return s.rows.Close()
}

func (s *store) count() (int, error) {
	rows, err := s.db.Query("q") // want `rows from Query is not closed on the path through the return at line \d+`
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
	return n, nil
}

func drainIter(db *sql.DB) error { // ok: a false Next closes the rows it wraps
	it, err := NewIter(db)
	if err != nil {
		return err
	}
	for it.Next() {
	}
	return nil
}

func nextEscapes(db *sql.DB) bool {
	rows, err := db.Query("q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return false
	}
	return rows.Next()
}
