package live_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"example.com/shop/pgstore"
	"example.com/shop/report"
	"example.com/shop/store"
	"github.com/leaklint/leaklint/leakcheck"
	"github.com/leaklint/leaklint/leakcheck/pgxcheck"
)

// exampleDir is the example module's directory.
var exampleDir = func() string {
	dir, err := filepath.Abs("..")
	if err != nil {
		panic(err)
	}
	return dir
}()

// A finding is one of leaklint's findings on the example module.
type finding struct {
	analyzer, message string
}

// findings runs leaklint (built from this repository) on the example
// module, once, and returns its findings by position: the file relative
// to the module and the line ("store/store.go:26").
var findings = sync.OnceValues(func() (map[string]finding, error) {
	dir, err := os.MkdirTemp("", "leaklint-live-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "leaklint")
	build := exec.Command("go", "build", "-o", bin, "./cmd/leaklint")
	build.Dir = filepath.Dir(exampleDir)
	if out, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("building leaklint: %v\n%s", err, out)
	}
	run := exec.Command(bin, "-json", "./...")
	run.Dir = exampleDir
	out, err := run.Output()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 3) {
		return nil, fmt.Errorf("leaklint -json ./...: %v\n%s", err, out)
	}
	var tree map[string]map[string][]struct{ Posn, Message string }
	if err := json.Unmarshal(out, &tree); err != nil {
		return nil, fmt.Errorf("leaklint -json: %v", err)
	}
	all := make(map[string]finding)
	for _, analyzers := range tree {
		for analyzer, diags := range analyzers {
			for _, d := range diags {
				file, rest, _ := strings.Cut(strings.TrimPrefix(d.Posn, exampleDir+string(filepath.Separator)), ":")
				line, _, _ := strings.Cut(rest, ":")
				all[filepath.ToSlash(file)+":"+line] = finding{analyzer, d.Message}
			}
		}
	}
	return all, nil
})

// staticFinding returns leaklint's finding at pos, failing the test if
// there is none.
func staticFinding(t *testing.T, pos string) finding {
	t.Helper()
	all, err := findings()
	if err != nil {
		t.Fatal(err)
	}
	f, ok := all[pos]
	if !ok {
		t.Fatalf("leaklint reports nothing at %s; it reports %v", pos, slices.Sorted(maps.Keys(all)))
	}
	return f
}

// at returns how a stack line of a leakcheck report names a line of the
// example module.
func at(pos string) string {
	return filepath.Join(exampleDir, filepath.FromSlash(pos)) + "\n"
}

// lineIn returns the position in the same file as pos of the line that
// message names "(line N)", or "".
func lineIn(pos, message string) string {
	m := regexp.MustCompile(`\(line ([0-9]+)\)`).FindStringSubmatch(message)
	if m == nil {
		return ""
	}
	file, _, _ := strings.Cut(pos, ":")
	return file + ":" + m[1]
}

// A leak runs the example's code on a path where leaklint reports a
// leak, leaving the resource open.
type leak struct {
	finding string // the position of leaklint's finding
	kind    string // the start of leakcheck's paragraph about it
	arrays  bool   // needs PostgreSQL's arrays
	run     func(ctx context.Context, db *sql.DB) error
}

// A correct run uses the example's correct code, or its leaky code on a
// path that releases everything.
type correct struct {
	name   string
	arrays bool
	run    func(ctx context.Context, db *sql.DB) error
}

// A hold runs code that connloop reports, on a pool too small for it:
// it waits for a connection that its own open resources hold, and a
// check while it waits names them at the line leaklint's finding names.
type hold struct {
	finding string
	held    string // the start of leakcheck's paragraph about what is held
	heldAt  string // where it was acquired, if the finding's message does not say
	pool    int    // the pool's size
	arrays  bool
	run     func(ctx context.Context, db *sql.DB) error
}

// exempt lists the findings that have no run-time form, and why.
var exempt = map[string]string{
	"store/store.go:22": "globalconn: nothing assigns the package-level transaction, so nothing runs",
}

var sqlLeaks = []leak{
	{"report/report.go:16", "*sql.Rows from sql.(*DB).QueryContext", false, func(ctx context.Context, db *sql.DB) error {
		_, err := report.Newest(ctx, db)
		return err
	}},
	{"store/store.go:26", "*sql.Rows from sql.(*DB).QueryContext", false, func(ctx context.Context, db *sql.DB) error {
		if _, err := db.ExecContext(ctx, "insert into orders values (null)"); err != nil {
			return err
		}
		if _, err := store.New(db).Orders(ctx); err == nil {
			return errors.New("Orders scanned a null id")
		}
		return nil
	}},
	{"store/store.go:65", "*sql.Tx from sql.(*DB).BeginTx", false, func(ctx context.Context, db *sql.DB) error {
		if err := store.New(db).Charge(ctx, 1, 0); err == nil {
			return errors.New("Charge took an amount of 0")
		}
		return nil
	}},
}

