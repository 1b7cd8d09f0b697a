package stmtpool

import (
	"database/sql"
	"testing"
)

// mustDB opens a pool that the test's Cleanup closes, once the test and
// its subtests have ended: a statement prepared on it and never closed
// stays open until then, which lib/pq fixed in its own tests (71daecb).
func mustDB(t testing.TB) *sql.DB {
	db, err := sql.Open("pgx", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// openDB leaves the pool to its caller.
func openDB(t *testing.T) *sql.DB {
	db, err := sql.Open("pgx", "")
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestHelperCleanup(t *testing.T) {
	db := mustDB(t)
	stmt, err := db.Prepare("select 1") // want `stmt from Prepare is not closed on the path through the end of the function at line \d+`
	if err != nil {
		t.Fatal(err)
	}
	if _, err := stmt.Exec(); err != nil {
		t.Fatal(err)
	}
}

func TestOwnCleanup(t *testing.T) { // the pool is the Cleanup's: not reported itself
	db, err := sql.Open("pgx", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	stmt, err := db.Prepare("select 1") // want `stmt from Prepare is not closed on the path through the end of the function at line \d+`
	if err != nil {
		t.Fatal(err)
	}
	if _, err := stmt.Exec(); err != nil {
		t.Fatal(err)
	}
}

func TestDeferredClosure(t *testing.T) { // ok: a deferred closure closes the pool
	db, err := sql.Open("pgx", "")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	stmt, err := db.Prepare("select 1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := stmt.Exec(); err != nil {
		t.Fatal(err)
	}
}

func TestRowsOnCleanedPool(t *testing.T) {
	db := mustDB(t)
	rows, err := db.Query("select 1") // want `rows from Query is not closed on the path through the end of the function at line \d+`
	if err != nil {
		t.Fatal(err)
	}
	_ = rows // rows keep their connection: closing the pool does not close them
}

func TestHelperLeavesPool(t *testing.T) {
	db := openDB(t)
	defer db.Close()
	stmt, err := db.Prepare("select 1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := stmt.Exec(); err != nil {
		t.Fatal(err)
	}
	db2 := openDB(t) // want `db2 from openDB is not closed, returned or stored on the path through the end of the function at line \d+`
	stmt2, err := db2.Prepare("select 1") // want `stmt2 from Prepare is not closed on the path through the end of the function at line \d+`
	if err != nil {
		t.Fatal(err)
	}
	_, _ = stmt2.Exec()
}
