// Package runners: a query run through a function that is given a
// function literal and returns what the literal returns (a retrying
// executor, a timing wrapper). What the literal acquires and returns is
// what the runner's call returns.
package runners

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// run returns what f returns: its fact says it forwards f's results.
func run(ctx context.Context, f func(context.Context) (*sql.Rows, error)) (*sql.Rows, error) {
	start := time.Now()
	defer func() { _ = time.Since(start) }()
	return f(ctx)
}

// retry runs f until it succeeds: the results it returns are f's, or nil.
func retry(f func() (*sql.Rows, error)) (*sql.Rows, error) {
	var err error
	for i := 0; i < 3; i++ {
		var rows *sql.Rows
		rows, err = f()
		if err == nil {
			return rows, nil
		}
	}
	return nil, err
}

func query(ctx context.Context, db *sql.DB, q string) (*sql.Rows, error) { // ok: returned, the caller owns them
	return run(ctx, func(ctx context.Context) (*sql.Rows, error) { return db.QueryContext(ctx, q) })
}

func leakThroughRunner(ctx context.Context, db *sql.DB) error {
	rows, err := run(ctx, func(ctx context.Context) (*sql.Rows, error) { // want `rows from run is not closed on the path through the return at line \d+`
		return db.QueryContext(ctx, "q")
	})
	if err != nil {
		return err
	}
	if !rows.Next() {
		return nil
	}
	return errors.New("unexpected row")
}

func leakThroughWrapper(ctx context.Context, db *sql.DB) error {
	rows, err := query(ctx, db, "q") // want `rows from query is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	var x int
	if rows.Next() {
		if err := rows.Scan(&x); err != nil {
			return err
		}
	}
	return rows.Close()
}

func leakThroughRetry(db *sql.DB) (int, error) {
	rows, err := retry(func() (*sql.Rows, error) { return db.Query("q") }) // want `rows from retry is not closed on the path through the return at line \d+`
	if err != nil {
		return 0, err
	}
	n := 0
	if rows.Next() {
		n++
	}
	return n, nil
}

func closedThroughRunner(ctx context.Context, db *sql.DB) error { // ok
	rows, err := query(ctx, db, "q")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}

// Executable is what an Executor runs.
type Executable func(ctx context.Context) (any, error)

// Executor runs functions that return anything, as a retrying executor
// of a service's database client does.
type Executor interface {
	Execute(ctx context.Context, f Executable) (any, error)
}

type Client struct {
	db       *sql.DB
	executor Executor
}

// Query type-asserts the executor's result to the rows its literal
// returned: the rows are the call's, and Query returns them.
func (c *Client) Query(ctx context.Context, q string) (*sql.Rows, error) { // ok: returned
	res, err := c.executor.Execute(ctx, func(ctx context.Context) (any, error) {
		return c.db.QueryContext(ctx, q)
	})
	if err != nil {
		return nil, err
	}
	return res.(*sql.Rows), nil
}

func (c *Client) Names(ctx context.Context) ([]string, error) {
	rows, err := c.Query(ctx, "q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func (c *Client) NamesClosed(ctx context.Context) ([]string, error) { // ok
	rows, err := c.Query(ctx, "q")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// Count's executor result is a count the literal read: nothing to follow.
func (c *Client) Count(ctx context.Context) (int, error) { // ok
	res, err := c.executor.Execute(ctx, func(ctx context.Context) (any, error) {
		var n int
		err := c.db.QueryRowContext(ctx, "q").Scan(&n)
		return n, err
	})
	if err != nil {
		return 0, err
	}
	return res.(int), nil
}

// closeRun runs f and closes what it returns: it forwards nothing.
func closeRun(f func() (*sql.Rows, error)) error {
	rows, err := f()
	if err != nil {
		return err
	}
	return rows.Close()
}

func closedByRunner(db *sql.DB) error { // ok: closeRun closes the rows
	return closeRun(func() (*sql.Rows, error) { return db.Query("q") })
}

// Cursor returns the rows it holds: a getter, not a runner.
type Cursor struct{ rows *sql.Rows }

func (c *Cursor) Rows() *sql.Rows { return c.rows }

func fromGetter(c *Cursor) bool { // ok: the cursor owns its rows
	return c.Rows().Next()
}

// Do is a generic runner: it forwards f's results whatever their type.
func Do[T any](ctx context.Context, f func(context.Context) (T, error)) (T, error) {
	if err := ctx.Err(); err != nil {
		var zero T
		return zero, err
	}
	return f(ctx)
}

func leakThroughGeneric(ctx context.Context, db *sql.DB) error {
	rows, err := Do(ctx, func(ctx context.Context) (*sql.Rows, error) { // want `rows from Do is not closed on the path through the return at line \d+`
		return db.QueryContext(ctx, "q")
	})
	if err != nil {
		return err
	}
	if rows.Next() {
		return errors.New("unexpected row")
	}
	return nil
}

func countThroughGeneric(ctx context.Context, db *sql.DB) (int, error) { // ok: an int, nothing to close
	return Do(ctx, func(ctx context.Context) (int, error) {
		var n int
		err := db.QueryRowContext(ctx, "q").Scan(&n)
		return n, err
	})
}