var sqlCorrect = []correct{
	{"report.NewestClosed", false, func(ctx context.Context, db *sql.DB) error {
		id, err := report.NewestClosed(ctx, db)
		return want(id, 3, err)
	}},
	{"store.Orders", false, func(ctx context.Context, db *sql.DB) error {
		orders, err := store.New(db).Orders(ctx)
		return want(len(orders), 3, err)
	}},
	{"store.OrdersWithCustomers", false, func(ctx context.Context, db *sql.DB) error {
		orders, err := store.New(db).OrdersWithCustomers(ctx)
		if err == nil && orders[1].Customer != "bob" {
			err = fmt.Errorf("customer of order 2: %q", orders[1].Customer)
		}
		return want(len(orders), 3, err)
	}},
	{"store.Charge", false, func(ctx context.Context, db *sql.DB) error {
		return balance(ctx, db, 90, store.New(db).Charge(ctx, 1, 10))
	}},
	{"store.Refund", false, func(ctx context.Context, db *sql.DB) error {
		s := store.New(db)
		if err := s.Refund(ctx, 1, 0); err == nil {
			return errors.New("Refund took an amount of 0")
		}
		return balance(ctx, db, 110, s.Refund(ctx, 1, 10))
	}},
	{"store.Count", false, func(ctx context.Context, db *sql.DB) error {
		n, err := store.New(db).Count(ctx)
		return want(n, 3, err)
	}},
	{"store.Archive", true, func(ctx context.Context, db *sql.DB) error {
		if err := store.New(db).Archive(ctx, [][]int{{1}, {2}}); err != nil {
			return err
		}
		n, err := store.New(db).Count(ctx)
		return want(n, 1, err)
	}},
}

var sqlHolds = []hold{
	{finding: "store/store.go:55", held: "*sql.Rows from sql.(*DB).QueryContext", pool: 1,
		run: func(ctx context.Context, db *sql.DB) error {
			_, err := store.New(db).OrdersWithCustomers(ctx)
			return err
		}},
	{finding: "store/store.go:104", held: "2 × *sql.Rows from sql.(*DB).QueryContext", heldAt: "store/store.go:100", pool: 2, arrays: true,
		run: func(ctx context.Context, db *sql.DB) error {
			return store.New(db).Archive(ctx, [][]int{{1}, {2}})
		}},
	{finding: "store/store.go:106", held: "2 × *sql.Rows from sql.(*DB).QueryContext", pool: 2, arrays: true,
		run: func(ctx context.Context, db *sql.DB) error {
			return store.New(db).Archive(ctx, [][]int{{1}, {2}})
		}},
}

// want returns err, or an error if got is not want.
func want(got, want int, err error) error {
	if err == nil && got != want {
		err = fmt.Errorf("got %d, want %d", got, want)
	}
	return err
}

// balance returns err, or an error if account 1's balance is not b.
func balance(ctx context.Context, db *sql.DB, b int, err error) error {
	if err != nil {
		return err
	}
	var got int
	if err := db.QueryRowContext(ctx, "select balance from accounts where id = 1").Scan(&got); err != nil {
		return err
	}
	return want(got, b, nil)
}

