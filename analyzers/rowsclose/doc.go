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
// *sql.Row) directly, deferred, or in a deferred closure; on the path where
// rows.Next() returned false, which closes the rows; or through a helper
// known, by a fact computed from its body in any package, to release its
// parameter. It is not this function's to release when it is returned,
// stored in a field, global, map, slice or channel, captured by a
// goroutine, or passed to a function leaklint cannot see into (an
// interface method, a function value, code without a fact): then
// rowsclose stays silent rather than guess. No finding is made on the path
// where the error returned beside the resource is non-nil, or where the
// resource is compared to nil and found nil, nor on a path that ends in a
// panic, os.Exit or log.Fatal.
//
// A function that returns a resource it acquired (a wrapper around Query,
// or a constructor of a struct whose Close method closes the rows it
// holds) is itself an acquisition for its callers.
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
// Not reported: resources opened on a database/sql or sqlx transaction
// (above); resources in generated files; lines marked //nolint:rowsclose
// or //nolint:leaklint.
package rowsclose
