package deferloop

import (
	"context"
	"database/sql"
	"errors"
)

func deferInLoop(db *sql.DB, ids []int) error {
	for _, id := range ids {
		rows, err := db.Query("q", id)
		if err != nil {
			return err
		}
		defer rows.Close() // want `defer rows.Close\(\) in a loop holds every iteration's connection until the function returns`
		if rows.Next() {   // the first row only: the rows stay open
			var n int
			_ = rows.Scan(&n)
		}
	}
	return nil
}

func drainedInLoop(db *sql.DB, ids []int) error { // ok: Next returning false closes each iteration's rows; the late defer holds nothing
	for _, id := range ids {
		rows, err := db.Query("q", id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
		}
	}
	return nil
}

func rollbackInLoop(db *sql.DB, n int) error {
	for i := 0; i < n; i++ {
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		defer tx.Rollback() // want `defer tx.Rollback\(\) in a loop holds every iteration's connection until the function returns`
		if _, err := tx.Exec("q"); err != nil {
			continue // the transaction stays open into the next iteration
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

func committedInLoop(db *sql.DB, n int) error { // ok: Commit ends each iteration's transaction; the deferred Rollback is a no-op
	for i := 0; i < n; i++ {
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

func connInLoop(ctx context.Context, db *sql.DB, n int) error {
	for i := 0; i < n; i++ {
		conn, err := db.Conn(ctx)
		if err != nil {
			return err
		}
		defer conn.Close() // want `defer conn.Close\(\) in a loop`
	}
	return nil
}

func stmtInLoop(db *sql.DB, qs []string) error {
	for _, q := range qs {
		stmt, err := db.Prepare(q)
		if err != nil {
			return err
		}
		defer stmt.Close() // want `defer stmt.Close\(\) in a loop keeps every iteration's statement open until the function returns`
		if _, err := stmt.Exec(); err != nil {
			return err
		}
	}
	return nil
}

func retryOnce(db *sql.DB) (int, error) { // ok: the iteration that defers returns
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		rows, err := db.Query("q")
		if err != nil {
			lastErr = err
			continue
		}
		defer rows.Close()
		n := 0
		for rows.Next() {
			n++
		}
		return n, rows.Err()
	}
	return 0, lastErr
}

func retryBreak(db *sql.DB) error { // ok: the iteration that defers breaks
	var rows *sql.Rows
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		rows, err = db.Query("q")
		if err != nil {
			continue
		}
		defer rows.Close()
		break
	}
	return err
}

func perIterationFunc(db *sql.DB, ids []int) error { // ok: the defer runs at the end of each call
	for _, id := range ids {
		err := func() error {
			rows, err := db.Query("q", id)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
			}
			return rows.Err()
		}()
		if err != nil {
			return err
		}
	}
	return nil
}

func deferOutsideLoop(db *sql.DB, ids []int) error { // ok
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	defer rows.Close()
	for range ids {
		if !rows.Next() {
			break
		}
	}
	return nil
}

func lazyConn(ctx context.Context, db *sql.DB, jobs []string) error { // ok: acquired once, on the first iteration
	var conn *sql.Conn
	for _, j := range jobs {
		if conn == nil {
			c, err := db.Conn(ctx)
			if err != nil {
				return err
			}
			conn = c
			defer c.Close()
		}
		if _, err := conn.ExecContext(ctx, j); err != nil {
			return err
		}
	}
	return nil
}

func deferBeforeQuery(db *sql.DB) error { // ok: the deferred closure is registered once, before the query
	var rows *sql.Rows
	var err error
	defer func() {
		if rows != nil {
			rows.Close()
		}
	}()
	rows, err = db.Query("q")
	if err != nil {
		return err
	}
	for rows.Next() {
	}
	return nil
}

func deferClosureInLoop(db *sql.DB, ids []int) error {
	for _, id := range ids {
		rows, err := db.Query("q", id)
		if err != nil {
			return err
		}
		defer func() { rows.Close() }() // want `defer func\(\) \{…\}\(\) in a loop holds every iteration's connection until the function returns`
	}
	return nil
}

func stmtSomeIterations(db *sql.DB, qs []string, keep string) error { // ok: a statement holds no connection, and this defer does not run on every iteration
	for _, q := range qs {
		stmt, err := db.Prepare(q)
		if err != nil {
			return err
		}
		if q == keep {
			defer stmt.Close()
		} else {
			stmt.Close()
		}
	}
	return nil
}

// optionalTx begins a transaction only when asked, and commits it under
// the same condition: the defer holds nothing into the next iteration
// (tern's migrate loop).
func optionalTx(db *sql.DB, steps []string, disableTx bool) error { // ok
	for _, step := range steps {
		useTx := !disableTx && step != ""
		var tx *sql.Tx
		if useTx {
			var err error
			tx, err = db.Begin()
			if err != nil {
				return err
			}
			defer tx.Rollback()
		}
		if err := run(step); err != nil {
			return err
		}
		if useTx {
			if err := tx.Commit(); err != nil {
				return err
			}
		}
	}
	return nil
}

func optionalTxForgotten(db *sql.DB, steps []string, disableTx bool) error {
	for _, step := range steps {
		useTx := !disableTx && step != ""
		var tx *sql.Tx
		if useTx {
			var err error
			tx, err = db.Begin()
			if err != nil {
				return err
			}
			defer tx.Rollback() // want `defer tx.Rollback\(\) in a loop holds every iteration's connection until the function returns`
		}
		if err := run(step); err != nil {
			return err
		}
		if !useTx {
			if err := tx.Commit(); err != nil {
				return err
			}
		}
	}
	return nil
}

// run runs a step without the database.
func run(step string) error {
	if step == "fail" {
		return errors.New("failed")
	}
	return nil
}

func onDedicatedConn(ctx context.Context, db *sql.DB, qs []string) error { // ok: every iteration's rows use the one connection
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, q := range qs {
		rows, err := conn.QueryContext(ctx, q)
		if err != nil {
			return err
		}
		defer rows.Close()
		if !rows.Next() {
			return errors.New("no row")
		}
	}
	return nil
}

func stmtsOnDedicatedConn(ctx context.Context, db *sql.DB, qs []string) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, q := range qs {
		st, err := conn.PrepareContext(ctx, q)
		if err != nil {
			return err
		}
		defer st.Close() // want `defer st.Close\(\) in a loop keeps every iteration's statement open until the function returns`
		if _, err := st.ExecContext(ctx); err != nil {
			return err
		}
	}
	return nil
}