// TestDatabaseSQL runs the example's database/sql code on each database:
// every leak leaklint reports is caught by leakcheck at the line
// leaklint names, the correct code passes leakcheck's check at the end
// of its test, and the code that connloop reports stalls on a small
// pool, held by what leakcheck names.
func TestDatabaseSQL(t *testing.T) {
	ctx := context.Background()
	for _, d := range []database{sqliteDB, postgresDB, mariadbDB} {
		t.Run(d.name, func(t *testing.T) {
			d.fresh(t) // skips the rest when the server does not answer
			for _, c := range sqlLeaks {
				t.Run("leak "+c.finding, func(t *testing.T) {
					f := staticFinding(t, c.finding)
					db := leakcheck.OpenDB(nil, d.fresh(t), leakcheck.Wait(0))
					defer db.Close()
					if err := c.run(ctx, db); err != nil {
						t.Fatal(err)
					}
					report := leakcheck.Check(db)
					if report == nil {
						t.Fatalf("leaklint reports %q (%s), and leakcheck finds nothing open", f.message, f.analyzer)
					}
					if !strings.Contains(report.Error(), "\n\n"+c.kind+", acquired at ") || !strings.Contains(report.Error(), at(c.finding)) {
						t.Errorf("leakcheck does not report %s through %s:\n%s", c.kind, c.finding, report)
					}
					t.Logf("leaklint: %s: %s (%s)\n%s", c.finding, f.message, f.analyzer, report)
				})
			}
			for _, c := range sqlCorrect {
				t.Run(c.name, func(t *testing.T) {
					if c.arrays && !d.arrays {
						t.Skip("needs PostgreSQL's arrays (id = any($1))")
					}
					db := leakcheck.OpenDB(t, d.fresh(t)) // checked at the end of the test
					if err := c.run(ctx, db); err != nil {
						t.Fatal(err)
					}
				})
			}
			for _, c := range sqlHolds {
				t.Run("hold "+c.finding, func(t *testing.T) {
					if c.arrays && !d.arrays {
						t.Skip("needs PostgreSQL's arrays (id = any($1))")
					}
					db := leakcheck.OpenDB(t, d.fresh(t))
					db.SetMaxOpenConns(c.pool)
					stall(t, db, c)
				})
			}
		})
	}
}

// stall runs c on db until it waits for a connection, checks that what
// holds the pool is what leaklint's finding names, then cancels it.
func stall(t *testing.T, db *sql.DB, c hold) {
	t.Helper()
	f := staticFinding(t, c.finding)
	heldAt := c.heldAt
	if heldAt == "" {
		heldAt = lineIn(c.finding, f.message)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- c.run(ctx, db) }()
	deadline := time.Now().Add(10 * time.Second)
	for db.Stats().WaitCount == 0 {
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("leaklint reports %q, and the code did not wait for a connection on a pool of %d: %v", f.message, c.pool, <-done)
		}
		time.Sleep(time.Millisecond)
	}
	report := leakcheck.Check(db, leakcheck.Wait(0))
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("the stalled call returned %v, want context.Canceled", err)
	}
	if report == nil {
		t.Fatal("nothing open while the code waits for a connection")
	}
	head := "\n\n" + c.held + ", acquired at " + heldAt + ","
	if !strings.Contains(report.Error(), head) {
		t.Errorf("leaklint reports %q; leakcheck, while the call waits, does not report %q:\n%s", f.message, head, report)
	}
	t.Logf("leaklint: %s: %s (%s)\nwhile the call waits for a connection: %s", c.finding, f.message, f.analyzer, report)
}

