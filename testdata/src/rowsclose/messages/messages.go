// Package messages pins how findings read: the variable is named with
// its kind when its name does not say it, the path named is one a reader
// believes, and a return on the acquisition's own line says so.
package messages

import (
	"database/sql"
	"errors"
)

func statementNamedTx(db *sql.DB) error {
	tx, err := db.Prepare("q") // want `statement tx from Prepare is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	_, err = tx.Exec()
	return err
}

func shortName(db *sql.DB) error {
	c, err := db.Query("q") // want `rows c from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	return c.Err()
}

func nameSaysIt(db *sql.DB) error {
	insertStmt, err := db.Prepare("q") // want `insertStmt from Prepare is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	_, err = insertStmt.Exec()
	return err
}

func ordinaryReturnFirst(db *sql.DB, ok bool) error {
	rows, err := db.Query("a") // want `rows from Query is not closed on the path through the return at line 47`
	if err != nil {
		return err
	}
	other, err := db.Query("b") // want `rows other from Query is not closed on the path through the return at line 47`
	if err != nil {
		return err // needs the second Query to fail
	}
	if !ok {
		return errors.New("not ok")
	}
	other.Close()
	return rows.Close()
}

func sameLine(db *sql.DB) error {
	return db.QueryRow("q").Err() // want `row from QueryRow is not scanned \(Err does not release it\) on the path through the return on the same line`
}

func overwritten(db *sql.DB) error {
	rows, err := db.Query("a") // want `rows from Query is overwritten at line \d+ while still open`
	if err != nil {
		return err
	}
	rows, err = db.Query("b")
	if err != nil {
		return err
	}
	return rows.Close()
}

func overwrittenAfterClose(db *sql.DB) error { // ok
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
