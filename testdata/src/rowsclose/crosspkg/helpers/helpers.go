package helpers

import "database/sql"

// Open returns rows the caller owns.
func Open(db *sql.DB) (*sql.Rows, error) { return db.Query("q") }

// Close releases rows.
func Close(r *sql.Rows) { r.Close() }

// Count reads one row, leaving the rows open.
func Count(r *sql.Rows) (n int) {
	_ = r.Scan(&n)
	return n
}

// Stash keeps the rows.
func Stash(r *sql.Rows) { stash = append(stash, r) }

var stash []*sql.Rows
