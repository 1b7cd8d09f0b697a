// Package gormv1 pins the rows and rows of one of github.com/jinzhu/gorm,
// gorm v1, whose Rows and Row run the query through callbacks into a
// holder: the engine cannot follow it, so the table names them.
package gormv1

import (
	"errors"

	"github.com/jinzhu/gorm"
)

type User struct {
	ID   uint
	Name string
}

func rowsLeak(db *gorm.DB) ([]string, error) {
	rows, err := db.Raw("SELECT name FROM users").Rows() // want `rows from Rows is not closed on the path through the return at line \d+`
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err // a failed Scan does not close database/sql rows
		}
		names = append(names, n)
	}
	return names, nil
}

func rowsOK(db *gorm.DB) error { // ok
	rows, err := db.Model(&User{}).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var u User
		if err := db.ScanRows(rows, &u); err != nil {
			return err
		}
	}
	return rows.Err()
}

func rowScanned(db *gorm.DB) (int, error) { // ok: Scan closes a row
	var n int
	err := db.Raw("SELECT count(*) FROM users").Row().Scan(&n)
	return n, err
}

func rowDropped(db *gorm.DB, check bool) (int, error) {
	row := db.Raw("SELECT count(*) FROM users").Row() // want `row from Row is not scanned on the path through the return at line \d+`
	if check {
		return 0, errors.New("skipped")
	}
	var n int
	return n, row.Scan(&n)
}
