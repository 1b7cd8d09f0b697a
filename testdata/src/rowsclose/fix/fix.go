package fix

import (
	"context"
	"database/sql"
	"errors"
)

func afterErrCheck(db *sql.DB) error {
	rows, err := db.Query("q") // want `rows from Query is not closed`
	if err != nil {
		return err
	}
	return rows.Err()
}

// The error is dropped: the statement may be nil, and a deferred Close
// would panic on it. No fix.
func noErrCheck(db *sql.DB) {
	stmt, _ := db.Prepare("q") // want `stmt from Prepare is not closed`
	_, _ = stmt.Exec()
}

func inLoop(db *sql.DB, ids []int) error {
	for _, id := range ids {
		rows, err := db.Query("q", id) // want `rows from Query is not closed`
		if err != nil {
			return err
		}
		_ = rows.Err()
	}
	return nil
}

// Open returns the pool on success: no defer is suggested, it would close
// the pool the caller gets.
func Open(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn) // want `db from Open is not closed, returned or stored`
	if err != nil {
		return nil, err
	}
	if err := db.Ping(); err != nil {
		return nil, err
	}
	return db, nil
}

// The check is a switch: the defer goes after it, not between the call
// and the check (where rows may be nil).
func switchCheck(db *sql.DB) error {
	rows, err := db.Query("q") // want `rows from Query is not closed`
	switch {
	case err != nil:
		return err
	}
	return rows.Err()
}

// Several checks: the defer goes after the last, where the error is nil.
func twoChecks(db *sql.DB) error {
	rows, err := db.Query("q") // want `rows from Query is not closed`
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	return rows.Err()
}

// Only errors.Is: past it the error may still be another, and rows nil.
func incompleteCheck(db *sql.DB) error {
	rows, err := db.Query("q") // want `rows from Query is not closed`
	if errors.Is(err, context.Canceled) {
		return err
	}
	return rows.Err()
}

// isFatal's fact says a true result means the error is not nil, but a
// false one says nothing: past it rows may be nil. No fix.
func isFatal(err error) bool { return err != nil }

func helperCheck(db *sql.DB) error {
	rows, err := db.Query("q") // want `rows from Query is not closed`
	if isFatal(err) {
		return err
	}
	return rows.Err()
}

func oneLine(db *sql.DB) error { rows, err := db.Query("a"); if err != nil { return err }; return rows.Err() } // want `rows from Query is not closed`

// A closure that uses the statement is returned: a deferred Close would
// close it before the caller runs the closure. No fix.
func escapingClosure(ctx context.Context, db *sql.DB, check bool) (func() error, error) {
	st, err := db.PrepareContext(ctx, "q") // want `st from PrepareContext is not closed`
	if err != nil {
		return nil, err
	}
	if check {
		return nil, errors.New("refused")
	}
	return func() error {
		_, err := st.ExecContext(ctx)
		return err
	}, nil
}

// A return inside the error check holds the rows: a defer after the check
// would not see it. No fix.
func exitInsideCheck(db *sql.DB, strict bool) error {
	rows, err := db.Query("q") // want `rows from Query is not closed`
	if err != nil || strict {
		return err
	}
	return rows.Err()
}

// find returns nil, nil when nothing is there.
func find(db *sql.DB, ok bool) (*sql.Rows, error) {
	if !ok {
		return nil, nil
	}
	return db.Query("q")
}

// The wrapper may return nil rows with a nil error. No fix.
func maybeNilWrapper(db *sql.DB) error {
	rows, err := find(db, true) // want `rows from find is not closed`
	if err != nil {
		return err
	}
	return rows.Err()
}

func crlf(db *sql.DB) error {
	rows, err := db.Query("q") // want `rows from Query is not closed`
	if err != nil {
		return err
	}
	return rows.Err()
}
