// Package conditions pins the pruning of paths that take a condition and
// its complement: a path on which err != nil was false cannot find
// err == nil false, nor can one on which ok was true find !ok true.
package conditions

import (
	"database/sql"
	"errors"
)

func elseIfComplement(db *sql.DB, abort bool) error { // ok: the implicit final else cannot run
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	_, err = tx.Exec("q")
	if abort {
		tx.Rollback()
	} else if err != nil {
		tx.Rollback()
		return err
	} else if err == nil {
		return tx.Commit()
	}
	return errors.New("aborted")
}

func boolAndNot(db *sql.DB, commit bool) error { // ok: commit and !commit cover every path
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if commit {
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	if !commit {
		return tx.Rollback()
	}
	return nil
}

func sameConstant(db *sql.DB, mode int) error { // ok: mode == 1 and mode != 1 are complements
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if mode == 1 {
		return tx.Commit()
	}
	if mode != 1 {
		return tx.Rollback()
	}
	return nil
}

func differentConstants(db *sql.DB, mode int) error {
	tx, err := db.Begin() // want `tx from Begin is neither committed nor rolled back on the path through the return at line \d+`
	if err != nil {
		return err
	}
	if mode == 1 {
		return tx.Commit()
	}
	if mode == 2 {
		return tx.Rollback()
	}
	return nil
}

func reassignedBetween(db *sql.DB) error {
	tx, err := db.Begin() // want `tx from Begin is neither committed nor rolled back on the path through the return at line \d+`
	if err != nil {
		return err
	}
	_, err = tx.Exec("a")
	if err != nil {
		tx.Rollback()
		return err
	}
	_, err = tx.Exec("b") // a new err: its test says nothing of the first
	if err == nil {
		return tx.Commit()
	}
	return err
}

func inLoop(db *sql.DB, items []int) error {
	tx, err := db.Begin() // want `tx from Begin is neither committed nor rolled back on the path through the return at line \d+`
	if err != nil {
		return err
	}
	for _, it := range items {
		_, err := tx.Exec("q", it)
		if err != nil {
			continue
		}
		if err == nil && it > 10 {
			return nil // a later iteration's err is another value
		}
	}
	return tx.Commit()
}

func namedResult(db *sql.DB, abort bool) (err error) { // ok: err lives in a variable the deferred closure reads
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer func() { _ = err }()
	_, err = tx.Exec("q")
	if abort {
		tx.Rollback()
	} else if err != nil {
		tx.Rollback()
		return err
	} else if err == nil {
		return tx.Commit()
	}
	return errors.New("aborted")
}

func namedResultStoredBetween(db *sql.DB) (err error) {
	tx, err := db.Begin() // want `tx from Begin is neither committed nor rolled back on the path through the return at line \d+`
	if err != nil {
		return err
	}
	defer func() { _ = err }()
	_, err = tx.Exec("a")
	if err != nil {
		tx.Rollback()
		return err
	}
	_, err = tx.Exec("b") // a store: the variable holds another error now
	if err == nil {
		return tx.Commit()
	}
	return err
}
