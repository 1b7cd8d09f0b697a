package fix

import "database/sql"

func missingRollback(db *sql.DB) error {
	tx, err := db.Begin() // want `tx from Begin is neither committed nor rolled back`
	if err != nil {
		return err
	}
	if _, err := tx.Exec("q"); err != nil {
		return err
	}
	return tx.Commit()
}
