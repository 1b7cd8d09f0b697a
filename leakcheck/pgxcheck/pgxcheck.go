package pgxcheck

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/multitracer"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/leaklint/leaklint/leakcheck"
	"github.com/leaklint/leaklint/leakcheck/internal/ledger"
)

// The kinds of resource the tracer records, as pgx names them.
const (
	kindRows  = "pgx.Rows"
	kindTx    = "pgx.Tx"
	kindBatch = "pgx.BatchResults"
)

// library lists the function-name prefixes of the frames that stacks
// leave out: pgx's, puddle's (the pool's) and pgxcheck's own.
var library = []string{"github.com/jackc/pgx/v5", "github.com/jackc/puddle/v2.", ledger.PackageOf(newTracer) + "."}

// pools maps every pool that Pool made to its ledger.
var pools sync.Map

// Pool makes a pool from a copy of cfg, like pgxpool.NewWithConfig, with
// a tracer that records every acquired *pgxpool.Conn, pgx.Rows (and
// pgx.Row until it is scanned), pgx.Tx and pgx.BatchResults with the
// stack that acquired it. When the test ends (at t.Cleanup) whatever is
// still open fails the test with its kind, its age and its stack, and
// the pool is closed (in the background when a connection is still
// acquired: pgxpool's Close waits for it). A tracer already in
// cfg.ConnConfig.Tracer keeps receiving every call (pgx's multitracer
// calls both).
//
// With a nil t the pool is checked only by leakcheck.VerifyTestMain or
// Check, and a failure to make it panics.
func Pool(t testing.TB, cfg *pgxpool.Config, opts ...leakcheck.Option) *pgxpool.Pool {
	if t != nil {
		t.Helper()
	}
	cfg = cfg.Copy()
	name := fmt.Sprintf("pgxpool %s@%s:%d", cfg.ConnConfig.Database, cfg.ConnConfig.Host, cfg.ConnConfig.Port)
	l := ledger.New(name, library, refine, opts)
	tr := newTracer(l)
	if user := cfg.ConnConfig.Tracer; user != nil {
		cfg.ConnConfig.Tracer = multitracer.New(tr, user)
	} else {
		cfg.ConnConfig.Tracer = tr
	}
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		if t == nil {
			panic(fmt.Sprintf("pgxcheck.Pool: %v", err))
		}
		t.Fatalf("pgxcheck.Pool: %v", err)
		return nil
	}
	l.SetInUse(func() (int, string) {
		n := int(pool.Stat().AcquiredConns())
		return n, fmt.Sprintf("pool.Stat().AcquiredConns() = %d", n)
	})
	pools.Store(pool, l)
	if t == nil {
		ledger.Share(l)
		return pool
	}
	t.Cleanup(func() {
		err := l.Check()
		if err != nil {
			t.Error(err)
		}
		pools.Delete(pool)
		if pool.Stat().AcquiredConns() > 0 {
			go pool.Close() // returns when the leaked connections are released, if ever
			return
		}
		pool.Close()
	})
	return pool
}

// Check waits for everything recorded on pool to be released, as the
// check at the end of a test does, and returns an error that lists what
// is still open, or nil. pool must come from Pool.
func Check(pool *pgxpool.Pool, opts ...leakcheck.Option) error {
	l, ok := pools.Load(pool)
	if !ok {
		return fmt.Errorf("pgxcheck.Check: the pool was not made by pgxcheck.Pool")
	}
	return l.(*ledger.Ledger).Check(opts...)
}

// Verify fails t if anything recorded on pool is still open, as the
// check at the end of the test does.
func Verify(t testing.TB, pool *pgxpool.Pool, opts ...leakcheck.Option) {
	t.Helper()
	if err := Check(pool, opts...); err != nil {
		t.Error(err)
	}
}

// refine names a resource after the pgx call that acquired it (via, a
// function name).
func refine(kind, via string) string {
	switch {
	case kind == kindRows && strings.HasSuffix(via, ".QueryRow"):
		return "pgx.Row (never scanned)"
	case kind == ledger.KindConn:
		return "*pgxpool.Conn"
	}
	return kind
}

// tracer records a pool's acquisitions and what runs on its
// connections. pgxpool calls TraceAcquireEnd on the goroutine that
// acquires a connection and TraceRelease on every Release (unlike the
// AfterRelease hook, which is skipped when the pool destroys the
// connection); pgx calls TraceQueryStart when a query starts and
// TraceQueryEnd when it ends: for Query and QueryRow that is when the
// rows are closed.
//
// A transaction is read from the connection's status after each
// statement (pgconn's TxStatus, 'I' outside one): it begins at the
// statement that leaves the connection in a transaction (pgx's begin, or
// any BEGIN the code sends) and ends at the one that brings it back,
// whatever its SQL, so that savepoints and custom begin and commit
// statements need no parsing.
type tracer struct {
	ledger *ledger.Ledger

	mu       sync.Mutex
	acquired map[*pgx.Conn]*ledger.Entry
	tx       map[*pgx.Conn]*ledger.Entry
}

// newTracer returns a tracer writing to l.
func newTracer(l *ledger.Ledger) *tracer {
	return &tracer{ledger: l, acquired: make(map[*pgx.Conn]*ledger.Entry), tx: make(map[*pgx.Conn]*ledger.Entry)}
}

// entryKey is the context key of the entry of a running query or batch.
type entryKey struct{}

func (t *tracer) TraceQueryStart(ctx context.Context, conn *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	return context.WithValue(ctx, entryKey{}, t.ledger.Open(kindRows, conn, 1))
}

func (t *tracer) TraceQueryEnd(ctx context.Context, conn *pgx.Conn, _ pgx.TraceQueryEndData) {
	t.ended(ctx, conn)
}

func (t *tracer) TraceBatchStart(ctx context.Context, conn *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	return context.WithValue(ctx, entryKey{}, t.ledger.Open(kindBatch, conn, 1))
}

func (t *tracer) TraceBatchQuery(context.Context, *pgx.Conn, pgx.TraceBatchQueryData) {}

func (t *tracer) TraceBatchEnd(ctx context.Context, conn *pgx.Conn, _ pgx.TraceBatchEndData) {
	t.ended(ctx, conn)
}

// ended closes the entry of the query or batch that ctx carries and
// follows the connection's transaction status.
func (t *tracer) ended(ctx context.Context, conn *pgx.Conn) {
	if e, ok := ctx.Value(entryKey{}).(*ledger.Entry); ok {
		t.ledger.Close(e)
	}
	inTx := !conn.IsClosed() && conn.PgConn().TxStatus() != 'I'
	t.mu.Lock()
	defer t.mu.Unlock()
	switch e := t.tx[conn]; {
	case inTx && e == nil:
		t.tx[conn] = t.ledger.Open(kindTx, conn, 1)
	case !inTx && e != nil:
		t.ledger.Close(e)
		delete(t.tx, conn)
	}
}

func (t *tracer) TraceAcquireStart(ctx context.Context, _ *pgxpool.Pool, _ pgxpool.TraceAcquireStartData) context.Context {
	return ctx
}

func (t *tracer) TraceAcquireEnd(_ context.Context, _ *pgxpool.Pool, data pgxpool.TraceAcquireEndData) {
	if data.Err != nil || data.Conn == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.ledger.Close(t.acquired[data.Conn])
	t.acquired[data.Conn] = t.ledger.Open(ledger.KindConn, data.Conn, 1)
}

func (t *tracer) TraceRelease(_ *pgxpool.Pool, data pgxpool.TraceReleaseData) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.ledger.Close(t.acquired[data.Conn])
	delete(t.acquired, data.Conn)
}
