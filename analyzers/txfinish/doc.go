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
// depending on a named error result; and a path through a helper known, by
// a fact computed from its body in any package, to finish its transaction
// parameter. A transaction returned to the caller, stored (a constructor),
// passed to a callback API that owns it, or handed to code leaklint cannot
// see into, is not this function's to finish: txfinish stays silent. A
// function that returns a transaction it began (a beginTx(ctx) wrapper)
// is itself a Begin for its callers.
//
// What is opened on a transaction ends with it in database/sql and sqlx:
// Commit and Rollback close its rows, rows of one and statements, which
// rowsclose therefore leaves to this analyzer's finding. In pgx they do
// not: rows of a pgx.Tx must be closed before the next statement or
// Commit, and rowsclose reports them.
//
// The suggested fix inserts defer tx.Rollback() after the error check that
// follows Begin (for database/sql, sqlx and gorm; pgx's Rollback takes a
// context whose name leaklint cannot know). None is offered inside a loop,
// nor when the transaction is returned or kept on another path.
//
// Not reported: paths that end in a panic, os.Exit or log.Fatal; the path
// where Begin's error is non-nil; transactions in generated files; lines
// marked //nolint:txfinish or //nolint:leaklint.
package txfinish
