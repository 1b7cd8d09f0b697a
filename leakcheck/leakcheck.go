package leakcheck

import (
	"database/sql"
	"database/sql/driver"
	"fmt"
	"os"
	"reflect"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/leaklint/leaklint/leakcheck/internal/ledger"
)

// An Option changes what a check tolerates or how long it waits. The
// options of Open, OpenDB and Wrap apply to every check of that pool;
// those of Verify and VerifyTestMain add to them for that check.
type Option = ledger.Option

// IgnoreTopFunction tolerates resources acquired directly by the
// function name, as runtime stacks spell it
// ("example.com/shop/cache.(*Warmer).Start"): the first function on the
// acquiring stack outside database/sql, whatever called it.
func IgnoreTopFunction(name string) Option { return ledger.IgnoreTop(name) }

// IgnoreAnyFunction tolerates resources with the function name anywhere
// on the stack that acquired them.
func IgnoreAnyFunction(name string) Option { return ledger.IgnoreAny(name) }

// Wait sets how long a check waits for what is open to be released
// before it reports it (default 200ms). database/sql closes rows and
// rolls back transactions on a goroutine of its own when their context
// is cancelled; the wait lets it finish. A clean check never waits.
func Wait(d time.Duration) Option { return ledger.Wait(d) }

// library lists the function-name prefixes of the frames that stacks
// leave out: database/sql's and leakcheck's own.
var library = []string{"database/sql.", "database/sql/driver.", ledger.PackageOf(wrapConn) + "."}

// pools maps every *sql.DB that leakcheck opened to its ledger.
var pools sync.Map

// Open opens a database like sql.Open, with the driver wrapped so that
// every result set, statement, transaction and checked-out connection
// is recorded with the stack that opened it. When the test ends (at
// t.Cleanup) whatever is still open fails the test with its kind, its
// age and its stack, and the database is closed.
//
// With a nil t (in TestMain, for a pool the package's tests share),
// nothing is checked at cleanup: VerifyTestMain or Check does it, and a
// failure to open panics.
func Open(t testing.TB, driverName, dsn string, opts ...Option) *sql.DB {
	if t != nil {
		t.Helper()
	}
	// sql.Open connects nowhere: it finds the registered driver.
	probe, err := sql.Open(driverName, dsn)
	if err != nil {
		fail(t, "leakcheck.Open: %v", err)
		return nil
	}
	drv := probe.Driver()
	probe.Close()
	var c driver.Connector = dsnConnector{dsn: dsn, driver: drv}
	if dc, ok := drv.(driver.DriverContext); ok {
		if c, err = dc.OpenConnector(dsn); err != nil {
			fail(t, "leakcheck.Open: %v", err)
			return nil
		}
	}
	return open(t, driverName, c, true, opts)
}

// OpenDB opens a database on the connector c like sql.OpenDB, recorded
// and checked as Open does.
func OpenDB(t testing.TB, c driver.Connector, opts ...Option) *sql.DB {
	if t != nil {
		t.Helper()
	}
	return open(t, fmt.Sprintf("%T", c.Driver()), c, true, opts)
}

// Wrap returns a database recorded and checked as Open does, on the
// connector that db was opened with and with its pool limits; pass it
// to the code under test in place of db.
//
// Wrap opens a second pool: connections, rows and transactions taken
// through db itself are not recorded. database/sql does not expose a
// database's connector, so Wrap reads it from an unexported field of
// sql.DB; if a future Go renames it, Wrap fails the test and says so
// (use Open or OpenDB then). Closing the returned database does not
// close db or its connector.
func Wrap(t testing.TB, db *sql.DB, opts ...Option) *sql.DB {
	if t != nil {
		t.Helper()
	}
	c, err := connectorOf(db)
	if err != nil {
		fail(t, "leakcheck.Wrap: %v; open the database with leakcheck.Open or leakcheck.OpenDB instead", err)
		return nil
	}
	wrapped := open(t, fmt.Sprintf("%T", c.Driver()), c, false, opts)
	copyLimits(wrapped, db)
	return wrapped
}

