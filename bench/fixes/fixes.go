// Package fixes holds one minimal reproducer for each way the fix check
// of make realworld (leaklint -fix on copies of the modules reviewed)
// found a suggested fix to break code. Each function here is reported, and
// the fix that leaklint suggests for it is wrong; make realworld lists
// those whose fix is still wrong, so a fix in the engine shows up as a
// shorter list. Each also belongs in testdata/src as a
// RunWithSuggestedFixes case with its .golden file.
package fixes

import (
	"database/sql"
	"testing"

	"github.com/stretchr/testify/require"
)

// RequireNoErrorRows leaks its rows (a true finding). The fix inserts
// `defer rows.Close()` right after the Query, before require.NoError checks
// err: when the query fails, rows is nil, require.NoError ends the test
// with runtime.Goexit, the deferred call runs and panics on the nil
// *sql.Rows, so the test panics instead of failing (pgx
// stdlib/sql_test.go:1033 and :1480, the wider set's tests of ent,
// sqlboiler, river…).
//
// Rule: the defer goes after the check of the error returned beside the
// resource, in every form of the check that the engine understands for
// paths (here testify's require.NoError, which it already knows ends the
// path where err is non-nil), or no fix is offered.
func RequireNoErrorRows(t *testing.T, db *sql.DB) {
	rows, err := db.Query("select 1")
	require.NoError(t, err)
	_, err = rows.Columns()
	require.NoError(t, err)
}

// RequireNoErrorTx is the same for a transaction: `defer tx.Rollback()`
// lands between Begin and require.NoError (pgx stdlib/sql_test.go:225).
func RequireNoErrorTx(t *testing.T, db *sql.DB) {
	tx, err := db.Begin()
	require.NoError(t, err)
	_, err = tx.Exec("select 1")
	require.NoError(t, err)
}

// RequireNoErrorOpen is the same for a pool: sql.Open returns a nil *sql.DB
// for an unknown driver, and `defer db.Close()` before require.NoError
// panics then (bun driver/pgdriver/driver_test.go:20).
func RequireNoErrorOpen(b *testing.B, dsn string) {
	db, err := sql.Open("pg", dsn)
	require.NoError(b, err)
	for range b.N {
		if _, err := db.Exec("select 1"); err != nil {
			b.Fatal(err)
		}
	}
}

// accumulator accumulates errors as gorm's *DB does (AddError).
type accumulator struct{ err error }

// add records err and returns the first error recorded.
func (e *accumulator) add(err error) error {
	if e.err == nil {
		e.err = err
	}
	return e.err
}

// AccumulatedCheck is correct (falsepos.AccumulatedError is the same shape,
// a false positive), and the fix offered for it breaks it:
// `defer rows.Close()` is inserted before `if e.add(err) == nil`, so a
// failed query panics on the nil rows when the function returns (gorm
// callbacks/create.go:91, the Create callback of every INSERT … RETURNING).
//
// Rule: a fix is never offered where the engine cannot place the defer
// after a check it understands; and a false positive's fix changes correct
// code, so every fix inherits the finding's precision.
func AccumulatedCheck(db *sql.DB, e *accumulator) {
	if e.err != nil {
		return
	}
	rows, err := db.Query("insert into t default values returning id")
	if e.add(err) == nil {
		defer func() { e.add(rows.Close()) }()
		for rows.Next() {
		}
	}
}

// check is a test helper in the style of sqlx's own tests: it ends the
// test when err is non-nil.
type check struct{ t *testing.T }

// noError stops the test on a non-nil err.
func (c check) noError(err error) {
	if err != nil {
		c.t.Fatal(err)
	}
}

// HelperChecked leaks its statement (a true finding). The fix inserts
// `defer stmt.Close()` between the Prepare and the helper that checks err,
// so a failed Prepare panics on the nil *sql.Stmt when the test ends
// (sqlx named_test.go:158 and named_context_test.go:38, `test.Error(err)`).
//
// Rule: a helper that returns only when err is nil (the engine's polarity
// facts) is an error check too: the defer goes after it.
func HelperChecked(t *testing.T, db *sql.DB) {
	stmt, err := db.Prepare("select 1")
	check{t}.noError(err)
	_, err = stmt.Exec()
	check{t}.noError(err)
}
