// Package robust holds shapes that once crashed the engine.
package robust

import "database/sql"

func nilPool() { // a pool variable never assigned is the constant nil
	var db *sql.DB
	rows, err := db.Query("q") // want `rows from Query is not closed on the path through the end of the function at line \d+`
	if err != nil {
		return
	}
	_ = rows.Err()
}

const debug = false

func constantCondition(db *sql.DB) error { // ok
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	defer rows.Close()
	if debug {
		return nil
	}
	return rows.Err()
}
