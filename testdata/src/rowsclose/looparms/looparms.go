package looparms

import (
	"context"
	"database/sql"
)

// rows, err assigned in both arms of an if, one check after them: on the
// path from one arm, err is that arm's error, in a loop as well as out of
// one (dendrite's syncapi tables query on the pool or on the caller's
// transaction this way).

func perIteration(ctx context.Context, db *sql.DB, tx *sql.Tx, n int) error { // ok: each arm's err is checked, the rows closed before the next round
	for i := 0; i < n; i++ {
		var rows *sql.Rows
		var err error
		if tx == nil {
			rows, err = db.QueryContext(ctx, "q")
		} else {
			rows, err = tx.QueryContext(ctx, "q")
		}
		if err != nil {
			return err
		}
		for rows.Next() {
		}
		rows.Close()
	}
	return nil
}

func perIterationDeferred(ctx context.Context, db *sql.DB, asc bool, ids [][]int) error { // ok: a closure per round closes them
	for range ids {
		err := func() error {
			var rows *sql.Rows
			var err error
			if asc {
				rows, err = db.QueryContext(ctx, "q asc")
			} else {
				rows, err = db.QueryContext(ctx, "q desc")
			}
			if err != nil {
				return err
			}
			defer rows.Close()
			return rows.Err()
		}()
		if err != nil {
			return err
		}
	}
	return nil
}

func batched(ctx context.Context, db *sql.DB, ids []int) error { // ok: the arms differ by statement, not by connection
	for start := 0; start < len(ids); start += 10 {
		var rows *sql.Rows
		var err error
		if len(ids)-start < 10 {
			rows, err = db.QueryContext(ctx, "tail", ids[start:])
		} else {
			rows, err = db.QueryContext(ctx, "batch", ids[start:start+10])
		}
		if err != nil {
			return err
		}
		err = rows.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

func scanFails(ctx context.Context, db *sql.DB, asc bool, n int) error {
	for i := 0; i < n; i++ {
		var rows *sql.Rows
		var err error
		if asc {
			rows, err = db.QueryContext(ctx, "q asc") // want `rows from QueryContext is not closed on the path through the return at line 89`
		} else {
			rows, err = db.QueryContext(ctx, "q desc") // want `rows from QueryContext is not closed on the path through the return at line 89`
		}
		if err != nil {
			return err
		}
		var x int
		if err := rows.Scan(&x); err != nil {
			return err // this round's rows are open
		}
		rows.Close()
	}
	return nil
}

func neverClosed(ctx context.Context, db *sql.DB, asc bool, n int) error {
	for i := 0; i < n; i++ {
		var rows *sql.Rows
		var err error
		if asc {
			rows, err = db.QueryContext(ctx, "q asc") // want `rows from QueryContext is overwritten at line \d+ while still open`
		} else {
			rows, err = db.QueryContext(ctx, "q desc") // want `rows from QueryContext is overwritten at line \d+ while still open`
		}
		if err != nil {
			return err
		}
		_ = rows.Next()
	}
	return nil
}
