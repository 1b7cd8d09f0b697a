// Package pgxcheck is leakcheck for pgx v5 pools: it fails a test that
// leaves a *pgxpool.Conn acquired, pgx.Rows or a pgx.BatchResults open,
// or a pgx.Tx neither committed nor rolled back, and says where each was
// taken.
//
//	func TestOrders(t *testing.T) {
//		cfg, _ := pgxpool.ParseConfig(dsn)
//		pool := pgxcheck.Pool(t, cfg) // in place of pgxpool.NewWithConfig
//		...exercise the code...
//	} // at cleanup: FAIL, with what is still open
//
// The report has leakcheck's form, with pool.Stat().AcquiredConns()
// beside it and pgx's frames left out of the stacks. The options are
// leakcheck's (leakcheck.IgnoreTopFunction, IgnoreAnyFunction, Wait),
// and a pool made with a nil t is checked by leakcheck.VerifyTestMain.
//
// # How it records
//
// Pool puts a tracer in the configuration's ConnConfig.Tracer (beside
// one already there, through pgx's multitracer). pgxpool calls its
// TraceAcquireEnd on the goroutine that acquires a connection (Acquire,
// and Query, QueryRow, Begin, SendBatch and Exec of the pool, which
// acquire one) and its TraceRelease on every Release. The config hooks
// BeforeAcquire, PrepareConn and AfterRelease would do worse: AfterRelease
// is not called when the pool destroys the connection it is given back
// (one left in a transaction or busy with open rows), so those releases
// would be missed. pgx calls TraceQueryStart and TraceQueryEnd around
// every query (for Query and QueryRow, TraceQueryEnd comes when the rows
// are closed) and TraceBatchStart and TraceBatchEnd around a batch.
//
// A transaction is read from the connection's status after each
// statement (pgconn's TxStatus): it begins with the statement that
// leaves the connection in a transaction and ends with the one that
// brings it out, so that savepoints and BeginTx's custom statements need
// no parsing of SQL. A transaction left open on a connection that was
// released is reported: pgxpool destroys such a connection.
//
// # Why a package of its own
//
// leakcheck itself imports only database/sql: a test that checks a
// database/sql pool does not build pgx, and the pgx dependency is
// compiled only into the tests that use this package.
//
// # Limitations
//
// A connection taken out of the pool with Conn.Hijack stays recorded as
// acquired, since pgxpool says nothing of it: release it, or tolerate it
// with leakcheck.IgnoreTopFunction. Pools made with pgxpool.New directly
// are not seen.
package pgxcheck