// open makes the recorded pool on c and arranges its check.
func open(t testing.TB, name string, c driver.Connector, owned bool, opts []Option) *sql.DB {
	l := ledger.New(name, library, refine, opts)
	db := sql.OpenDB(newConnector(c, l, owned))
	l.SetInUse(func() (int, string) {
		n := db.Stats().InUse
		return n, fmt.Sprintf("db.Stats().InUse = %d", n)
	})
	pools.Store(db, l)
	if t == nil {
		ledger.Share(l)
		return db
	}
	t.Cleanup(func() {
		if err := l.Check(); err != nil {
			t.Error(err)
		}
		db.Close()
		pools.Delete(db)
	})
	return db
}

// Check waits for everything recorded on db to be released, as the
// check at the end of a test does, and returns an error that lists what
// is still open, or nil. db must come from Open, OpenDB or Wrap.
func Check(db *sql.DB, opts ...Option) error {
	l, ok := pools.Load(db)
	if !ok {
		return fmt.Errorf("leakcheck.Check: the database was not opened by leakcheck (use leakcheck.Open, OpenDB or Wrap)")
	}
	return l.(*ledger.Ledger).Check(opts...)
}

// Verify fails t if anything recorded on db is still open, as the check
// at the end of the test does, for a check before then or on a
// database shared by several tests.
func Verify(t testing.TB, db *sql.DB, opts ...Option) {
	t.Helper()
	if err := Check(db, opts...); err != nil {
		t.Error(err)
	}
}

// VerifyTestMain runs the package's tests, then checks every database
// opened with a nil t (and every pgx pool from pgxcheck.Pool with a nil
// t), and exits: with status 1 if the tests passed and something is
// left open, else with the tests' status. Call it from TestMain:
//
//	func TestMain(m *testing.M) {
//		db = leakcheck.Open(nil, "sqlite", dsn)
//		leakcheck.VerifyTestMain(m)
//	}
func VerifyTestMain(m *testing.M, opts ...Option) {
	code := m.Run()
	if code == 0 {
		for _, err := range ledger.CheckShared(opts...) {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
	}
	os.Exit(code)
}

// fail reports a failure to open: on t, or by panicking without one.
func fail(t testing.TB, format string, args ...any) {
	if t == nil {
		panic(fmt.Sprintf(format, args...))
	}
	t.Helper()
	t.Fatalf(format, args...)
}

// connectorOf reads the connector db was opened with.
func connectorOf(db *sql.DB) (driver.Connector, error) {
	f := reflect.ValueOf(db).Elem().FieldByName("connector")
	if !f.IsValid() || f.Type() != reflect.TypeFor[driver.Connector]() {
		return nil, fmt.Errorf("sql.DB has no field connector of type driver.Connector in this Go version")
	}
	c := reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Interface()
	if c == nil {
		return nil, fmt.Errorf("the database has no connector")
	}
	return c.(driver.Connector), nil
}

// copyLimits gives to the pool of db the limits of the pool of from:
// the open-connection limit from Stats, the others from sql.DB's
// unexported fields when they are there.
func copyLimits(db, from *sql.DB) {
	db.SetMaxOpenConns(from.Stats().MaxOpenConnections)
	v := reflect.ValueOf(from).Elem()
	if f := v.FieldByName("maxIdleCount"); f.IsValid() && f.CanInt() {
		switch n := f.Int(); {
		case n < 0:
			db.SetMaxIdleConns(0)
		case n > 0:
			db.SetMaxIdleConns(int(n))
		}
	}
	if f := v.FieldByName("maxLifetime"); f.IsValid() && f.CanInt() {
		db.SetConnMaxLifetime(time.Duration(f.Int()))
	}
	if f := v.FieldByName("maxIdleTime"); f.IsValid() && f.CanInt() {
		db.SetConnMaxIdleTime(time.Duration(f.Int()))
	}
}
