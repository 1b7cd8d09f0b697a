// Package app uses the store: one leak of each kind through the store's
// helper, the correct versions, and a suppressed leak.
package app

import (
	"database/sql"

	"example.com/leaky/store"
)

// CountUsers leaks the rows from a cross-package helper when Scan fails.
func CountUsers(db *sql.DB) (int, error) {
	rows, err := store.Users(db)
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return 0, err
		}
		n++
	}
	return n, rows.Err()
}

// ListUsers is correct: the helper closes the rows.
func ListUsers(db *sql.DB) (int, error) {
	rows, err := store.Users(db)
	if err != nil {
		return 0, err
	}
	return store.Drain(rows)
}

// Rename leaks the transaction when Exec fails.
func Rename(db *sql.DB, id int, name string) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if _, err := tx.Exec("UPDATE users SET name = ? WHERE id = ?", name, id); err != nil {
		return err
	}
	return tx.Commit()
}

// Delete is correct: the deferred Rollback ends the transaction on every
// path, and is a no-op after Commit.
func Delete(db *sql.DB, id int) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec("DELETE FROM users WHERE id = ?", id); err != nil {
		return err
	}
	return tx.Commit()
}

// Legacy leaks, knowingly: the finding is suppressed.
func Legacy(db *sql.DB) error {
	rows, err := store.Users(db) //nolint:leaklint // fixture: a suppressed finding
	if err != nil {
		return err
	}
	return rows.Err()
}

// Archive leaks, knowingly: the finding of rowsclose alone is suppressed,
// from the line above.
func Archive(db *sql.DB) error {
	//nolint:rowsclose // fixture: a finding suppressed by analyzer name
	rows, err := store.Users(db)
	if err != nil {
		return err
	}
	return rows.Err()
}
