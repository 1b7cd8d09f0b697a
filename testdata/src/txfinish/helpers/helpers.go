package helpers

import "database/sql"

// Finish commits or rolls back, depending on err.
func Finish(tx *sql.Tx, err error) error {
	if err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Log looks like a finisher but only reads the transaction.
func Log(tx *sql.Tx, err error) error {
	if err != nil {
		_, _ = tx.Exec("insert into log values ($1)", err.Error())
	}
	return err
}

// Begin is a beginTx wrapper: it is itself a Begin for its callers.
func Begin(db *sql.DB) (*sql.Tx, error) {
	tx, err := db.Begin()
	if err != nil {
		return nil, err
	}
	if _, err := tx.Exec("set local lock_timeout = '1s'"); err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx, nil
}
