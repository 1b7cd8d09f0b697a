// Package rowsclose defines an Analyzer that reports database result sets,
// statements, connections and pools that are not released on every path.
//
// # Analyzer rowsclose
//
// rowsclose: report database rows, statements and connections not released on every path
//
// A *sql.Rows holds a pool connection until it is closed; so do a *sql.Row
// until it is scanned, a *sql.Stmt and a *sql.Conn until they are closed.
// One such value leaked per request drains the pool: under load every
// connection is checked out and every request waits. rowsclose reports,
// at the call that acquired it, a resource that can reach a return of its
// function unreleased, and names that return:
//
//	rows from QueryContext is not closed on the path through the return at line 52
//
// A resource discarded outright (db.Query(q) as a statement, or assigned
// to _) is reported as "rows from Query is discarded and never closed".
// When the path leaves by falling off the end of the function, the
// message names "the end of the function" and the line of its closing
// brace.
//
// It also reports a pool (a *sql.DB from sql.Open or sql.OpenDB, a
// *pgxpool.Pool from pgxpool.New, a *sqlx.DB from sqlx.Open or Connect)
// that is not closed, returned or stored: a whole pool
// leaked per call. A pool opened in a function that runs once per process
// lives as long as the process and is not reported: main, init, TestMain,
// and the functions of package main that only those call (the run()
// that main calls), but not a handler.
//
// Wrong:
//
//	rows, err := db.QueryContext(ctx, q)
//	if err != nil {
//		return err
//	}
//	for rows.Next() {
//		if err := rows.Scan(&id); err != nil {
//			return err // rows is still open here
//		}
//	}
//	return rows.Err()
//
// Right:
//
//	rows, err := db.QueryContext(ctx, q)
//	if err != nil {
//		return err
//	}
//	defer rows.Close()
//
// A resource counts as released on a path that calls Close (Scan for a
// *sql.Row) directly, deferred, or in a deferred closure; on the edge of
// an if that finds rows.Next() false, which closes the rows (a Next whose
// result is returned or stored untested leaves them open when it is
// true); on the edge that finds rows.Err() not nil (database/sql and
// sqlx set it only as they close the rows; pgx's failed Scan closes them
// too); or through a helper known, by a fact computed from its body in
// any package, to release its parameter. A helper that releases on some
// paths only is followed by when it does: where a result says so (an
// error not nil because it closed the rows on failure, a "found" false
// because Next found none), the caller owns the resource on the other
// edge, and a message whose path goes through the helper says what its
// result must be ("scanAll releases it only when it returns no error");
// where nothing says, the caller still owns it, and the message names the
// helper that may leave it open.
//
// A resource stored into a struct, array, slice or map that the function
// makes is followed through that holder: returning the holder, storing it
// somewhere that outlives the call, or handing it to a function that
// keeps it hands the resource on; the holder's own methods act by their
// facts (a Close that closes the field releases it); a loop over a
// collection that releases each element (or a closure, deferred or
// called, that runs one) releases what it holds; dropping the holder, on
// an error return say, leaks the resource. Strings and numbers stored
// beside it are not part of it. A function that keeps a parameter in its
// result (a constructor, sqlc's q.WithTx(tx)) leaves it to the caller,
// whose copy of the result then holds it.
//
// The resource is not this function's to release when it is returned
// (but not beside an error known to be non-nil, which a caller checking
// the error drops), stored in a field of memory the function did not
// make, a global or a channel, captured by a goroutine, or passed to a
// function leaklint cannot see into (an interface method, a function
// value, code without a fact): then rowsclose stays silent rather than
// guess. A method called through an interface on a type of the program's
// own that the function put the resource in ((*sqlConn)(conn),
// wrapConn{conn}, made into the interface there) is the concrete method,
// and acts by its fact: it releases, only uses, or keeps the resource (in
// rows it returns that own the connection). A resource of an interface
// of the project's own (a Connection from a Connector) is handed on by a
// call of a method that some implementation in the project keeps its
// receiver in the result of. No finding is made on the path where the error returned beside
// the resource is non-nil (or a value that carries it: a wrapper's
// result, or an error accumulator's such as gorm's db.AddError(err) where
// the function has tested the receiver's error field empty), or where the
// resource is compared to nil and found nil, nor on a path that ends in a panic, os.Exit or log.Fatal,
// nor past t.Error, t.Errorf or t.Fail in a test that expected the call
// to fail (if err == nil { t.Error("want an error") }: the resource
// exists only because the test failed). A test that fails on the data
// (an unexpected row) goes on with the resource, and is reported. A path
// that takes a condition and its complement (err != nil false, then
// err == nil false) does not exist and is not followed; nor is one that
// a constant comparison rules out (the zero-trip path of for range 2).
//
// A function that returns a resource it acquired (a wrapper around Query,
// or a constructor of a struct or an interface of the project's own whose
// Close releases what it holds) is itself an acquisition for its callers.
// So is a runner given a function literal that returns one: a function
// that returns what its function parameter returns (a retry or timing
// wrapper, generic or not), or an interface method (a service's executor)
// whose result the caller asserts to the resource's type.
// So is a call through an interface of the project's own: a method named
// Query…, Begin…, Prepare… or Acquire… that returns an interface shaped
// like rows (Next, Scan, Close), a transaction (Commit, Rollback) or a
// statement (Close, Exec or Query), or any method whose implementation in
// the packages analyzed returns an owned resource. Such interfaces are
// taken to close themselves when Next returns false, as database/sql's
// and pgx's rows do.
//
// The message names the variable with its kind when its name does not
// say it ("statement tx from Preparex"), names a return a reader believes
// (an ordinary return before one that needs another acquisition to fail;
// "the return on the same line" for one on the acquisition's own), says
// when a variable is given another value while it still holds the
// resource ("rows from Query is overwritten at line 31 while still
// open"), and that Err does not release a row when it is its only use.
//
// The suggested fix inserts defer rows.Close() after the error checks
// that follow the acquisition. -fix, go fix and editors apply it without
// review, so it is offered only when it is right: the resource is this
// function's to release on every path (not returned, stored, handed on,
// nor captured by a closure that outlives the call, even one that only
// reads it); the acquisition is a statement of its own, outside any loop
// (a defer there would hold every iteration's connection, see connloop),
// in a function without goto; one of the checks finds the error nil
// (err != nil in an if or a switch case, a helper whose fact says so,
// require.NoError), so the resource is not nil where the defer runs, and
// an acquisition whose error is dropped, or a wrapper that may return nil
// with a nil error, gets none; and every leaking return lies after the
// inserted line, so the finding is gone once it is applied. The line
// keeps the file's line endings; in a one-line function it follows a
// semicolon.
//
// Resources opened on a transaction follow its library's rule:
//
//   - database/sql and sqlx: Commit and Rollback cancel the transaction's
//     context, which closes every Rows, Row and Stmt opened on it
//     (tx.Query, tx.QueryRow, tx.Prepare, tx.Stmt and their rows). They
//     hold nothing once the transaction ends, here or in the caller that
//     owns it, and are not reported; a transaction that does not end is
//     txfinish's finding.
//   - pgx: the end of a transaction does not close its rows, which keep
//     the connection busy until closed; they are reported like any others.
//
// A statement prepared on a pool (db.Prepare, sqlx's Preparex and
// PrepareNamed) is released by closing that pool on the path, directly or
// by a defer registered before or after it: DB.Close closes each
// connection as it comes back, and with it the statements prepared on
// it. Rows are not: they keep their connection checked out, and DB.Close
// leaves it to them. A deferred closure that closes the pool counts too.
// A closure registered with testing's Cleanup releases what it closes
// when the test ends, as a defer would (t.Cleanup(func() { db.Close() })
// is not a leak of db), but not the statements prepared on that pool: it
// runs once the subtests have ended too, and statements left open until
// then are what lib/pq fixed in its own tests.
//
// Cancelling the context that database/sql or sqlx rows (or a row not
// yet scanned) were queried with closes them: a deferred cancel of a
// context the function made is a deferred Close, a call of cancel on a
// path closes them there (see txfinish for the contexts this covers).
// A connection taken with db.Conn(ctx) is not: the context serves the
// checkout only.
//
// A call whose callee returns a nil error on every return (a password
// masker that keeps an error result for its signature's sake) cannot
// fail: the error check after it never runs, and a path through it is
// not a leak. The callee's fact (nilerr) carries this across packages
// that leaklint analyzes; a callee with a defer (a deferred closure may
// set a named error), or a call through an interface, says nothing.
//
// Not reported: resources opened on a database/sql or sqlx transaction
// (above); resources in generated files; lines marked //nolint:rowsclose
// or //nolint:leaklint.
package rowsclose
