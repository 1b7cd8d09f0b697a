// Package txfinish defines an Analyzer that reports transactions that are
// neither committed nor rolled back on every path.
//
// # Analyzer txfinish
//
// txfinish: report transactions neither committed nor rolled back on every path
//
// An open transaction pins one pool connection and holds its locks until
// it ends. txfinish reports, at the Begin or BeginTx call, a transaction
// that can reach a return of its function neither committed nor rolled
// back, and names that return:
//
//	tx from BeginTx is neither committed nor rolled back on the path through the return at line 104
//
// Wrong:
//
//	tx, err := db.BeginTx(ctx, nil)
//	if err != nil {
//		return err
//	}
//	if _, err := tx.ExecContext(ctx, debit, id); err != nil {
//		return err // the transaction stays open
//	}
//	return tx.Commit()
//
// Right:
//
//	tx, err := db.BeginTx(ctx, nil)
//	if err != nil {
//		return err
//	}
//	defer tx.Rollback() // a no-op after Commit
//	if _, err := tx.ExecContext(ctx, debit, id); err != nil {
//		return err
//	}
//	return tx.Commit()
//
// Commit ends the transaction even when it returns an error, so a path
// through Commit is finished. So is a path through Rollback, called
// directly, deferred, or in a deferred closure that commits or rolls back
// on every path; and a path through a helper known, by a fact computed
// from its body in any package, to finish its transaction parameter. A
// deferred closure that rolls back only as a captured error says
// (defer func() { if err != nil { tx.Rollback() } }()) finishes the
// transaction only at the returns where that variable may be so: a
// "return nil" that never committed is reported. A transaction returned
// to the caller, stored (a constructor), passed to a callback API that
// owns it, or handed to code leaklint cannot see into, is not this
// function's to finish: txfinish stays silent. A function that returns a
// transaction it began (a beginTx(ctx) wrapper) is itself a Begin for its
// callers.
//
// The path search knows what a path has found: it does not follow a path
// that takes a condition and its complement (if a { … } else if err !=
// nil { … } else if err == nil { … } has no final else), and it learns a
// counter's value from the edge it enters a loop by, so a batching loop
// whose transaction is open exactly when its counter is not zero (cur++
// after Begin, cur = 0 after Commit) is not reported at the return that
// cur == 0 guards.
//
// In database/sql and sqlx, cancelling the context given to BeginTx
// rolls the transaction back ("If the context is canceled, the sql
// package will roll back the transaction"): a deferred cancel of a
// context the function made (context.WithCancel, WithTimeout,
// WithDeadline and their Cause forms, directly or through WithValue) is
// a deferred Rollback, and a call of cancel on a path ends the
// transaction there. A context the caller gave, one detached by
// WithoutCancel, and pgx's BeginTx (its context serves BEGIN only) end
// nothing. A deferred cancel in a loop holds every iteration's
// transaction until the function returns: connloop reports it where an
// iteration can go on without finishing its own.
//
// What is opened on a transaction ends with it in database/sql and sqlx:
// Commit and Rollback close its rows, rows of one and statements, which
// rowsclose therefore leaves to this analyzer's finding. In pgx they do
// not: rows of a pgx.Tx must be closed before the next statement or
// Commit, and rowsclose reports them.
//
// The suggested fix inserts defer tx.Rollback() after the error checks
// that follow Begin (for database/sql, sqlx and gorm; pgx's Rollback takes
// a context whose name leaklint cannot know), under the rules rowsclose
// states for its own fix: never inside a loop, nor when the transaction
// is returned, kept, or captured by a closure that outlives the call, nor
// when a leaking return lies before the inserted line.
//
// Not reported: paths that end in a panic, os.Exit or log.Fatal; the path
// where Begin's error is non-nil; transactions in generated files; lines
// marked //nolint:txfinish or //nolint:leaklint.
package txfinish
