// Package deferif pins deferred closures that finish the transaction only
// as a captured error says: "if err != nil { tx.Rollback() }" rolls back
// on the paths that return an error, and leaves the transaction open on a
// path that returns nil without committing.
package deferif

import (
	"context"
	"database/sql"
	"errors"
)

func forgotCommit(ctx context.Context, db *sql.DB, skip bool) (err error) {
	tx, err := db.BeginTx(ctx, nil) // want `tx from BeginTx is neither committed nor rolled back on the path through the return at line \d+`
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if skip {
		return nil // err is nil: the closure does not roll back
	}
	if _, err = tx.ExecContext(ctx, "q"); err != nil {
		return err
	}
	return tx.Commit()
}

func committed(ctx context.Context, db *sql.DB) (err error) { // ok
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if _, err = tx.ExecContext(ctx, "q"); err != nil {
		return err
	}
	return tx.Commit()
}

func errorReturned(ctx context.Context, db *sql.DB, ok bool) (err error) { // ok: every path without Commit returns an error
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if !ok {
		return errors.New("refused")
	}
	err = tx.Commit()
	return err
}

func commitOrRollback(ctx context.Context, db *sql.DB) (err error) { // ok: the closure ends it either way
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
			return
		}
		err = tx.Commit()
	}()
	_, err = tx.ExecContext(ctx, "q")
	return err
}

func localErrVariable(ctx context.Context, db *sql.DB, skip bool) error {
	var err error
	tx, err := db.BeginTx(ctx, nil) // want `tx from BeginTx is neither committed nor rolled back on the path through the return at line \d+`
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if _, err = tx.ExecContext(ctx, "q"); err != nil {
		return err
	}
	if skip {
		return nil // err is nil here: the if above found it so
	}
	return tx.Commit()
}

func unknownError(ctx context.Context, db *sql.DB, check func() error) (err error) { // ok: check's error may be non-nil; leaklint stays silent
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	err = check()
	return
}

func committedFlag(ctx context.Context, db *sql.DB, ok bool) error { // ok: the closure rolls back unless committed; leaklint does not guess a flag
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	committed := false
	defer func() {
		if !committed {
			tx.Rollback()
		}
	}()
	if !ok {
		return errors.New("refused")
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	committed = true
	return nil
}

func recovered(ctx context.Context, db *sql.DB) (err error) { // ok: commit or rollback on every path, a panic rolls back
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
	}()
	if _, err = tx.ExecContext(ctx, "q"); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
