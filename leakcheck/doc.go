// Package leakcheck fails a test that leaves database connections
// checked out, and says where each was taken: the run-time companion of
// leaklint's analyzers, for the paths that static analysis cannot see
// (interfaces, callbacks, reflection, code generated at run time).
//
// # What a test adds
//
//	func TestOrders(t *testing.T) {
//		db := leakcheck.Open(t, "sqlite", dsn) // in place of sql.Open
//		store := orders.New(db)
//		...exercise the code...
//	} // at cleanup: FAIL, with what is still open
//
// When the test ends, anything still open fails it, one paragraph per
// resource (identical ones are counted together), with the pool's
// db.Stats().InUse:
//
//	leakcheck: 1 leaked on sqlite (db.Stats().InUse = 1):
//
//	*sql.Rows from sql.(*DB).QueryContext, acquired at report/report.go:11, open for 3ms:
//	    example.com/shop/report.Latest
//	        /src/shop/report/report.go:11
//	    example.com/shop/report.Newest
//	        /src/shop/report/report.go:16
//	    example.com/shop/report_test.TestNewest
//	        /src/shop/report/report_test.go:20
//
// The stack is the acquiring call's, without the frames of database/sql
// and of leakcheck, from the code that made the call down to the test.
// Open, OpenDB (for a driver.Connector) and Wrap (for a *sql.DB made
// elsewhere) return the database to use; Verify checks in the middle of
// a test, and Check returns the report as an error for code that has no
// *testing.T. For pgx pools, see the subpackage pgxcheck.
//
// # What is recorded
//
// leakcheck wraps the driver: every driver.Rows (a *sql.Rows, or a
// *sql.Row until it is scanned), driver.Tx, driver.Stmt and checked-out
// connection (a *sql.Conn) is recorded with its stack when the driver
// makes it, and removed when it is closed, committed or rolled back.
// Whatever database/sql releases on its own counts as released: rows
// read to the end, the rows and statements of a finished transaction,
// and rows and transactions whose context is cancelled (database/sql
// closes them on a goroutine of its own; a check waits up to 200ms for
// it, see Wait). A connection that holds open rows or a transaction is
// reported as them; a statement is reported once its connection is back
// in the pool (database/sql closes a statement on a busy connection
// when the connection returns).
//
// database/sql tells a driver nothing when a connection leaves or
// rejoins the pool, so leakcheck reads the calls it does make: it calls
// ResetSession (driver.SessionResetter) before it reuses a connection,
// on the goroutine that takes it, and IsValid (driver.Validator) every
// time a connection comes back. A checkout is therefore recorded at
// Connect (a new connection for a caller), at ResetSession, or at the
// first use of a connection that left the pool unseen (one that the
// pool's opener goroutine made for a waiting caller); it ends at IsValid
// or Close. A connection idle in the pool is never reported.
//
// The wrapper keeps the driver's behaviour: every optional interface
// that database/sql probes (ExecerContext, QueryerContext, ConnBeginTx,
// ConnPrepareContext, Pinger, SessionResetter, Validator,
// NamedValueChecker, ColumnConverter, StmtExecContext,
// StmtQueryContext, RowsNextResultSet, the RowsColumnType methods,
// DriverContext, and io.Closer on the connector) is either present on
// the wrapper exactly when the driver has it, or emulated as
// database/sql falls back without it. The tests run one script on fake
// drivers of several shapes, directly and wrapped, and require the same
// calls to reach the driver.
//
// # Options
//
// IgnoreTopFunction tolerates what a function deliberately keeps (a
// fixture that holds a connection for the whole suite), as goleak's
// option of that name does for goroutines; IgnoreAnyFunction tolerates
// what is acquired anywhere below a function. Wait changes how long a
// check waits for releases on other goroutines.
//
// # Suites that share one pool
//
// Open with a nil t makes a database that no test's cleanup checks;
// VerifyTestMain runs the tests and then checks every such database,
// failing the package if something is left open:
//
//	var db *sql.DB
//
//	func TestMain(m *testing.M) {
//		db = leakcheck.Open(nil, "pgx", os.Getenv("DATABASE_URL"))
//		leakcheck.VerifyTestMain(m)
//	}
//
// # Limitations
//
//   - A driver whose connections have ResetSession but not IsValid
//     cannot be given IsValid (database/sql would then keep the
//     connection of a transaction rolled back by its context, where it
//     now discards it), so its checkouts are not recorded: a leaked
//     *sql.Conn of such a driver is still caught, by db.Stats().InUse,
//     but without a stack. Rows, statements and transactions are
//     recorded with every driver.
//   - A connection that database/sql takes for a call other than DB.Conn
//     shares its stack with the rows, transaction or statement that the
//     call opens on it (see Cost); a call that opens nothing (Exec, Ping)
//     gives it back when it returns. Should such a connection still be
//     out at the check, with nothing open on it (a call still running
//     on another goroutine), it is reported without a stack.
//   - sql.Conn.Raw hands its function the wrapper, not the driver's
//     connection: code that asserts the driver's type there sees the
//     wrapper, which has an Unwrap() driver.Conn method to reach it.
//     DB.Driver likewise returns a wrapper (with Unwrap() driver.Driver).
//   - Wrap opens a second pool on the connector of the database it is
//     given, read from an unexported field of sql.DB (database/sql has no
//     accessor); what goes through the original *sql.DB is not seen.
//   - Only the database handed to the code is checked: a pool the code
//     opens by itself, with sql.Open, is not.
//
// # Cost
//
// Each connection taken from the pool costs one walk of the stack
// (runtime.Callers), shared with the rows, transaction or statement that
// the same call opens on it, and each further result set or transaction
// one more: about 2.3µs of CPU per walk on the project's machine. make
// bench measures a test suite on the in-process SQLite, plain and
// wrapped (docs/performance.md): within 1.2× of the plain suite, about
// 1× with a database file per test and 1.15× in memory, where a query
// takes 5µs.
package leakcheck
