// Package store holds the helpers that app calls: their facts (returns
// owned rows, releases its parameter) cross the package boundary.
package store

import "database/sql"

// Users returns the rows of the users table; the caller closes them.
func Users(db *sql.DB) (*sql.Rows, error) {
	return db.Query("SELECT id FROM users")
}

// Drain reads rows to the end and closes them.
func Drain(rows *sql.Rows) (int, error) {
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

// Store is a handle on the database.
type Store struct{ db *sql.DB }

// Recent returns the most recent users; the caller closes the rows.
func (s *Store) Recent() (*sql.Rows, error) {
	return s.db.Query("SELECT id FROM users ORDER BY created DESC LIMIT 10")
}