// TestHoldWhileSleeping shows connloop's finding on store.Archive's
// sleep: the transaction stays open across it.
func TestHoldWhileSleeping(t *testing.T) {
	const pos = "store/store.go:115"
	f := staticFinding(t, pos)
	db := leakcheck.OpenDB(t, postgresDB.fresh(t))
	ctx := context.Background()
	done := make(chan error)
	go func() { done <- store.New(db).Archive(ctx, [][]int{{1}, {2}}) }()
	head := "*sql.Tx from sql.(*DB).BeginTx, acquired at " + lineIn(pos, f.message) + ","
	var seen bool
	for running := true; running; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			running = false
		default:
			if err := leakcheck.Check(db, leakcheck.Wait(0)); err != nil && strings.Contains(err.Error(), head) {
				seen = true
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	if !seen {
		t.Errorf("leaklint reports %q, and no check during Archive saw %q open", f.message, head)
	}
}

var pgxLeaks = []struct {
	finding string
	kind    string
	run     func(ctx context.Context, pool *pgxpool.Pool) error
}{
	{"pgstore/pgstore.go:24", "pgx.Rows from pgxpool.(*Pool).Query", func(ctx context.Context, pool *pgxpool.Pool) error {
		if _, err := pool.Exec(ctx, "insert into orders values (-1)"); err != nil {
			return err
		}
		if _, err := pgstore.New(pool).Orders(ctx); err == nil {
			return errors.New("Orders took id -1")
		}
		return nil
	}},
	{"pgstore/pgstore.go:53", "pgx.Tx from pgxpool.(*Pool).Begin", func(ctx context.Context, pool *pgxpool.Pool) error {
		if err := pgstore.New(pool).Charge(ctx, 1, 0); err == nil {
			return errors.New("Charge took an amount of 0")
		}
		return nil
	}},
	{"pgstore/pgstore.go:87", "*pgxpool.Conn from pgxpool.(*Pool).Acquire", func(ctx context.Context, pool *pgxpool.Pool) error {
		if _, err := pgstore.New(pool).Customer(ctx, 99); err == nil {
			return errors.New("order 99 has a customer")
		}
		return nil
	}},
}

var pgxCorrect = []struct {
	name string
	run  func(ctx context.Context, pool *pgxpool.Pool) error
}{
	{"Orders", func(ctx context.Context, pool *pgxpool.Pool) error {
		ids, err := pgstore.New(pool).Orders(ctx)
		return want(len(ids), 3, err)
	}},
	{"OrdersCollected", func(ctx context.Context, pool *pgxpool.Pool) error {
		if _, err := pool.Exec(ctx, "insert into orders values (-1)"); err != nil {
			return err
		}
		ids, err := pgstore.New(pool).OrdersCollected(ctx)
		return want(len(ids), 4, err)
	}},
	{"Charge", func(ctx context.Context, pool *pgxpool.Pool) error {
		if err := pgstore.New(pool).Charge(ctx, 1, 10); err != nil {
			return err
		}
		var b int
		err := pool.QueryRow(ctx, "select balance from accounts where id = 1").Scan(&b)
		return want(b, 90, err)
	}},
	{"Refund", func(ctx context.Context, pool *pgxpool.Pool) error {
		s := pgstore.New(pool)
		if err := s.Refund(ctx, 1, 0); err == nil {
			return errors.New("Refund took an amount of 0")
		}
		return s.Refund(ctx, 1, 10)
	}},
	{"Customer", func(ctx context.Context, pool *pgxpool.Pool) error {
		name, err := pgstore.New(pool).Customer(ctx, 2)
		if err == nil && name != "bob" {
			err = fmt.Errorf("customer %q", name)
		}
		return err
	}},
	{"Count", func(ctx context.Context, pool *pgxpool.Pool) error {
		n, err := pgstore.New(pool).Count(ctx)
		return want(n, 3, err)
	}},
}

// TestPgxPool runs the example's pgx code on a pool made by pgxcheck:
// every leak leaklint reports in it is caught, at the line leaklint
// names, and the correct code passes.
func TestPgxPool(t *testing.T) {
	postgresConfig(t) // skips when the server does not answer
	ctx := context.Background()
	for _, c := range pgxLeaks {
		t.Run("leak "+c.finding, func(t *testing.T) {
			f := staticFinding(t, c.finding)
			pool := pgxcheck.Pool(nil, postgresPool(t), leakcheck.Wait(0))
			if err := c.run(ctx, pool); err != nil {
				t.Fatal(err)
			}
			report := pgxcheck.Check(pool)
			if report == nil {
				t.Fatalf("leaklint reports %q (%s), and pgxcheck finds nothing open", f.message, f.analyzer)
			}
			if !strings.Contains(report.Error(), "\n\n"+c.kind+", acquired at "+c.finding+",") {
				t.Errorf("pgxcheck does not report %s at %s:\n%s", c.kind, c.finding, report)
			}
			t.Logf("leaklint: %s: %s (%s)\n%s", c.finding, f.message, f.analyzer, report)
		})
	}
	for _, c := range pgxCorrect {
		t.Run(c.name, func(t *testing.T) {
			pool := pgxcheck.Pool(t, postgresPool(t))
			if err := c.run(ctx, pool); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestEveryFinding checks that the tests above show every finding
// leaklint reports on the example at run time, or say why it has none.
func TestEveryFinding(t *testing.T) {
	all, err := findings()
	if err != nil {
		t.Fatal(err)
	}
	shown := make(map[string]bool)
	for _, c := range sqlLeaks {
		shown[c.finding] = true
	}
	for _, c := range sqlHolds {
		shown[c.finding] = true
	}
	for _, c := range pgxLeaks {
		shown[c.finding] = true
	}
	shown["store/store.go:115"] = true // TestHoldWhileSleeping
	for pos := range exempt {
		shown[pos] = true
	}
	for _, pos := range slices.Sorted(maps.Keys(all)) {
		if !shown[pos] {
			t.Errorf("leaklint reports %q at %s (%s), and no test runs it", all[pos].message, pos, all[pos].analyzer)
		}
		delete(shown, pos)
	}
	for _, pos := range slices.Sorted(maps.Keys(shown)) {
		t.Errorf("a test runs %s, where leaklint reports nothing", pos)
	}
	if len(all) < 10 {
		t.Errorf("leaklint reports %d findings on the example; make demo shows 11", len(all))
	}
}
