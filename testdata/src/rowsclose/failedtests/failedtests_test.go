package failedtests

import (
	"database/sql"
	"testing"
)

var db *sql.DB

func TestExpectedFailure(t *testing.T) { // ok: the statement exists only where the test failed
	st, err := db.Prepare("invalid sql")
	if err == nil {
		t.Errorf("want an error, got %v", st)
	}
}

func TestUnexpectedRow(t *testing.T) {
	rows, err := db.Query("select * from empty") // want `rows from Query is not closed on the path through the end of the function at line \d+`
	if err != nil {
		t.Fatal(err)
	}
	if rows.Next() {
		t.Error("unexpected data in an empty table")
	}
}

func TestDrained(t *testing.T) { // ok
	rows, err := db.Query("select 1")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		n++
	}
	if n != 1 {
		t.Errorf("got %d rows", n)
	}
}
