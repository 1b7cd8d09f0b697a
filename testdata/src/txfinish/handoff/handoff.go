package handoff

import (
	"context"
	"database/sql"
	"testing"
)

var testDB *sql.DB

// beginTx registers the rollback with t.Cleanup and returns the
// transaction: the caller does not own it.
func beginTx(t *testing.T) *sql.Tx {
	tx, err := testDB.Begin()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = tx.Rollback() })
	return tx
}

func useFixture(t *testing.T) { // ok: t.Cleanup rolls it back
	tx := beginTx(t)
	if _, err := tx.Exec("insert"); err != nil {
		t.Fatal(err)
	}
}

// begin returns the transaction with the function that ends it.
func begin(ctx context.Context, db *sql.DB) (*sql.Tx, func(), error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	return tx, func() { _ = tx.Rollback() }, nil
}

func useCleanup(ctx context.Context, db *sql.DB) error { // ok: done rolls it back
	tx, done, err := begin(ctx, db)
	if err != nil {
		return err
	}
	defer done()
	if _, err := tx.ExecContext(ctx, "x"); err != nil {
		return err
	}
	return tx.Commit()
}

// beginOK returns the transaction, or false: no error says it is nil.
func beginOK(db *sql.DB) (*sql.Tx, bool) {
	tx, err := db.Begin()
	if err != nil {
		return nil, false
	}
	return tx, true
}

func useOK(db *sql.DB) error { // ok: beginOK's result is not known to be owned
	tx, ok := beginOK(db)
	if !ok {
		return nil
	}
	defer tx.Rollback()
	return tx.Commit()
}
