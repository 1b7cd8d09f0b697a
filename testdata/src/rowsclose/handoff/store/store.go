// Package store owns a pool.
package store

import "database/sql"

type Store struct{ db *sql.DB }

func New(dsn string) (*Store, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	return &Store{db: db}, nil
}

func (s *Store) Close() error { return s.db.Close() }

func (s *Store) Ping() error { return s.db.Ping() }

func check(dsn string) error {
	s, err := New(dsn) // want `s from New is not closed, returned or stored on the path through the return at line \d+`
	if err != nil {
		return err
	}
	return s.Ping()
}
