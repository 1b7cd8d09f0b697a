package sqlx

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
)

type User struct {
	ID int `db:"id"`
}

func txLeak(db *sqlx.DB, u User) error {
	tx, err := db.Beginx() // want `tx from Beginx is neither committed nor rolled back on the path through the return at line \d+`
	if err != nil {
		return err
	}
	if _, err := tx.NamedExec("q", u); err != nil {
		return err
	}
	return tx.Commit()
}

func txOK(db *sqlx.DB, u User) error { // ok
	tx := db.MustBegin()
	defer tx.Rollback()
	if _, err := tx.NamedExec("q", u); err != nil {
		return err
	}
	return tx.Commit()
}

func txStmt(db *sqlx.DB) error { // ok: statements prepared on the transaction end with it
	tx, err := db.Beginx()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.Preparex("q")
	if err != nil {
		return err
	}
	if _, err := stmt.Exec(); err != nil {
		return err
	}
	return tx.Commit()
}

func cancelled(ctx context.Context, db *sqlx.DB) error { // ok: sqlx's transaction is database/sql's, rolled back when ctx is done
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "q"); err != nil {
		return err
	}
	return tx.Commit()
}
