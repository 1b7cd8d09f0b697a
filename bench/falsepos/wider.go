package falsepos

// The reproducers below come from the wider set of make realworld
// (modules.Wider). Each names the real-world site and states the rule the
// engine breaks.

import (
	"context"
	"database/sql"
	"log"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
)

// columnScanner is the part of *sql.Rows a scanning helper needs, as ent's
// dialect/sql.ColumnScanner.
type columnScanner interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close() error
}

// scanInts reads every row into a slice. It returns a nil error only after
// Next has returned false, which closes a *sql.Rows.
func scanInts(rows columnScanner) ([]int, error) {
	var ns []int
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		ns = append(ns, n)
	}
	return ns, rows.Err()
}

// InterfaceScanned hands the rows to a helper that takes them as an
// interface and iterates them until Next returns false, and closes them
// itself when the helper fails (ent dialect/sql/scan_test.go:23 and 24
// other calls of ScanSlice, ScanOne, ScanInt64 and ScanValue there, as
// `require.NoError(t, sql.ScanSlice(rows, &v))`).
//
// Rule: a call of Next (or Close) through an interface whose dynamic value
// is the tracked resource releases it as the concrete call does. A helper
// whose parameter is an interface holding *sql.Rows and that loops until
// Next is false releases the rows on the paths where the loop ended (here:
// every nil-error return); the engine takes such a helper to only borrow
// the rows and reports the caller at the end of its function. (With the
// parameter typed *sql.Rows, the same code is not reported.)
func InterfaceScanned(db *sql.DB) ([]int, error) {
	rows, err := db.Query("select n from t")
	if err != nil {
		return nil, err
	}
	ns, err := scanInts(rows)
	if err != nil {
		rows.Close()
		return nil, err
	}
	return ns, nil
}

// DeferInLoopCommitted defers a rollback in a loop, but commits the
// transaction before the next iteration on every path: the deferred
// Rollback is a no-op on a finished transaction and holds nothing
// (mailpit internal/storage/reindex.go:117; database/sql's Commit releases
// the connection whether or not it fails).
//
// Rule: a deferred release in a loop holds every iteration's connection
// only if some path reaches the next iteration (or leaves the loop to run
// more code) with the resource still unreleased. When the iteration
// releases it on every path that continues the loop (Commit, Close,
// Rollback), the defers hold nothing; report none, or at most say that
// the defers pile up until the function returns.
func DeferInLoopCommitted(ctx context.Context, db *sql.DB, batches [][]string) {
	for _, batch := range batches {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			log.Print(err)
			continue
		}
		defer func() { _ = tx.Rollback() }()
		for _, stmt := range batch {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				log.Print(err)
				continue
			}
		}
		if err := tx.Commit(); err != nil {
			log.Print(err)
			continue
		}
	}
}

// DeferInLoopCommittedPgx is the same with a pgx transaction on a
// standalone connection (tern migrate/migrate.go:441, (*Migrator).MigrateTo:
// `defer tx.Rollback(ctx)` in the loop over migrations, tx.Commit before
// the next one, every failure returns).
func DeferInLoopCommittedPgx(ctx context.Context, conn *pgx.Conn, steps []string) error {
	for _, step := range steps {
		tx, err := conn.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx)
		if _, err := tx.Exec(ctx, step); err != nil {
			return err
		}
		if err := tx.Commit(ctx); err != nil {
			return err
		}
	}
	return nil
}

// TxRowsRolledBackByCaller is one migration step: its rows stay open when
// a Scan fails, and it returns the error to migrate, which owns the
// transaction and rolls it back, which closes them (miniflux
// internal/database/migrations.go:1341, a migration run by
// database.Migrate, which calls tx.Rollback on every error). Issue 10's
// cause 1.
//
// Rule: database/sql closes the rows of a transaction when it is committed
// or rolled back. Rows opened on a *sql.Tx that the function received (it
// does not own the transaction) are released by the caller's Commit or
// Rollback: not a leak in the function that opened them.
func TxRowsRolledBackByCaller(tx *sql.Tx) error {
	rows, err := tx.Query("select id, timezone from users")
	if err != nil {
		return err
	}
	zones := make(map[int64]string)
	for rows.Next() {
		var id int64
		var zone string
		if err := rows.Scan(&id, &zone); err != nil {
			return err
		}
		zones[id] = zone
	}
	rows.Close()
	for id, zone := range zones {
		if _, err := tx.Exec("update users set timezone = $1 where id = $2", zone+"!", id); err != nil {
			return err
		}
	}
	return nil
}

// migrate runs a step in a transaction that it rolls back when the step
// fails.
func migrate(db *sql.DB, step func(*sql.Tx) error) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if err := step(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// MigrateTimezones runs the step above.
func MigrateTimezones(db *sql.DB) error { return migrate(db, TxRowsRolledBackByCaller) }

// dialect names its driver, as pop's dialects do.
type dialect interface{ driver() string }

// mysqlDialect is a dialect whose driver is never Postgres.
type mysqlDialect struct{}

func (mysqlDialect) driver() string { return "mysql" }

// openPool opens a *sql.DB and, for Postgres only, the pgxpool under it
// (closing the *sql.DB does not close that pool), as pop's
// openPotentiallyInstrumentedConnection does.
func openPool(ctx context.Context, d dialect, dsn string) (*sql.DB, *pgxpool.Pool, error) {
	if d.driver() == "postgres" {
		pool, err := pgxpool.New(ctx, dsn)
		if err != nil {
			return nil, nil, err
		}
		return stdlib.OpenDBFromPool(pool), pool, nil
	}
	db, err := sql.Open(d.driver(), dsn)
	return db, nil, err
}

// NilPoolDiscarded discards the pool result, which is nil for MySQL (pop
// dialect_mysql.go:147 CreateDB and :169 DropDB; the same discard in the
// Postgres and CockroachDB dialects is a true leak).
//
// Rule: a discarded result that the callee sets only under a condition
// that is false for this caller (here: the dialect's driver, a constant of
// the receiver's type) holds nothing. The engine cannot see that without
// following the value of d.driver(); this one may be out of reach, and is
// listed so that the choice is made knowingly.
func NilPoolDiscarded(ctx context.Context, dsn string) error {
	var m mysqlDialect
	db, _, err := openPool(ctx, m, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, "create database app")
	return err
}
