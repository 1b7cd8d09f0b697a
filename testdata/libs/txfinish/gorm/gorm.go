package gorm

import (
	"gorm.io/gorm"
)

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

func beginOK(db *gorm.DB, u *User) error { // ok
	tx := db.Begin()
	if tx.Error != nil {
		return tx.Error // ok: no transaction when Begin failed
	}
	defer tx.Rollback()
	if err := tx.Create(u).Error; err != nil {
		return err
	}
	return tx.Commit().Error
}

func explicit(db *gorm.DB, u *User) error { // ok
	tx := db.Begin()
	if err := tx.Create(u).Error; err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit().Error
}

func transaction(db *gorm.DB, u *User) error { // ok: Transaction owns the session
	return db.Transaction(func(tx *gorm.DB) error {
		return tx.Create(u).Error
	})
}

// finish commits or rolls back the session it is given.
func finish(tx *gorm.DB, err error) error {
	if err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit().Error
}

func helperFinishes(db *gorm.DB, u *User) error { // ok: the helper finishes it
	tx := db.Begin()
	err := tx.Create(u).Error
	return finish(tx, err)
}

// audit only reads the session.
func audit(tx *gorm.DB, u *User) error {
	return tx.Model(u).Update("audited", true).Error
}

func helperOnlyReads(db *gorm.DB, u *User) error {
	tx := db.Begin() // want `tx from Begin is neither committed nor rolled back on the path through the return at line \d+`
	if err := audit(tx, u); err != nil {
		return err
	}
	return tx.Commit().Error
}

func namedResultErr(db *gorm.DB) (err error) { // ok: err = tx.Error, kept in memory for the deferred closure
	defer func() {
		if err != nil {
			_ = err.Error()
		}
	}()
	tx := db.Begin()
	if err = tx.Error; err != nil {
		return err
	}
	defer tx.Rollback()
	return tx.Commit().Error
}

func chained(db *gorm.DB, u *User) error { // ok: Debug returns the same session
	tx := db.Begin().Debug()
	if tx.Error != nil {
		return tx.Error
	}
	defer tx.Rollback()
	if err := tx.Create(u).Error; err != nil {
		return err
	}
	return tx.Commit().Error
}

func chainedLeak(db *gorm.DB, u *User) error {
	tx := db.Begin() // want `tx from Begin is neither committed nor rolled back on the path through the return at line \d+`
	if err := tx.Where("id = ?", 1).Delete(u).Error; err != nil {
		return err
	}
	return tx.Commit().Error
}

func errorFieldCaptured(db *gorm.DB) (err error) { // ok: tx.Error read through the variable a closure captures
	tx := db.Begin()
	if tx.Error != nil {
		return tx.Error
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if err = tx.Exec("update t set n = n + 1").Error; err != nil {
		return err
	}
	return tx.Commit().Error
}

func handedOver(db *gorm.DB) { // ok: the session's connection pool (the transaction) is stored in the statement
	if tx := db.Begin(); tx.Error == nil {
		db.Statement.ConnPool = tx.Statement.ConnPool
	}
}
