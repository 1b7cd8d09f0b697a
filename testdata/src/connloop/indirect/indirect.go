// Package indirect pins the second-connection rule one step away: the
// pool used by a helper (given the pool, or using a package-level one)
// while a transaction from it is open, and a statement prepared on the
// pool executed while a transaction is open.
package indirect

import (
	"context"
	"database/sql"
)

var pool *sql.DB

// audit writes an audit record on the package's pool.
func audit(ctx context.Context, what string) error {
	_, err := pool.ExecContext(ctx, "insert into audit values ($1)", what)
	return err
}

func withGlobalHook(ctx context.Context) error {
	tx, err := pool.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "update t set x = 1"); err != nil {
		return err
	}
	if err := audit(ctx, "update"); err != nil { // want `audit, which queries the pool, while tx from BeginTx \(line \d+\) is open needs a second connection from the pool; use the transaction`
		return err
	}
	return tx.Commit()
}

func auditAfterCommit(ctx context.Context) error { // ok: the transaction is over
	tx, err := pool.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "update t set x = 1"); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	return audit(ctx, "update")
}

// record writes on the pool it is given.
func record(ctx context.Context, db *sql.DB, what string) error {
	_, err := db.ExecContext(ctx, "insert into audit values ($1)", what)
	return err
}

func withPoolHelper(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := record(ctx, db, "begin"); err != nil { // want `record, which queries the pool, while tx from BeginTx \(line \d+\) is open needs a second connection from the pool; use the transaction`
		return err
	}
	return tx.Commit()
}

func preparedOnPoolInTx(ctx context.Context, db *sql.DB, ids []int) error {
	st, err := db.PrepareContext(ctx, "insert into t values ($1)")
	if err != nil {
		return err
	}
	defer st.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, id := range ids {
		if _, err := st.ExecContext(ctx, id); err != nil { // want `ExecContext on a statement prepared on the pool while tx from BeginTx \(line \d+\) is open needs a second connection from the pool; use tx.Stmt`
			return err
		}
	}
	return tx.Commit()
}

func txStmt(ctx context.Context, db *sql.DB, ids []int) error { // ok: tx.Stmt runs the statement on the transaction
	st, err := db.PrepareContext(ctx, "insert into t values ($1)")
	if err != nil {
		return err
	}
	defer st.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, id := range ids {
		if _, err := tx.StmtContext(ctx, st).ExecContext(ctx, id); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func twoRows(db *sql.DB) (int, int, error) {
	var a, b int
	r1 := db.QueryRow("select a")
	r2 := db.QueryRow("select b") // want `QueryRow on the pool while row r1 from QueryRow \(line \d+\) is open needs a second connection from the pool`
	if err := r2.Scan(&b); err != nil {
		return 0, 0, err
	}
	err := r1.Scan(&a)
	return a, b, err
}
