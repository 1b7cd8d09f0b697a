package leakcheck_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leaklint/leaklint/leakcheck"
)

// script runs what an application does with a database, writing the
// results to log: every call that reaches the driver is logged by the
// fake itself.
func script(db *sql.DB, logf func(string, ...any)) {
	ctx := context.Background()
	r, err := db.Exec("insert", 1, money(5))
	logf("Exec: %v %s", rowsAffected(r), clean(err))
	_, err = db.Exec("insert", sql.Named("id", 1))
	logf("Exec named: %s", clean(err))
	_, err = db.Exec("insert", struct{}{})
	logf("Exec unsupported argument: %s", clean(err))

	rows, err := db.Query("select", 2)
	if err == nil {
		types, _ := rows.ColumnTypes()
		for _, ct := range types {
			n, hasN := ct.Length()
			null, hasNull := ct.Nullable()
			p, s, hasPS := ct.DecimalSize()
			logf("column %s: %v %q %d %v %v %v %d %d %v", ct.Name(), ct.ScanType(), ct.DatabaseTypeName(), n, hasN, null, hasNull, p, s, hasPS)
		}
		for {
			for rows.Next() {
				var id int
				var name string
				logf("Scan: %s %d %s", clean(rows.Scan(&id, &name)), id, name)
			}
			if !rows.NextResultSet() {
				break
			}
			logf("next result set")
		}
		logf("rows: %s %s", clean(rows.Err()), clean(rows.Close()))
	}
	logf("Query: %s", clean(err))

	var id int
	logf("QueryRow: %s %d", clean(db.QueryRow("select one").Scan(&id, new(string))), id)

	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	logf("BeginTx serializable: %s", clean(err))
	if err == nil {
		logf("Rollback: %s", clean(tx.Rollback()))
	}
	tx, err = db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	logf("BeginTx read-only: %s", clean(err))
	if err == nil {
		logf("Rollback: %s", clean(tx.Rollback()))
	}
	tx, err = db.Begin()
	if err == nil {
		_, err = tx.Exec("update", money(7))
		logf("tx Exec: %s", clean(err))
		logf("Commit: %s", clean(tx.Commit()))
	}

	// A transaction rolled back by its context: database/sql keeps the
	// connection only for drivers with both ResetSession and IsValid.
	cctx, cancel := context.WithCancel(ctx)
	tx, err = db.BeginTx(cctx, nil)
	logf("BeginTx: %s", clean(err))
	cancel()
	for db.Stats().InUse > 0 {
		time.Sleep(time.Millisecond)
	}
	if err == nil {
		logf("Commit after cancel: %s", clean(tx.Commit()))
	}

	stmt, err := db.Prepare("select ?")
	logf("Prepare: %s", clean(err))
	if err == nil {
		r, err := stmt.Exec(money(3))
		logf("stmt Exec: %v %s", rowsAffected(r), clean(err))
		rows, err := stmt.Query(4)
		if err == nil {
			logf("stmt rows: %s", clean(rows.Close()))
		}
		logf("stmt Query: %s", clean(err))
		logf("stmt Close: %s", clean(stmt.Close()))
	}

	conn, err := db.Conn(ctx)
	logf("Conn: %s", clean(err))
	if err == nil {
		logf("Conn Ping: %s", clean(conn.PingContext(ctx)))
		_, err = conn.ExecContext(ctx, "delete")
		logf("Conn Exec: %s", clean(err))
		logf("Conn Close: %s", clean(conn.Close()))
	}
	logf("Ping: %s", clean(db.Ping()))
	logf("Close: %s", clean(db.Close()))
}

// rowsAffected returns what a result says, nil for no result.
func rowsAffected(r sql.Result) any {
	if r == nil {
		return nil
	}
	n, err := r.RowsAffected()
	if err != nil {
		return err
	}
	return n
}

// TestPassThrough runs the same script on a fake driver of every shape,
// directly and wrapped, and requires the same calls to reach the driver
// with the same results: wrapping changes nothing a program can see.
func TestPassThrough(t *testing.T) {
	for _, sh := range shapes {
		t.Run(sh.name, func(t *testing.T) {
			run := func(wrap bool) []string {
				d := &fakeDriver{shape: sh}
				var db *sql.DB
				if wrap {
					db = leakcheck.OpenDB(t, d)
				} else {
					db = sql.OpenDB(d)
				}
				db.SetMaxOpenConns(1) // one connection: the log is sequential
				script(db, d.logf)
				return d.log
			}
			direct, wrapped := run(false), run(true)
			if !slices.Equal(direct, wrapped) {
				t.Errorf("the driver saw different calls when wrapped:\n%s", diff(direct, wrapped))
			}
			if testing.Verbose() {
				t.Logf("%d calls:\n%s", len(direct), strings.Join(direct, "\n"))
			}
		})
	}
}

// TestInterfaces checks the optional interfaces of the wrapped
// connection, statement and rows against those of the driver's.
func TestInterfaces(t *testing.T) {
	for _, sh := range shapes {
		t.Run(sh.name, func(t *testing.T) {
			d := &fakeDriver{shape: sh}
			db := leakcheck.OpenDB(t, d)
			conn, err := db.Conn(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			err = conn.Raw(func(dc any) error {
				base := dc.(interface{ Unwrap() driver.Conn }).Unwrap()
				same := func(name string, has func(any) bool) {
					t.Helper()
					if has(dc) != has(base) {
						t.Errorf("%s: wrapped %v, driver %v", name, has(dc), has(base))
					}
				}
				same("ExecerContext or Execer", func(c any) bool { return is[driver.ExecerContext](c) || is[driver.Execer](c) })
				same("QueryerContext or Queryer", func(c any) bool { return is[driver.QueryerContext](c) || is[driver.Queryer](c) })
				same("SessionResetter", is[driver.SessionResetter])
				if is[driver.SessionResetter](base) {
					same("Validator", is[driver.Validator])
				} else if !is[driver.Validator](dc) {
					t.Error("Validator: a connection without ResetSession must get IsValid, which reports its return to the pool")
				}

				si, err := dc.(driver.ConnPrepareContext).PrepareContext(context.Background(), "q")
				if err != nil {
					return err
				}
				defer si.Close()
				sbase := si.(interface{ Unwrap() driver.Stmt }).Unwrap()
				if is[driver.ColumnConverter](si) != is[driver.ColumnConverter](sbase) {
					t.Errorf("ColumnConverter: wrapped %v, driver %v", is[driver.ColumnConverter](si), is[driver.ColumnConverter](sbase))
				}
				ri, err := si.(driver.StmtQueryContext).QueryContext(context.Background(), nil)
				if err != nil {
					return err
				}
				defer ri.Close()
				rbase := ri.(interface{ Unwrap() driver.Rows }).Unwrap()
				if is[driver.RowsNextResultSet](ri) != is[driver.RowsNextResultSet](rbase) {
					t.Errorf("RowsNextResultSet: wrapped %v, driver %v", is[driver.RowsNextResultSet](ri), is[driver.RowsNextResultSet](rbase))
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

// is reports whether v implements T.
func is[T any](v any) bool {
	_, ok := v.(T)
	return ok
}

// diff shows where two logs part.
func diff(a, b []string) string {
	var out strings.Builder
	for i := range max(len(a), len(b)) {
		var x, y string
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		mark := " "
		if x != y {
			mark = "!"
		}
		fmt.Fprintf(&out, "%s %-60s | %s\n", mark, x, y)
	}
	return out.String()
}
