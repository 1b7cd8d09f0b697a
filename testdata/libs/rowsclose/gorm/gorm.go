package gorm

import (
	"errors"

	"gorm.io/gorm"
)

type User struct {
	ID   uint
	Name string
}

func rowsLeak(db *gorm.DB) error {
	rows, err := db.Model(&User{}).Rows() // want `rows from Rows is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	if !rows.Next() {
		return errors.New("no users")
	}
	return nil
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

func rowDropped(db *gorm.DB, check bool) (int, error) {
	row := db.Raw("SELECT count(*) FROM users").Row() // want `row from Row is not scanned on the path through the return at line \d+`
	if check {
		return 0, errors.New("skipped")
	}
	var n int
	return n, row.Scan(&n)
}

func rowScanned(db *gorm.DB) (int, error) { // ok: Scan closes a row
	var n int
	err := db.Raw("SELECT count(*) FROM users").Row().Scan(&n)
	return n, err
}
