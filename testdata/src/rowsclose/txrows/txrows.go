// Package txrows pins the rule for rows opened on a database/sql
// transaction: Commit and Rollback cancel the transaction's context, which
// closes every Rows and Row opened on it, so they hold nothing after the
// transaction ends. A transaction that does not end is txfinish's finding.
package txrows

import (
	"context"
	"database/sql"
)

func rowsThenCommit(db *sql.DB) error { // ok: Commit closes the rows
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rows, err := tx.Query("q")
	if err != nil {
		return err
	}
	if rows.Next() {
		return nil // ok: the deferred Rollback closes the rows
	}
	return tx.Commit()
}

func rowOnTx(ctx context.Context, db *sql.DB) error { // ok: a row of the transaction ends with it
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	r := tx.QueryRowContext(ctx, "q")
	if err := r.Err(); err != nil {
		return err
	}
	return tx.Commit()
}

// helper is given the transaction: its caller ends it, which closes the rows.
func helper(ctx context.Context, tx *sql.Tx) (int, error) { // ok
	rows, err := tx.QueryContext(ctx, "q")
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
		if n > 3 {
			return n, nil
		}
	}
	return n, rows.Err()
}

// withTx runs f in a transaction it ends.
func withTx(ctx context.Context, db *sql.DB, f func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := f(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func callback(ctx context.Context, db *sql.DB) error { // ok: withTx ends the transaction
	return withTx(ctx, db, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "q")
		if err != nil {
			return err
		}
		if !rows.Next() {
			return nil
		}
		return nil
	})
}

func stmtOfTx(ctx context.Context, tx *sql.Tx, st *sql.Stmt) error { // ok: tx.Stmt's rows are the transaction's
	rows, err := tx.StmtContext(ctx, st).QueryContext(ctx)
	if err != nil {
		return err
	}
	_ = rows.Err()
	return nil
}

func poolRowsBesideTx(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rows, err := db.QueryContext(ctx, "q") // want `rows from QueryContext is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	if rows.Next() {
		return nil
	}
	return tx.Commit()
}

// queryTx returns rows of the transaction it is given.
func queryTx(ctx context.Context, tx *sql.Tx) (*sql.Rows, error) {
	return tx.QueryContext(ctx, "q")
}

func viaTxWrapper(ctx context.Context, tx *sql.Tx) error { // ok: the rows are the transaction's
	rows, err := queryTx(ctx, tx)
	if err != nil {
		return err
	}
	_ = rows.Err()
	return nil
}
