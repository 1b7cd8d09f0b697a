package leakcheck_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leaklint/leaklint/leakcheck"
	_ "modernc.org/sqlite"
)

// recorder is a testing.TB that keeps the failures and the cleanups of
// a check, so that a test can look at a failure leakcheck reports.
type recorder struct {
	testing.TB
	mu       sync.Mutex
	errors   []string
	cleanups []func()
}

func (r *recorder) Helper() {}

func (r *recorder) Error(args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprint(args...))
}

func (r *recorder) Errorf(format string, args ...any) { r.Error(fmt.Sprintf(format, args...)) }

func (r *recorder) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }

// finish runs the cleanups, last first, as the end of a test does, and
// returns the failures.
func (r *recorder) finish() []string {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
	r.cleanups = nil
	return r.errors
}

// sqlite opens an in-process SQLite database in a file of its own with
// a table t of three rows, recorded on r.
func sqlite(t *testing.T, r testing.TB, opts ...leakcheck.Option) *sql.DB {
	t.Helper()
	db := leakcheck.Open(r, "sqlite", "file:"+t.TempDir()+"/test.db", opts...)
	setup(t, db)
	return db
}

// setup makes the table t.
func setup(t *testing.T, db *sql.DB) {
	t.Helper()
	for _, q := range []string{
		"create table t (id integer primary key, name text)",
		"insert into t values (1, 'a'), (2, 'b'), (3, 'c')",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

// nextLine returns the line after its caller's: where the acquiring
// call of a leak case is.
func nextLine() int {
	_, _, line, _ := runtime.Caller(1)
	return line + 1
}

// leaks are programs that leave something open, and what the report
// must say about it.
var leaks = []struct {
	name string
	kind string // the start of the report's paragraph
	leak func(t *testing.T, db *sql.DB) (line int)
}{
	{"rows", "*sql.Rows from sql.(*DB).Query,", func(t *testing.T, db *sql.DB) int {
		at := nextLine()
		rows, err := db.Query("select id from t")
		if err != nil {
			t.Fatal(err)
		}
		rows.Next()
		return at
	}},
	{"row", "*sql.Row (never scanned) from sql.(*DB).QueryRowContext,", func(t *testing.T, db *sql.DB) int {
		at := nextLine()
		db.QueryRowContext(context.Background(), "select id from t")
		return at
	}},
	{"tx", "*sql.Tx from sql.(*DB).BeginTx,", func(t *testing.T, db *sql.DB) int {
		at := nextLine()
		tx, err := db.BeginTx(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec("update t set name = 'x'"); err != nil {
			t.Fatal(err)
		}
		return at
	}},
	{"new conn", "*sql.Conn from sql.(*DB).Conn,", func(t *testing.T, db *sql.DB) int {
		db.SetMaxIdleConns(0) // the conn is a new connection
		at := nextLine()
		conn, err := db.Conn(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if err := conn.PingContext(context.Background()); err != nil {
			t.Fatal(err)
		}
		return at
	}},
	{"reused conn", "*sql.Conn from sql.(*DB).Conn,", func(t *testing.T, db *sql.DB) int {
		if db.Stats().Idle == 0 {
			t.Fatal("no idle connection to reuse")
		}
		at := nextLine()
		if _, err := db.Conn(context.Background()); err != nil {
			t.Fatal(err)
		}
		return at
	}},
	{"stmt", "*sql.Stmt from sql.(*DB).Prepare,", func(t *testing.T, db *sql.DB) int {
		at := nextLine()
		stmt, err := db.Prepare("select name from t where id = ?")
		if err != nil {
			t.Fatal(err)
		}
		var name string
		if err := stmt.QueryRow(1).Scan(&name); err != nil {
			t.Fatal(err)
		}
		return at
	}},
	{"stmt rows", "*sql.Rows from sql.(*Stmt).Query,", func(t *testing.T, db *sql.DB) int {
		stmt, err := db.Prepare("select name from t where id > ?")
		if err != nil {
			t.Fatal(err)
		}
		defer stmt.Close()
		at := nextLine()
		if _, err := stmt.Query(1); err != nil {
			t.Fatal(err)
		}
		return at
	}},
	{"conn rows", "*sql.Rows from sql.(*Conn).QueryContext,", func(t *testing.T, db *sql.DB) int {
		conn, err := db.Conn(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		at := nextLine()
		if _, err := conn.QueryContext(context.Background(), "select id from t"); err != nil {
			t.Fatal(err)
		}
		return at // the connection is reported as the rows that hold it
	}},
	{"in a helper", "*sql.Rows from sql.(*DB).QueryContext,", func(t *testing.T, db *sql.DB) int {
		id, err := firstID(db)
		if err != nil || id != 1 {
			t.Fatal(id, err)
		}
		return firstIDLine // the stack goes on through this function
	}},
}

// firstIDLine is the line of firstID's query.
var firstIDLine int

// firstID leaks its rows: the report names its line, and the stack goes
// on through its caller.
func firstID(db *sql.DB) (int, error) {
	firstIDLine = nextLine()
	rows, err := db.QueryContext(context.Background(), "select id from t order by id")
	if err != nil {
		return 0, err
	}
	var id int
	if rows.Next() {
		err = rows.Scan(&id)
	}
	return id, err
}

// TestLeaks checks that each kind of leak fails the test at cleanup,
// once, with its kind, the line that acquired it, its stack trimmed of
// database/sql's and leakcheck's frames, and db.Stats().InUse.
func TestLeaks(t *testing.T) {
	for _, c := range leaks {
		t.Run(c.name, func(t *testing.T) {
			r := &recorder{TB: t}
			db := sqlite(t, r, leakcheck.Wait(0))
			line := c.leak(t, db)
			inUse := db.Stats().InUse
			errs := r.finish()
			if len(errs) != 1 {
				t.Fatalf("want 1 failure, got %d: %q", len(errs), errs)
			}
			report := errs[0]
			for _, want := range []string{
				"leakcheck: 1 leaked on sqlite (db.Stats().InUse = " + fmt.Sprint(inUse) + "):",
				"\n\n" + c.kind + fmt.Sprintf(" acquired at leakcheck/leakcheck_test.go:%d, open for ", line),
				fmt.Sprintf("leakcheck_test.go:%d\n", line),
			} {
				if !strings.Contains(report, want) {
					t.Errorf("the report lacks %q:\n%s", want, report)
				}
			}
			if c.name == "in a helper" && !regexp.MustCompile(`leakcheck_test\.firstID\n.*\n.*leakcheck_test\.init\.func\d+\n.*\n.*leakcheck_test\.TestLeaks\.func1\n`).MatchString(report) {
				t.Errorf("the stack does not show the helper, then its caller, then the test:\n%s", report)
			}
			for _, frame := range regexp.MustCompile(`(?m)^    (\S+)$`).FindAllStringSubmatch(report, -1) {
				if strings.HasPrefix(frame[1], "database/sql.") || strings.HasPrefix(frame[1], "github.com/leaklint/leaklint/leakcheck.") ||
					strings.HasPrefix(frame[1], "testing.") || strings.HasPrefix(frame[1], "runtime.") {
					t.Errorf("the stack keeps the frame %s:\n%s", frame[1], report)
				}
			}
			if inUse == 0 && c.name != "stmt" {
				t.Errorf("db.Stats().InUse = 0 while the leak holds a connection")
			}
		})
	}
}

// TestGroups checks that identical leaks make one paragraph, counted.
func TestGroups(t *testing.T) {
	r := &recorder{TB: t}
	db := sqlite(t, r, leakcheck.Wait(0))
	var at int
	for range 3 {
		at = nextLine()
		if _, err := db.Query("select id from t"); err != nil {
			t.Fatal(err)
		}
	}
	errs := r.finish()
	want := fmt.Sprintf("leakcheck: 3 leaked on sqlite (db.Stats().InUse = 3):\n\n3 × *sql.Rows from sql.(*DB).Query, acquired at leakcheck/leakcheck_test.go:%d, open for ", at)
	if len(errs) != 1 || !strings.HasPrefix(errs[0], want) || strings.Count(errs[0], "\n\n") != 1 {
		t.Errorf("want one paragraph starting %q, got %q", want, errs)
	}
}

// TestClean checks that correct programs pass: everything released, or
// released by database/sql itself (the end of rows, a transaction's end,
// a cancelled context), and idle connections in the pool.
func TestClean(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name string
		run  func(t *testing.T, db *sql.DB)
	}{
		{"rows closed", func(t *testing.T, db *sql.DB) {
			rows, err := db.Query("select id from t")
			if err != nil {
				t.Fatal(err)
			}
			rows.Next()
			rows.Close()
		}},
		{"rows read to the end", func(t *testing.T, db *sql.DB) {
			rows, err := db.Query("select id from t")
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
			}
		}},
		{"row scanned", func(t *testing.T, db *sql.DB) {
			var n int
			if err := db.QueryRow("select count(*) from t").Scan(&n); err != nil || n != 3 {
				t.Fatal(n, err)
			}
		}},
		{"tx committed with its rows and statement open", func(t *testing.T, db *sql.DB) {
			tx, err := db.Begin()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := tx.Query("select id from t"); err != nil {
				t.Fatal(err)
			}
			if _, err := tx.Prepare("select 1"); err != nil {
				t.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
		}},
		{"tx rolled back", func(t *testing.T, db *sql.DB) {
			tx, err := db.Begin()
			if err != nil {
				t.Fatal(err)
			}
			tx.Rollback()
		}},
		{"context cancelled", func(t *testing.T, db *sql.DB) {
			cctx, cancel := context.WithCancel(ctx)
			if _, err := db.QueryContext(cctx, "select id from t"); err != nil {
				t.Fatal(err)
			}
			if _, err := db.BeginTx(cctx, nil); err != nil {
				t.Fatal(err)
			}
			cancel()
		}},
		{"stmt and conn closed", func(t *testing.T, db *sql.DB) {
			stmt, err := db.Prepare("select id from t")
			if err != nil {
				t.Fatal(err)
			}
			stmt.Close()
			conn, err := db.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			conn.Close()
		}},
		{"idle connections", func(t *testing.T, db *sql.DB) {
			db.SetMaxIdleConns(4)
			var wg sync.WaitGroup
			hold := make(chan struct{})
			for range 4 {
				wg.Go(func() {
					tx, err := db.Begin()
					if err != nil {
						t.Error(err)
						return
					}
					<-hold
					tx.Rollback()
				})
			}
			for db.Stats().InUse < 4 {
				time.Sleep(time.Millisecond)
			}
			close(hold)
			wg.Wait()
			if s := db.Stats(); s.Idle < 4 || s.InUse != 0 {
				t.Fatalf("want 4 idle connections and none in use, got %+v", s)
			}
		}},
		{"waiters on a pool of one", func(t *testing.T, db *sql.DB) {
			db.SetMaxOpenConns(1)
			db.SetMaxIdleConns(0)
			var wg sync.WaitGroup
			for range 20 {
				wg.Go(func() {
					conn, err := db.Conn(ctx)
					if err != nil {
						t.Error(err)
						return
					}
					time.Sleep(time.Millisecond)
					conn.Close()
				})
			}
			wg.Wait()
			if s := db.Stats(); s.WaitCount == 0 {
				t.Fatalf("no caller waited: %+v", s)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := &recorder{TB: t}
			db := sqlite(t, r, leakcheck.Wait(5*time.Second))
			c.run(t, db)
			if errs := r.finish(); len(errs) > 0 {
				t.Errorf("a correct program failed:\n%s", strings.Join(errs, "\n"))
			}
		})
	}
}

// keep holds rows on purpose, as a test fixture might.
func keep(db *sql.DB) *sql.Rows {
	rows, _ := db.Query("select id from t")
	return rows
}

// TestIgnore checks that the options tolerate what they name and
// nothing else.
func TestIgnore(t *testing.T) {
	const keepName = "github.com/leaklint/leaklint/leakcheck_test.keep"
	const testName = "github.com/leaklint/leaklint/leakcheck_test.TestIgnore.func1"
	cases := []struct {
		name     string
		opts     []leakcheck.Option
		reported string // what is reported: rows, tx, both or none
	}{
		{"nothing ignored", nil, "both"},
		{"top function keep", []leakcheck.Option{leakcheck.IgnoreTopFunction(keepName)}, "tx"},
		{"top function the test", []leakcheck.Option{leakcheck.IgnoreTopFunction(testName)}, "rows"},
		{"any function keep", []leakcheck.Option{leakcheck.IgnoreAnyFunction(keepName)}, "tx"},
		{"any function the test", []leakcheck.Option{leakcheck.IgnoreAnyFunction(testName)}, "none"},
		{"another function", []leakcheck.Option{leakcheck.IgnoreAnyFunction(keepName + "2")}, "both"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := &recorder{TB: t}
			db := sqlite(t, r, append(c.opts, leakcheck.Wait(0))...)
			keep(db)
			tx, err := db.Begin()
			if err != nil {
				t.Fatal(err)
			}
			_ = tx
			report := strings.Join(r.finish(), "\n")
			hasRows := strings.Contains(report, "*sql.Rows from sql.(*DB).Query,")
			hasTx := strings.Contains(report, "*sql.Tx from sql.(*DB).Begin,")
			got := map[[2]bool]string{{true, true}: "both", {true, false}: "rows", {false, true}: "tx", {false, false}: "none"}[[2]bool{hasRows, hasTx}]
			if got != c.reported {
				t.Errorf("want %s reported, got %s:\n%s", c.reported, got, report)
			}
		})
	}
}

// TestVerify checks an explicit check in the middle of a test, and the
// error for a database leakcheck did not open.
func TestVerify(t *testing.T) {
	r := &recorder{TB: t}
	db := sqlite(t, r, leakcheck.Wait(0))
	leakcheck.Verify(r, db)
	if len(r.errors) != 0 {
		t.Fatalf("nothing open, yet: %q", r.errors)
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	leakcheck.Verify(r, db)
	if len(r.errors) != 1 || !strings.Contains(r.errors[0], "*sql.Tx from sql.(*DB).Begin,") {
		t.Fatalf("want the transaction reported, got %q", r.errors)
	}
	tx.Rollback()
	if errs := r.finish(); len(errs) != 1 {
		t.Fatalf("the rolled back transaction was reported again at cleanup: %q", errs)
	}

	plain, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	if err := leakcheck.Check(plain); err == nil || !strings.Contains(err.Error(), "not opened by leakcheck") {
		t.Errorf("Check of a plain database: %v", err)
	}
}

// TestWrap wraps a database opened elsewhere: the wrapper has its pool
// limits, reports its leaks, and leaves the original open.
func TestWrap(t *testing.T) {
	original, err := sql.Open("sqlite", "file:"+t.TempDir()+"/wrap.db")
	if err != nil {
		t.Fatal(err)
	}
	defer original.Close()
	original.SetMaxOpenConns(3)
	original.SetMaxIdleConns(1)
	setup(t, original)

	r := &recorder{TB: t}
	db := leakcheck.Wrap(r, original, leakcheck.Wait(0))
	if got := db.Stats().MaxOpenConnections; got != 3 {
		t.Errorf("MaxOpenConnections = %d, want the original's 3", got)
	}
	at := nextLine()
	rows, err := db.Query("select name from t")
	if err != nil {
		t.Fatal(err)
	}
	_ = rows
	errs := r.finish()
	if len(errs) != 1 || !strings.Contains(errs[0], fmt.Sprintf("*sql.Rows from sql.(*DB).Query, acquired at leakcheck/leakcheck_test.go:%d", at)) {
		t.Fatalf("want the rows reported, got %q", errs)
	}
	var n int
	if err := original.QueryRow("select count(*) from t").Scan(&n); err != nil || n != 3 {
		t.Errorf("the original database after the wrapper closed: %d, %v", n, err)
	}
}

// TestUntracked shows the limit of a driver with ResetSession and no
// IsValid, whose checkouts cannot be recorded: a leaked *sql.Conn is
// still caught, by db.Stats().InUse, without a stack.
func TestUntracked(t *testing.T) {
	d := &fakeDriver{shape: shapes[2]}
	if d.shape.name != "resetter" {
		t.Fatal("shapes[2] is not the resetter")
	}
	r := &recorder{TB: t}
	db := leakcheck.OpenDB(r, d, leakcheck.Wait(0))
	if _, err := db.Conn(context.Background()); err != nil {
		t.Fatal(err)
	}
	errs := r.finish()
	if len(errs) != 1 || !strings.Contains(errs[0], "db.Stats().InUse = 1 after the test, and no resource leakcheck recorded is open") {
		t.Fatalf("want the connection counted, got %q", errs)
	}
}

// TestOpenerConnection checks a connection that database/sql's opener
// goroutine makes for a caller who stops waiting before it is ready: it
// goes to the pool idle, and must not be reported as checked out.
func TestOpenerConnection(t *testing.T) {
	gate := make(chan struct{})
	d := &fakeDriver{shape: shapes[0], onConnect: func(n int) {
		if n == 2 {
			<-gate
		}
	}}
	r := &recorder{TB: t}
	db := leakcheck.OpenDB(r, d, leakcheck.Wait(0))
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	first, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wctx, cancel := context.WithCancel(ctx)
	waited := make(chan error)
	go func() {
		_, err := db.Conn(wctx)
		waited <- err
	}()
	for db.Stats().WaitCount == 0 {
		time.Sleep(time.Millisecond)
	}
	// A bad connection is closed, and the opener makes one for the waiter.
	first.Raw(func(any) error { return driver.ErrBadConn })
	for d.opened() < 2 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	if err := <-waited; err != context.Canceled {
		t.Fatalf("the waiter: %v", err)
	}
	close(gate)
	for db.Stats().Idle == 0 {
		time.Sleep(time.Millisecond)
	}
	if s := db.Stats(); s.OpenConnections != 1 || s.InUse != 0 {
		t.Fatalf("want one idle connection, got %+v", s)
	}
	if errs := r.finish(); len(errs) > 0 {
		t.Errorf("an idle connection was reported:\n%s", errs[0])
	}
}

// shared is the database of the TestMain form, opened by TestMain when
// the test runs itself as a child process (TestVerifyTestMain).
var shared *sql.DB

func TestMain(m *testing.M) {
	if dsn := os.Getenv("LEAKCHECK_TESTMAIN_DSN"); dsn != "" {
		shared = leakcheck.Open(nil, "sqlite", dsn, leakcheck.Wait(0))
		leakcheck.VerifyTestMain(m)
	}
	os.Exit(m.Run())
}

// TestSharedLeak leaves rows open on the shared database; it runs only
// in the child process of TestVerifyTestMain.
func TestSharedLeak(t *testing.T) {
	if shared == nil {
		t.Skip("runs in the child process of TestVerifyTestMain")
	}
	if _, err := shared.Query("select 1"); err != nil {
		t.Fatal(err)
	}
}

// TestSharedClean uses the shared database correctly; it runs only in
// the child process of TestVerifyTestMain.
func TestSharedClean(t *testing.T) {
	if shared == nil {
		t.Skip("runs in the child process of TestVerifyTestMain")
	}
	var n int
	if err := shared.QueryRow("select 1").Scan(&n); err != nil {
		t.Fatal(err)
	}
}

// TestVerifyTestMain runs this test binary again with a shared database
// opened in TestMain: a test that leaks on it fails the package at
// exit, one that does not passes.
func TestVerifyTestMain(t *testing.T) {
	if shared != nil {
		t.Skip("the child process")
	}
	run := func(test string) (string, error) {
		cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$")
		cmd.Env = append(os.Environ(), "LEAKCHECK_TESTMAIN_DSN=file:"+t.TempDir()+"/shared.db")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := run("TestSharedLeak")
	if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() != 1 {
		t.Errorf("a leak on the shared database: want exit status 1, got %v:\n%s", err, out)
	}
	if !strings.Contains(out, "*sql.Rows from sql.(*DB).Query, acquired at leakcheck/leakcheck_test.go:") || !strings.Contains(out, "leakcheck_test.TestSharedLeak") {
		t.Errorf("the report does not name the leaked rows and the test:\n%s", out)
	}
	if out, err := run("TestSharedClean"); err != nil {
		t.Errorf("no leak on the shared database: %v\n%s", err, out)
	}
}
