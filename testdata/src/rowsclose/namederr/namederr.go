// Package namederr pins acquisitions in both arms of an if whose error is
// a named result: with a defer in the function, SSA keeps the result in
// memory, and the check after the arms loads it. On the path from one
// arm, the load is that arm's error, as a phi would be: non-nil there
// means no rows.
package namederr

import (
	"context"
	"database/sql"
	"errors"
	"log"
)

func tables(ctx context.Context, db *sql.DB, all bool) (n int, err error) { // ok: rows is nil where err is not
	var rows *sql.Rows
	if all {
		rows, err = db.QueryContext(ctx, "SELECT 1")
	} else {
		rows, err = db.QueryContext(ctx, "SELECT 2")
	}
	if err != nil {
		return n, err
	}
	defer rows.Close()
	for rows.Next() {
		n++
	}
	return n, nil
}

func captured(ctx context.Context, db *sql.DB, all bool) (n int, err error) { // ok: a closure captures err, but nothing runs it before the check
	defer func() {
		if err != nil {
			log.Print(err)
		}
	}()
	var rows *sql.Rows
	if all {
		rows, err = db.QueryContext(ctx, "SELECT 1")
	} else {
		rows, err = db.QueryContext(ctx, "SELECT 2")
	}
	if err != nil {
		return n, err
	}
	defer rows.Close()
	for rows.Next() {
		n++
	}
	return n, nil
}

func leaks(ctx context.Context, db *sql.DB, all bool) (n int, err error) {
	defer log.Print("done")
	var rows *sql.Rows
	if all {
		rows, err = db.QueryContext(ctx, "SELECT 1") // want `rows from QueryContext is not closed on the path through the return at line \d+`
	} else {
		rows, err = db.QueryContext(ctx, "SELECT 2") // want `rows from QueryContext is not closed on the path through the return at line \d+`
	}
	if err != nil {
		return n, err
	}
	if !rows.Next() {
		return 0, nil
	}
	return 1, errors.New("more than one") // the rows stay open
}
