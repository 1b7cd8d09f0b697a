package pgx

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type User struct {
	ID   int
	Name string
}

func leakOnScanLoopBreak(ctx context.Context, pool *pgxpool.Pool) (int, error) {
	rows, err := pool.Query(ctx, "q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
		if n > 10 {
			return n, nil
		}
	}
	return n, rows.Err()
}

func scanErrorClosesRows(ctx context.Context, pool *pgxpool.Pool) ([]int, error) { // ok: a failed pgx Scan closes the rows
	rows, err := pool.Query(ctx, "q")
	if err != nil {
		return nil, err
	}
	var ids []int
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func deferClose(ctx context.Context, conn *pgx.Conn) error { // ok
	rows, err := conn.Query(ctx, "q")
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		return errors.New("empty")
	}
	return nil
}

func collectRows(ctx context.Context, pool *pgxpool.Pool) ([]User, error) { // ok: CollectRows closes the rows
	rows, err := pool.Query(ctx, "q")
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[User])
}

func collectOne(ctx context.Context, pool *pgxpool.Pool) (User, error) { // ok
	rows, _ := pool.Query(ctx, "q")
	return pgx.CollectExactlyOneRow(rows, pgx.RowToStructByPos[User])
}

func forEach(ctx context.Context, pool *pgxpool.Pool) error { // ok
	rows, err := pool.Query(ctx, "q")
	if err != nil {
		return err
	}
	var id int
	_, err = pgx.ForEachRow(rows, []any{&id}, func() error { return nil })
	return err
}

func rowScanned(ctx context.Context, pool *pgxpool.Pool) (n int, err error) { // ok
	err = pool.QueryRow(ctx, "q").Scan(&n)
	return n, err
}

func rowNotScanned(ctx context.Context, pool *pgxpool.Pool) {
	row := pool.QueryRow(ctx, "q") // want `row from QueryRow is not scanned on the path through the end of the function at line \d+`
	_ = row
}

func batchLeak(ctx context.Context, pool *pgxpool.Pool, b *pgx.Batch) error {
	br := pool.SendBatch(ctx, b) // want `br from SendBatch is not closed on the path through the return at line \d+`
	_, err := br.Exec()
	return err
}

func batchClosed(ctx context.Context, pool *pgxpool.Pool, b *pgx.Batch) error { // ok
	br := pool.SendBatch(ctx, b)
	defer br.Close()
	_, err := br.Exec()
	return err
}

func acquireLeak(ctx context.Context, pool *pgxpool.Pool) error {
	c, err := pool.Acquire(ctx) // want `c from Acquire is not released on the path through the return at line \d+`
	if err != nil {
		return err
	}
	_, err = c.Exec(ctx, "q")
	return err
}

func acquireReleased(ctx context.Context, pool *pgxpool.Pool) error { // ok
	c, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer c.Release()
	_, err = c.Exec(ctx, "q")
	return err
}

func acquireFunc(ctx context.Context, pool *pgxpool.Pool) error { // ok: AcquireFunc owns the connection
	return pool.AcquireFunc(ctx, func(c *pgxpool.Conn) error {
		_, err := c.Exec(ctx, "q")
		return err
	})
}

func connectLeak(ctx context.Context, dsn string) error {
	conn, err := pgx.Connect(ctx, dsn) // want `conn from Connect is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	return conn.Ping(ctx)
}

func poolPerCall(ctx context.Context, dsn string) error {
	pool, err := pgxpool.New(ctx, dsn) // want `pool from New is not closed, returned or stored on the path through the return at line \d+`
	if err != nil {
		return err
	}
	return pool.Ping(ctx)
}

func poolKept(ctx context.Context, dsn string) (*pgxpool.Pool, error) { // ok
	return pgxpool.New(ctx, dsn)
}

// Rows is a project interface that embeds pgx.Rows.
type Rows interface {
	pgx.Rows
}

// Repo returns rows its callers own.
type Repo struct{ pool *pgxpool.Pool }

func (r *Repo) Users(ctx context.Context) (Rows, error) { // ok: returned to the caller
	return r.pool.Query(ctx, "q")
}

func useRepoLeak(ctx context.Context, r *Repo) error {
	rows, err := r.Users(ctx) // want `rows from Users is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	if !rows.Next() {
		return nil
	}
	return errors.New("unexpected row")
}

func useRepoOK(ctx context.Context, r *Repo) error { // ok
	rows, err := r.Users(ctx)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}

// Querier is what a repository needs; *pgxpool.Pool and pgx.Tx satisfy it.
type Querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

func throughQuerier(ctx context.Context, q Querier) error {
	rows, err := q.Query(ctx, "q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	return rows.Err()
}

func valuesErrorClosesRows(ctx context.Context, pool *pgxpool.Pool) ([][]any, error) { // ok: a failed Values closes the rows
	rows, err := pool.Query(ctx, "q")
	if err != nil {
		return nil, err
	}
	var out [][]any
	for rows.Next() {
		v, err := rows.Values()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func scanRow(row pgx.Row) (int64, error) {
	var id int64
	return id, row.Scan(&id)
}

func rowsPassedAsRow(ctx context.Context, pool *pgxpool.Pool) error {
	rows, err := pool.Query(ctx, "q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	for rows.Next() {
		id, err := scanRow(rows) // releasing a pgx.Row does not close rows
		if err != nil {
			return err
		}
		if id == 0 {
			return errors.New("zero")
		}
	}
	return rows.Err()
}

func errClosesRows(ctx context.Context, pool *pgxpool.Pool) (int64, error) { // ok: pgx rows with an error are closed
	rows, _ := pool.Query(ctx, "q")
	if err := rows.Err(); err != nil {
		return 0, err
	}
	defer rows.Close()
	var id int64
	if rows.Next() {
		if err := rows.Scan(&id); err != nil {
			return 0, err
		}
	}
	return id, rows.Err()
}

// pgx does not close a transaction's rows when it ends: they keep the
// connection busy until closed, so they are reported as any others.
func txRowsLeak(ctx context.Context, tx pgx.Tx) (int, error) {
	rows, err := tx.Query(ctx, "q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return 0, err
	}
	if rows.Next() {
		return 1, nil
	}
	return 0, rows.Err()
}

// DB is a project's own querier: its Query returns its own Rows.
type DB interface {
	Query(ctx context.Context, sql string, args ...any) (Rows, error)
}

func ownInterfaceLeak(ctx context.Context, db DB) (int, error) {
	rows, err := db.Query(ctx, "q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return 0, err
	}
	if rows.Next() {
		return 1, nil
	}
	return 0, rows.Err()
}

func closedThroughPgConn(ctx context.Context, dsn string) error { // ok: closing the PgConn closes the connection
	pc, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	conn := pc.PgConn()
	defer conn.Close(ctx)
	return conn.Exec(ctx, "select 1").Close()
}

func connLeak(ctx context.Context, dsn string) error {
	pc, err := pgx.Connect(ctx, dsn) // want `connection pc from Connect is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	_, err = pc.Exec(ctx, "select 1")
	return err
}
