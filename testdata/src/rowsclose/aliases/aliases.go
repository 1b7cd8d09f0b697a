package aliases

import (
	"database/sql"
	"errors"
	"io"
)

func bothBranches(db *sql.DB, cond bool) error { // ok: the phi of both results is closed
	var rows *sql.Rows
	var err error
	if cond {
		rows, err = db.Query("a")
	} else {
		rows, err = db.Query("b")
	}
	if err != nil {
		return err
	}
	defer rows.Close()
	return nil
}

func oneBranchLeaks(db *sql.DB, cond bool) error {
	var rows *sql.Rows
	var err error
	if cond {
		rows, err = db.Query("a")
	} else {
		rows, err = db.Query("b") // want `rows from Query is not closed on the path through the return at line \d+`
		if err == nil && rows.Next() {
			return nil
		}
	}
	if err != nil {
		return err
	}
	return rows.Close()
}

func reusedVariable(db *sql.DB) error {
	rows, err := db.Query("a")
	if err != nil {
		return err
	}
	defer rows.Close()
	rows, err = db.Query("b") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	return nil
}

func reusedVariableCaptured(db *sql.DB) error {
	rows, err := db.Query("a") // want `rows from Query is overwritten at line 60 while still open`
	if err != nil {
		return err
	}
	defer func() { rows.Close() }()
	rows, err = db.Query("b") // ok: the deferred closure closes the last value
	if err != nil {
		return err
	}
	return nil
}

func reusedVariableClosedBetween(db *sql.DB) error { // ok
	rows, err := db.Query("a")
	if err != nil {
		return err
	}
	rows.Close()
	rows, err = db.Query("b")
	if err != nil {
		return err
	}
	return rows.Close()
}

func nilCheck(db *sql.DB) { // ok: closed when not nil
	rows, _ := db.Query("q")
	if rows != nil {
		rows.Close()
	}
}

func asCloser(db *sql.DB) error { // ok: closed through io.Closer
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	var c io.Closer = rows
	return c.Close()
}

func closeQuietly(c io.Closer) {
	_ = c.Close()
}

func throughCloserHelper(db *sql.DB) error { // ok
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	defer closeQuietly(rows)
	return nil
}

func errCheckedLater(db *sql.DB) error { // ok: err == nil on the only path that keeps rows
	rows, err := db.Query("q")
	if err == nil {
		defer rows.Close()
	}
	return err
}

var errSkip = errors.New("skip")

func errComparedToSentinel(db *sql.DB) error { // ok: err == sql.ErrNoRows means no rows
	rows, err := db.Query("q")
	switch {
	case err == sql.ErrNoRows:
		return nil
	case err != nil:
		return err
	}
	return rows.Close()
}

func errTestedByCall(db *sql.DB) error { // ok: errors.Is true means err is not nil
	rows, err := db.Query("q")
	if errors.Is(err, errSkip) {
		return nil
	}
	if isFatal(err) {
		return err
	}
	if err != nil {
		return err
	}
	return rows.Close()
}

func isFatal(err error) bool { return err != nil && err != errSkip }

type scanner interface{ Scan(dest ...any) error }

func scanOne(s scanner) (int, error) {
	var n int
	err := s.Scan(&n)
	return n, err
}

func rowThroughScanner(db *sql.DB) (int, error) { // ok: Scan releases a single row
	return scanOne(db.QueryRow("q"))
}

func rowsThroughScanner(db *sql.DB) error {
	rows, err := db.Query("q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	for rows.Next() {
		if _, err := scanOne(rows); err != nil {
			return err
		}
	}
	return nil
}

// okOrWrite writes the error, if any, and reports whether there was none.
func okOrWrite(w io.Writer, err error) bool {
	if err != nil {
		_, _ = io.WriteString(w, err.Error())
		return false
	}
	return true
}

func negatedHelper(db *sql.DB, w io.Writer) { // ok: !okOrWrite(w, err) means err != nil
	rows, err := db.Query("q")
	if !okOrWrite(w, err) {
		return
	}
	defer rows.Close()
}

func negatedHelperLeak(db *sql.DB, w io.Writer) {
	rows, err := db.Query("q") // want `rows from Query is not closed on the path through the end of the function at line \d+`
	if !okOrWrite(w, err) {
		return
	}
	_ = rows.Err()
}

type pqError struct{ Code string }

func (e *pqError) Error() string { return e.Code }

func typeAssertedErr(db *sql.DB) error { // ok: err.(*pqError) succeeding means no rows
	rows, err := db.Query("q")
	if pe, ok := err.(*pqError); ok {
		return errors.New(pe.Code)
	}
	if err != nil {
		return err
	}
	return rows.Close()
}

func typeSwitchErr(db *sql.DB) error { // ok
	rows, err := db.Query("q")
	switch e := err.(type) {
	case *pqError:
		return errors.New(e.Code)
	case nil:
	default:
		return err
	}
	return rows.Close()
}

func wrapErr(err error, msg string) error {
	if err == nil {
		return nil
	}
	return errors.New(msg + ": " + err.Error())
}

func wrappedErr(db *sql.DB) error { // ok: wrapErr returns nil exactly for nil
	rows, err := db.Query("q")
	if err = wrapErr(err, "query"); err != nil {
		return err
	}
	return rows.Close()
}
