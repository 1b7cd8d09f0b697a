package fix

import "database/sql"

func afterErrCheck(db *sql.DB) error {
	rows, err := db.Query("q") // want `rows from Query is not closed`
	if err != nil {
		return err
	}
	return rows.Err()
}

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
