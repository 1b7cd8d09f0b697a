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

// Open returns the pool on success: no defer is suggested, it would close
// the pool the caller gets.
func Open(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn) // want `db from Open is not closed, returned or stored`
	if err != nil {
		return nil, err
	}
	if err := db.Ping(); err != nil {
		return nil, err
	}
	return db, nil
}
