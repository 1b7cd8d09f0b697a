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

// batches commits every size inserts; the transaction is open exactly
// when cur is not zero: cur++ follows Begin, cur = 0 follows Commit. The
// path search learns cur's value from the edge it enters a loop by (cur+1
// from a counter that starts at 0 and only grows is not 0), so the return
// guarded by cur == 0 is not reached with the transaction open.
func batches(db *sql.DB, items []int, size int) error { // ok
	var tx *sql.Tx
	cur := 0
	for _, it := range items {
		if cur == 0 {
			var err error
			tx, err = db.Begin()
			if err != nil {
				return err
			}
		}
		if _, err := tx.Exec("insert", it); err != nil {
			tx.Rollback()
			return err
		}
		cur++
		if cur == size {
			if err := tx.Commit(); err != nil {
				return err
			}
			cur = 0
		}
	}
	if cur == 0 {
		return nil
	}
	return tx.Commit()
}

// batchesForgotten never commits the last, partial batch.
func batchesForgotten(db *sql.DB, items []int, size int) error {
	var tx *sql.Tx
	cur := 0
	for _, it := range items {
		if cur == 0 {
			var err error
			tx, err = db.Begin() // want `tx from Begin is neither committed nor rolled back on the path through the return at line \d+`
			if err != nil {
				return err
			}
		}
		if _, err := tx.Exec("insert", it); err != nil {
			tx.Rollback()
			return err
		}
		cur++
		if cur == size {
			if err := tx.Commit(); err != nil {
				return err
			}
			cur = 0
		}
	}
	return nil
}
