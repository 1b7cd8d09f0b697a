// Package gormv1 pins transactions of github.com/jinzhu/gorm, gorm v1:
// the same session API as gorm.io's, with RollbackUnlessCommitted.
package gormv1

import "github.com/jinzhu/gorm"

type User struct {
	ID   uint
	Name string
}

func beginLeak(db *gorm.DB, u *User) error {
	tx := db.Begin() // want `tx from Begin is neither committed nor rolled back on the path through the return at line \d+`
	if tx.Error != nil {
		return tx.Error
	}
	if err := tx.Create(u).Error; err != nil {
		return err
	}
	return tx.Commit().Error
}

func unlessCommitted(db *gorm.DB, u *User) error { // ok
	tx := db.Begin()
	defer tx.RollbackUnlessCommitted()
	if err := tx.Create(u).Error; err != nil {
		return err
	}
	return tx.Commit().Error
}

func transaction(db *gorm.DB, u *User) error { // ok: Transaction owns the session
	return db.Transaction(func(tx *gorm.DB) error {
		return tx.Create(u).Error
	})
}
