package user

import (
	"database/sql"

	"txfinish/helpers"
)

func finishedByHelper(db *sql.DB) error { // ok
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	_, err = tx.Exec("q")
	return helpers.Finish(tx, err)
}

func helperOnlySeemsToFinish(db *sql.DB) error {
	tx, err := db.Begin() // want `tx from Begin is neither committed nor rolled back on the path through the return at line \d+`
	if err != nil {
		return err
	}
	_, err = tx.Exec("q")
	return helpers.Log(tx, err)
}

func wrapperBegin(db *sql.DB) error {
	tx, err := helpers.Begin(db) // want `tx from Begin is neither committed nor rolled back on the path through the return at line \d+`
	if err != nil {
		return err
	}
	if _, err := tx.Exec("q"); err != nil {
		return err
	}
	return tx.Commit()
}

func wrapperBeginOK(db *sql.DB) error { // ok
	tx, err := helpers.Begin(db)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec("q"); err != nil {
		return err
	}
	return tx.Commit()
}
