package precision

import (
	"context"
	"database/sql"
	"testing"
	"time"
)

func TestCleanupMethodValue(t *testing.T) { // ok: t.Cleanup runs db.Close at the end of the test
	db, err := sql.Open("postgres", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
}

func TestCleanupBound(t *testing.T) { // ok: the method value is bound to db
	db, err := sql.Open("postgres", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	rows, err := db.Query("q")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rows.Close() })
}

func TestAfterFunc(t *testing.T) { // ok: time.AfterFunc closes the rows later
	rows, err := db.Query("q")
	if err != nil {
		t.Fatal(err)
	}
	time.AfterFunc(time.Second, func() { rows.Close() })
}

func TestContextAfter(t *testing.T) { // ok: context.AfterFunc closes the rows when ctx is done
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rows, err := db.QueryContext(ctx, "q")
	if err != nil {
		t.Fatal(err)
	}
	context.AfterFunc(ctx, func() { rows.Close() })
}

var db *sql.DB
