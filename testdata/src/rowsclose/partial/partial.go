// Package partial pins helpers that release a resource on some paths
// only. When a result says where (an error not nil, or a false "found"),
// the caller owns the resource on the other paths; when nothing says,
// the caller still owns it and is told the helper may leave it open.
package partial

import (
	"database/sql"
	"errors"
)

var ErrNotFound = errors.New("not found")

// scanFirst reads the first row; it closes the rows only when there is
// none, and says so with found == false.
func scanFirst(rows *sql.Rows, dst *int) (found bool, err error) {
	if !rows.Next() {
		return false, rows.Err()
	}
	return true, rows.Scan(dst)
}

func firstLeaks(db *sql.DB) (int, error) {
	rows, err := db.Query("q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return 0, err
	}
	var n int
	found, err := scanFirst(rows, &n)
	if err != nil || !found {
		return 0, err
	}
	return n, nil // found: the rows are still open
}

func firstClosed(db *sql.DB) (int, error) { // ok
	rows, err := db.Query("q")
	if err != nil {
		return 0, err
	}
	var n int
	found, err := scanFirst(rows, &n)
	if !found {
		return 0, err // scanFirst closed them
	}
	rows.Close()
	return n, err
}

// mustHaveRow closes the rows on its error path and returns them open on
// success.
func mustHaveRow(rows *sql.Rows) error {
	if !rows.Next() {
		return ErrNotFound
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return err
	}
	return nil
}

func mustLeaks(db *sql.DB) error {
	rows, err := db.Query("q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	if err := mustHaveRow(rows); err != nil {
		return err // ok here: mustHaveRow closed them
	}
	return nil // open
}

func mustClosed(db *sql.DB) (int, error) { // ok
	rows, err := db.Query("q")
	if err != nil {
		return 0, err
	}
	if err := mustHaveRow(rows); err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int
	return n, rows.Scan(&n)
}

// closeIfEmpty closes the rows when nothing is there; no result says so.
func closeIfEmpty(rows *sql.Rows, n int) {
	if n == 0 {
		rows.Close()
	}
}

func sometimesLeaks(db *sql.DB, n int) error {
	rows, err := db.Query("q") // want `rows from Query is not closed on the path through the return at line \d+ \(closeIfEmpty releases it on some paths only\)`
	if err != nil {
		return err
	}
	closeIfEmpty(rows, n)
	return nil
}

func sometimesThenClosed(db *sql.DB, n int) error { // ok: Close after Close is harmless
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	closeIfEmpty(rows, n)
	return rows.Close()
}

// columnScanner is the part of *sql.Rows a scanning helper needs.
type columnScanner interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close() error
}

// scanInts returns a nil error only after Next returned false, which
// closed the rows; on a Scan error they are still open.
func scanInts(rows columnScanner) ([]int, error) {
	var ns []int
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		ns = append(ns, n)
	}
	return ns, rows.Err()
}

func scannedThroughInterface(db *sql.DB) ([]int, error) { // ok: closed by Next on success, by the caller on error
	rows, err := db.Query("q")
	if err != nil {
		return nil, err
	}
	ns, err := scanInts(rows)
	if err != nil {
		rows.Close()
		return nil, err
	}
	return ns, nil
}

func scannedErrorDropped(db *sql.DB) ([]int, error) {
	rows, err := db.Query("q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return nil, err
	}
	ns, err := scanInts(rows)
	if err != nil {
		return nil, err // a Scan error left them open
	}
	return ns, nil
}
