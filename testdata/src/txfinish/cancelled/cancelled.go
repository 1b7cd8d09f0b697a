// Package cancelled pins the rule that cancelling the context a
// database/sql transaction was begun with rolls it back: BeginTx's
// documentation says "If the context is canceled, the sql package will
// roll back the transaction". A deferred cancel of a context made in the
// same function (context.WithCancel, WithTimeout, WithDeadline, their
// Cause forms, and contexts derived from one by WithValue) finishes the
// transaction when the function returns, as a deferred Rollback would.
package cancelled

import (
	"context"
	"database/sql"
	"time"
)

func deferredCancel(ctx context.Context, db *sql.DB) error { // ok: the deferred cancel rolls back
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "q"); err != nil {
		return err
	}
	return tx.Commit()
}

func derivedContext(ctx context.Context, conn *sql.Conn) error { // ok: cancelling the parent cancels the child
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ctx = context.WithValue(ctx, key{}, 1)
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "q"); err != nil {
		return err
	}
	return tx.Commit()
}

func cancelledOnError(ctx context.Context, db *sql.DB) error { // ok: cancel is called where the error returns
	ctx, cancel := context.WithDeadline(ctx, time.Now().Add(time.Second))
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		cancel()
		return err
	}
	if _, err := tx.ExecContext(ctx, "q"); err != nil {
		cancel()
		return err
	}
	err = tx.Commit()
	cancel()
	return err
}

type key struct{}

func notCancelledOnError(ctx context.Context, db *sql.DB) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	tx, err := db.BeginTx(ctx, nil) // want `tx from BeginTx is neither committed nor rolled back on the path through the return at line \d+`
	if err != nil {
		cancel()
		return err
	}
	if _, err := tx.ExecContext(ctx, "q"); err != nil {
		return err // lostcancel's finding too: the transaction stays open
	}
	err = tx.Commit()
	cancel()
	return err
}

func callersContext(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil) // want `tx from BeginTx is neither committed nor rolled back on the path through the return at line \d+`
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "q"); err != nil {
		return err // the caller's context may never be cancelled
	}
	return tx.Commit()
}

func otherContextCancelled(ctx context.Context, db *sql.DB) error {
	other, cancel := context.WithCancel(ctx)
	defer cancel()
	_ = other
	tx, err := db.BeginTx(ctx, nil) // want `tx from BeginTx is neither committed nor rolled back on the path through the return at line \d+`
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "q"); err != nil {
		return err // cancel ends other, not the transaction's context
	}
	return tx.Commit()
}
