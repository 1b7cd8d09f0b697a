package app

import (
	"database/sql"
	"testing"
)

// countRows leaks the rows when it stops early: test code is linted too,
// and its findings are reported once, not once per test variant.
func countRows(t *testing.T, db *sql.DB, limit int) int {
	rows, err := db.Query("SELECT id FROM users")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		if n++; n == limit {
			return n
		}
	}
	return n
}

func TestCountUsers(t *testing.T) {
	var db *sql.DB // the fixture has no database
	if db == nil {
		t.Skip("no database")
	}
	if got := countRows(t, db, 10); got > 10 {
		t.Errorf("countRows = %d", got)
	}
}
