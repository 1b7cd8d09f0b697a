package pgxcheck_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/leaklint/leaklint/leakcheck"
	"github.com/leaklint/leaklint/leakcheck/pgxcheck"
)

// postgres returns the configuration of the test database, from
// LEAKCHECK_POSTGRES_DSN (default: the project machines' server, trust
// authentication). Without a server the test is skipped, saying why, or
// fails when LEAKCHECK_REQUIRE_DB is set (as in CI).
func postgres(t *testing.T) *pgxpool.Config {
	t.Helper()
	dsn := os.Getenv("LEAKCHECK_POSTGRES_DSN")
	if dsn == "" {
		dsn = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		t.Fatalf("LEAKCHECK_POSTGRES_DSN: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.ConnectConfig(ctx, cfg.ConnConfig)
	if err != nil {
		if os.Getenv("LEAKCHECK_REQUIRE_DB") != "" {
			t.Fatalf("no PostgreSQL at %s (LEAKCHECK_REQUIRE_DB is set): %v", dsn, err)
		}
		t.Skipf("no PostgreSQL at %s (set LEAKCHECK_POSTGRES_DSN; LEAKCHECK_REQUIRE_DB=1 makes this a failure): %v", dsn, err)
	}
	conn.Close(ctx)
	return cfg
}

// recorder is a testing.TB that keeps the failures and the cleanups of
// a check, so that a test can look at a failure pgxcheck reports.
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

func (r *recorder) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }

// finish runs the cleanups, last first, and returns the failures.
func (r *recorder) finish() []string {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
	r.cleanups = nil
	return r.errors
}

// nextLine returns the line after its caller's.
func nextLine() int {
	_, _, line, _ := runtime.Caller(1)
	return line + 1
}

// TestLeaks checks that each kind of leak on a pool fails the test,
// with its kind and the line that acquired it.
func TestLeaks(t *testing.T) {
	cfg := postgres(t)
	ctx := context.Background()
	cases := []struct {
		name string
		kind string
		leak func(t *testing.T, pool *pgxpool.Pool) int
	}{
		{"rows", "pgx.Rows from pgxpool.(*Pool).Query,", func(t *testing.T, pool *pgxpool.Pool) int {
			at := nextLine()
			rows, err := pool.Query(ctx, "select generate_series(1, 3)")
			if err != nil {
				t.Fatal(err)
			}
			rows.Next()
			return at
		}},
		{"row", "pgx.Row (never scanned) from pgxpool.(*Pool).QueryRow,", func(t *testing.T, pool *pgxpool.Pool) int {
			at := nextLine()
			pool.QueryRow(ctx, "select 1")
			return at
		}},
		{"tx", "pgx.Tx from pgxpool.(*Pool).Begin,", func(t *testing.T, pool *pgxpool.Pool) int {
			at := nextLine()
			tx, err := pool.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := tx.Exec(ctx, "select 1"); err != nil {
				t.Fatal(err)
			}
			return at
		}},
		{"conn", "*pgxpool.Conn from pgxpool.(*Pool).Acquire,", func(t *testing.T, pool *pgxpool.Pool) int {
			at := nextLine()
			conn, err := pool.Acquire(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := conn.Exec(ctx, "select 1"); err != nil {
				t.Fatal(err)
			}
			return at
		}},
		{"tx on a released conn", "pgx.Tx from pgx.(*Conn).Begin,", func(t *testing.T, pool *pgxpool.Pool) int {
			conn, err := pool.Acquire(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Release() // the pool destroys a connection left in a transaction
			at := nextLine()
			if _, err := conn.Conn().Begin(ctx); err != nil {
				t.Fatal(err)
			}
			return at
		}},
		{"batch", "pgx.BatchResults from pgxpool.(*Pool).SendBatch,", func(t *testing.T, pool *pgxpool.Pool) int {
			b := &pgx.Batch{}
			b.Queue("select 1")
			at := nextLine()
			pool.SendBatch(ctx, b)
			return at
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := &recorder{TB: t}
			pool := pgxcheck.Pool(r, cfg, leakcheck.Wait(0))
			line := c.leak(t, pool)
			errs := r.finish()
			if len(errs) != 1 {
				t.Fatalf("want 1 failure, got %d: %q", len(errs), errs)
			}
			want := fmt.Sprintf("%s acquired at pgxcheck/pgxcheck_test.go:%d, open for ", c.kind, line)
			if !strings.Contains(errs[0], "leakcheck: 1 leaked on pgxpool ") || !strings.Contains(errs[0], "\n\n"+want) {
				t.Errorf("the report lacks %q:\n%s", want, errs[0])
			}
			if strings.Contains(errs[0], "github.com/jackc/") {
				t.Errorf("the stack keeps pgx's frames:\n%s", errs[0])
			}
		})
	}
}

// counter is a tracer of the test's own, which must keep receiving
// every call.
type counter struct{ starts, ends atomic.Int64 }

func (c *counter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.starts.Add(1)
	return ctx
}

func (c *counter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) { c.ends.Add(1) }

// TestClean checks that correct programs pass, including with a tracer
// of their own in the configuration.
func TestClean(t *testing.T) {
	cfg := postgres(t)
	ctx := context.Background()
	cases := []struct {
		name string
		run  func(t *testing.T, pool *pgxpool.Pool)
	}{
		{"rows closed", func(t *testing.T, pool *pgxpool.Pool) {
			rows, err := pool.Query(ctx, "select generate_series(1, 3)")
			if err != nil {
				t.Fatal(err)
			}
			rows.Close()
		}},
		{"rows collected", func(t *testing.T, pool *pgxpool.Pool) {
			rows, err := pool.Query(ctx, "select generate_series(1, 3)")
			if err != nil {
				t.Fatal(err)
			}
			n, err := pgx.CollectRows(rows, pgx.RowTo[int32])
			if err != nil || len(n) != 3 {
				t.Fatal(n, err)
			}
		}},
		{"row scanned", func(t *testing.T, pool *pgxpool.Pool) {
			var n int
			if err := pool.QueryRow(ctx, "select 1").Scan(&n); err != nil {
				t.Fatal(err)
			}
		}},
		{"tx committed, with a savepoint", func(t *testing.T, pool *pgxpool.Pool) {
			tx, err := pool.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback(ctx)
			sp, err := tx.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if err := sp.Rollback(ctx); err != nil {
				t.Fatal(err)
			}
			if err := tx.Commit(ctx); err != nil {
				t.Fatal(err)
			}
		}},
		{"tx function", func(t *testing.T, pool *pgxpool.Pool) {
			err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
				_, err := tx.Exec(ctx, "select 1")
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			err = pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error { return errors.New("rolled back") })
			if err == nil {
				t.Fatal("BeginFunc: no error")
			}
		}},
		{"conn released", func(t *testing.T, pool *pgxpool.Pool) {
			conn, err := pool.Acquire(ctx)
			if err != nil {
				t.Fatal(err)
			}
			conn.Release()
			if err := pool.AcquireFunc(ctx, func(c *pgxpool.Conn) error { return c.Ping(ctx) }); err != nil {
				t.Fatal(err)
			}
		}},
		{"batch closed", func(t *testing.T, pool *pgxpool.Pool) {
			b := &pgx.Batch{}
			b.Queue("select 1")
			b.Queue("select 2")
			if err := pool.SendBatch(ctx, b).Close(); err != nil {
				t.Fatal(err)
			}
		}},
		{"idle connections", func(t *testing.T, pool *pgxpool.Pool) {
			var wg sync.WaitGroup
			for range 4 {
				wg.Go(func() {
					if _, err := pool.Exec(ctx, "select pg_sleep(0.05)"); err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
			if s := pool.Stat(); s.IdleConns() < 2 || s.AcquiredConns() != 0 {
				t.Fatalf("want idle connections and none acquired, got %d idle, %d acquired", s.IdleConns(), s.AcquiredConns())
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := &recorder{TB: t}
			own := new(counter)
			cfg := cfg.Copy()
			cfg.ConnConfig.Tracer = own
			pool := pgxcheck.Pool(r, cfg, leakcheck.Wait(5*time.Second))
			c.run(t, pool)
			if _, err := pool.Exec(ctx, "select 1"); err != nil {
				t.Fatal(err)
			}
			if errs := r.finish(); len(errs) > 0 {
				t.Errorf("a correct program failed:\n%s", strings.Join(errs, "\n"))
			}
			if own.starts.Load() == 0 || own.starts.Load() != own.ends.Load() {
				t.Errorf("the configuration's own tracer saw %d starts and %d ends", own.starts.Load(), own.ends.Load())
			}
		})
	}
}
