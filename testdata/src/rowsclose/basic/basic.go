package basic

import (
	"context"
	"database/sql"
	"errors"
	"log"
)

func leakOnEarlyReturn(db *sql.DB, cond bool) error {
	rows, err := db.Query("q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return err // ok: rows is nil on this path
	}
	if cond {
		return nil
	}
	return rows.Close()
}

func deferClose(db *sql.DB) error { // ok
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}

func fullIteration(db *sql.DB) error { // ok: Next returning false closes the rows
	rows, err := db.QueryContext(context.Background(), "q")
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int
		_ = rows.Scan(&id)
	}
	return rows.Err()
}

func returnInsideLoop(db *sql.DB) error {
	rows, err := db.QueryContext(context.Background(), "q") // want `rows from QueryContext is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return err
		}
	}
	return rows.Err()
}

func discarded(db *sql.DB) {
	db.Query("q") // want `rows from Query is discarded and never closed`
}

func fatal(db *sql.DB) {
	rows, err := db.Query("q")
	if err != nil {
		log.Fatal(err)
	}
	if rows == nil {
		return
	}
	log.Fatal("done") // ok: the process exits
}

func returned(db *sql.DB) (*sql.Rows, error) {
	return db.Query("q")
}

func viaWrapper(db *sql.DB) {
	rows, err := returned(db) // want `rows from returned is not closed on the path through the end of the function at line \d+`
	if err != nil {
		return
	}
	_ = rows.Err()
}

func closeRows(r *sql.Rows) {
	r.Close()
}

func readRows(r *sql.Rows) int {
	n := 0
	_ = r.Scan(&n)
	return n
}

func viaHelper(db *sql.DB) error { // ok
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	defer closeRows(rows)
	return nil
}

func borrowOnly(db *sql.DB) error {
	rows, err := db.Query("q") // want `rows from Query is not closed`
	if err != nil {
		return err
	}
	if readRows(rows) == 0 {
		return errors.New("none")
	}
	return rows.Close()
}

func deferredClosure(db *sql.DB) (err error) { // ok
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	defer func() {
		if cerr := rows.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	return nil
}

func row(db *sql.DB) (int, error) { // ok
	var n int
	err := db.QueryRow("q").Scan(&n)
	return n, err
}

func rowNotScanned(db *sql.DB) error {
	r := db.QueryRow("q") // want `row r from QueryRow is not scanned \(Err does not release it\) on the path through the return at line \d+`
	return r.Err()
}

func rowErrChecked(db *sql.DB) (n int, err error) { // ok: a Row with an error holds no connection
	r := db.QueryRow("q")
	if err := r.Err(); err != nil {
		return 0, err
	}
	err = r.Scan(&n)
	return n, err
}
