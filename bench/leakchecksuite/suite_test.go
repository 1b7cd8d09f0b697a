package leakchecksuite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/leaklint/leaklint/leakcheck"
	_ "modernc.org/sqlite"
)

// open opens a fresh database for t, in the mode of LEAKCHECK_BENCH
// (wrapped: by leakcheck) and LEAKCHECK_BENCH_DB (memory: in memory).
func open(t testing.TB, wrapped, memory bool) *sql.DB {
	dsn := "file:" + t.TempDir() + "/suite.db"
	if memory {
		dsn = fmt.Sprintf("file:suite%d?mode=memory&cache=shared", memories.Add(1))
	}
	if wrapped {
		return leakcheck.Open(t, "sqlite", dsn)
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// memories numbers the in-memory databases.
var memories atomic.Int64

// mode reads the environment.
func mode() (wrapped, memory bool, tests int) {
	tests = 60
	if n, err := strconv.Atoi(os.Getenv("LEAKCHECK_BENCH_TESTS")); err == nil {
		tests = n
	}
	return os.Getenv("LEAKCHECK_BENCH") == "wrapped", os.Getenv("LEAKCHECK_BENCH_DB") == "memory", tests
}

// TestSuite runs the suite's tests, each on a database of its own.
func TestSuite(t *testing.T) {
	wrapped, memory, tests := mode()
	for i := range tests {
		t.Run(fmt.Sprint("shop", i), func(t *testing.T) {
			db := open(t, wrapped, memory)
			shop(t, db, i)
		})
	}
}

// must fails t on err.
func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// shop is one test: a small store's schema, data and use.
func shop(t testing.TB, db *sql.DB, seed int) {
	ctx := context.Background()
	for _, q := range []string{
		"create table customers (id integer primary key, name text not null)",
		"create table orders (id integer primary key, customer integer not null references customers(id), total integer not null, status text not null)",
		"create index orders_customer on orders(customer)",
	} {
		_, err := db.ExecContext(ctx, q)
		must(t, err)
	}

	// Load: one transaction, prepared statements.
	tx, err := db.BeginTx(ctx, nil)
	must(t, err)
	cust, err := tx.PrepareContext(ctx, "insert into customers values (?, ?)")
	must(t, err)
	ord, err := tx.PrepareContext(ctx, "insert into orders values (?, ?, ?, 'new')")
	must(t, err)
	for c := 1; c <= 30; c++ {
		_, err := cust.ExecContext(ctx, c, fmt.Sprint("customer ", c))
		must(t, err)
	}
	for o := 1; o <= 120; o++ {
		_, err := ord.ExecContext(ctx, o, 1+(o*7+seed)%30, o*100)
		must(t, err)
	}
	cust.Close()
	ord.Close()
	must(t, tx.Commit())

	// Reads by key.
	for o := 1; o <= 120; o++ {
		var total int
		var name string
		must(t, db.QueryRowContext(ctx, "select o.total, c.name from orders o join customers c on c.id = o.customer where o.id = ?", o).Scan(&total, &name))
		if total != o*100 {
			t.Fatalf("order %d: total %d", o, total)
		}
	}

	// Listings.
	for c := 1; c <= 30; c++ {
		rows, err := db.QueryContext(ctx, "select id, total from orders where customer = ? order by id", c)
		must(t, err)
		for rows.Next() {
			var id, total int
			must(t, rows.Scan(&id, &total))
		}
		must(t, rows.Err())
		rows.Close()
	}

	// Updates in transactions, half rolled back.
	for i := range 20 {
		tx, err := db.BeginTx(ctx, nil)
		must(t, err)
		_, err = tx.ExecContext(ctx, "update orders set status = 'paid' where id = ?", 1+i*5)
		must(t, err)
		var n int
		must(t, tx.QueryRowContext(ctx, "select count(*) from orders where status = 'paid'").Scan(&n))
		if i%2 == 0 {
			must(t, tx.Commit())
		} else {
			must(t, tx.Rollback())
		}
	}

	// Updates without a transaction.
	for i := range 20 {
		_, err := db.ExecContext(ctx, "update orders set total = total + 1 where customer = ?", 1+i)
		must(t, err)
	}

	// A dedicated connection.
	conn, err := db.Conn(ctx)
	must(t, err)
	for i := range 10 {
		var n int
		must(t, conn.QueryRowContext(ctx, "select count(*) from orders where customer = ?", 1+i).Scan(&n))
	}
	must(t, conn.Close())

	var paid int
	must(t, db.QueryRowContext(ctx, "select count(*) from orders where status = 'paid'").Scan(&paid))
	if paid != 10 {
		t.Fatalf("%d paid orders, want 10", paid)
	}
}

// benchDB opens an in-memory database with the suite's schema and data
// for b.
func benchDB(b *testing.B, wrapped bool) *sql.DB {
	db := open(b, wrapped, true)
	shop(b, db, 0)
	return db
}

// cpuTime returns the CPU time (user and system) of the process so far:
// of every thread, the garbage collector's included.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measure runs op b.N times and reports, beside the wall time, the CPU
// time per operation, which outside load disturbs less.
func measure(b *testing.B, op func(i int)) {
	start := cpuTime()
	i := 0
	for b.Loop() {
		op(i)
		i++
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// BenchmarkOperations times single operations on an in-memory database,
// plain and wrapped.
func BenchmarkOperations(b *testing.B) {
	ctx := context.Background()
	for _, wrapped := range []bool{false, true} {
		name := map[bool]string{false: "plain", true: "wrapped"}[wrapped]
		b.Run("QueryRow/"+name, func(b *testing.B) {
			db := benchDB(b, wrapped)
			measure(b, func(i int) {
				var total int
				must(b, db.QueryRowContext(ctx, "select total from orders where id = ?", 1+i%120).Scan(&total))
			})
		})
		b.Run("Query10/"+name, func(b *testing.B) {
			db := benchDB(b, wrapped)
			measure(b, func(int) {
				rows, err := db.QueryContext(ctx, "select id, total from orders limit 10")
				must(b, err)
				for rows.Next() {
				}
				rows.Close()
			})
		})
		b.Run("Exec/"+name, func(b *testing.B) {
			db := benchDB(b, wrapped)
			measure(b, func(i int) {
				_, err := db.ExecContext(ctx, "update orders set total = total + 1 where id = ?", 1+i%120)
				must(b, err)
			})
		})
		b.Run("Tx/"+name, func(b *testing.B) {
			db := benchDB(b, wrapped)
			measure(b, func(i int) {
				tx, err := db.BeginTx(ctx, nil)
				must(b, err)
				_, err = tx.ExecContext(ctx, "update orders set total = total + 1 where id = ?", 1+i%120)
				must(b, err)
				var n int
				must(b, tx.QueryRowContext(ctx, "select count(*) from orders where total > ?", i).Scan(&n))
				must(b, tx.Rollback())
			})
		})
	}
}
