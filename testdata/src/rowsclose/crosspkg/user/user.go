package user

import (
	"database/sql"

	"rowsclose/crosspkg/helpers"
)

func closedByHelper(db *sql.DB) error { // ok
	rows, err := helpers.Open(db)
	if err != nil {
		return err
	}
	defer helpers.Close(rows)
	return nil
}

func leakThroughWrapper(db *sql.DB) error {
	rows, err := helpers.Open(db) // want `rows from Open is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	return rows.Err()
}

func borrowedByHelper(db *sql.DB) int {
	rows, err := db.Query("q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return 0
	}
	return helpers.Count(rows)
}

func stashedByHelper(db *sql.DB) { // ok: the helper keeps them
	rows, err := db.Query("q")
	if err != nil {
		return
	}
	helpers.Stash(rows)
}
