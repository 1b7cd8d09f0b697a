package expected

import (
	"context"
	"database/sql"
	"errors"
	"testing"
)

var db *sql.DB

// mustFail stops the test unless err is not nil.
func mustFail(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("want an error")
	}
}

func TestBadQuery(t *testing.T) { // ok: past mustFail, err is not nil and there are no rows
	_, err := db.Query("parse_error $1", 1)
	mustFail(t, err)
}

func TestErrorClass(t *testing.T) { // ok: as(err) is nil for a nil err
	_, err := db.Query("select int 'notint'")
	pe := as(err)
	if pe == nil {
		t.Fatal("expected a *pgError")
	}
	_ = pe.code
}

func TestCancelled(t *testing.T) { // ok: the rows exist only where the test failed
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := db.QueryContext(ctx, "select 1"); err != context.Canceled {
		t.Errorf("want context.Canceled, got %v", err)
	}
}

func TestCancelledIs(t *testing.T) { // ok
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := db.QueryContext(ctx, "select 1"); !errors.Is(err, context.Canceled) {
		t.Errorf("want context.Canceled, got %v", err)
	}
}

func TestWorks(t *testing.T) {
	rows, err := db.Query("select 1") // want `rows from Query is not closed on the path through the end of the function at line \d+`
	if err != nil {
		t.Fatal(err)
	}
	if !rows.Next() {
		t.Error("no row")
	}
}

// dbTest is a test's own type around testing.TB, as drivers' tests have.
type dbTest struct {
	testing.TB
	db *sql.DB
}

func TestThroughTB(t *testing.T) { // ok: Errorf through testing.TB fails the expected failure; Fatalf never returns
	dbt := &dbTest{t, db}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := dbt.db.QueryContext(ctx, "select 1"); err != context.Canceled {
		dbt.Errorf("want context.Canceled, got %v", err)
	}
	rows, err := dbt.db.Query("select 1")
	if err != nil {
		dbt.Fatalf("query: %v", err)
	}
	defer rows.Close()
}

func TestThroughTBLeak(t *testing.T) {
	dbt := &dbTest{t, db}
	rows, err := dbt.db.Query("select 1") // want `rows from Query is not closed on the path through the end of the function at line \d+`
	if err != nil {
		dbt.Fatalf("query: %v", err)
	}
	if rows.Next() {
		dbt.Error("unexpected row")
	}
}
