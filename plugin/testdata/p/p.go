// Package p has one leak for rowsclose and one for txfinish, and one of
// an in-house kind that the settings may declare.
package p

import "database/sql"

func rows(db *sql.DB, cond bool) error {
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	if cond {
		return nil
	}
	return rows.Close()
}

func tx(db *sql.DB, cond bool) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if cond {
		return nil
	}
	return tx.Commit()
}

// Cursor is an in-house resource: leaklint knows it only when the
// settings declare it.
type Cursor struct{}

func Open() *Cursor { return &Cursor{} }

func (c *Cursor) Close() {}

func cursor() {
	c := Open()
	_ = c
}
