// Package expected pins tests that expect a call to fail: what the call
// returns beside the error exists only where the test has failed, and is
// not reported; and helpers that stop the test unless it failed.
package expected

import (
	"database/sql"
	"errors"
)

// pgError is a driver's error type.
type pgError struct{ code string }

func (e *pgError) Error() string { return e.code }

// as returns the driver's error, nil for a nil error.
func as(err error) *pgError {
	if pe, ok := errors.AsType[*pgError](err); ok {
		return pe
	}
	return nil
}

// prepared runs q in a transaction through a helper given the transaction.
type preparer interface {
	Prepare(string) (*sql.Stmt, error)
}

func prepare(p preparer, q string) (*sql.Stmt, error) { return p.Prepare(q) }

func FirstID(db *sql.DB) (id int, err error) { // ok: the statement and its rows are the transaction's
	tx, err := db.Begin()
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	stmt, err := prepare(tx, "select id from t")
	if err != nil {
		return 0, err
	}
	rows, err := stmt.Query()
	if err != nil || !rows.Next() {
		return 0, err
	}
	return id, rows.Scan(&id)
}
