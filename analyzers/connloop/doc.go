// Package connloop defines an Analyzer that reports database connections
// held too long around loops.
//
// # Analyzer connloop
//
// connloop: report connections held across loop iterations, second connections taken while one is held, and waits in a transaction
//
// Pool exhaustion often needs no leak at all, only code that holds a
// connection longer than it must. connloop reports four shapes.
//
// A deferred release inside a loop, reported at the defer: a deferred call
// runs when the function returns, not when the iteration ends, so every
// iteration's connection stays checked out until then.
//
//	for _, id := range ids {
//		rows, err := db.Query(q, id)
//		if err != nil {
//			return err
//		}
//		defer rows.Close() // defer rows.Close() in a loop holds every iteration's connection until the function returns
//		…
//	}
//
// Close at the end of the iteration instead, or move the body into a
// function (a func literal called per iteration is fine). A loop that
// returns or breaks on the iteration that registered the defer (a retry
// loop) runs it once and is not reported; nor is one whose iteration
// releases the resource anyway before the next (a Commit after the
// deferred Rollback, rows read until Next returns false): the defers are
// late, but hold nothing. A statement prepared on the pool holds no
// connection: its defer in a loop is reported only when it runs on every
// iteration, as keeping every iteration's statement open. Rows opened on
// one dedicated connection (a *sql.Conn, *pgx.Conn or *pgxpool.Conn
// taken before the loop) hold no connection of their own: their defer
// in a loop is not reported. A deferred cancel of the context that
// database/sql rows or a transaction were opened with is a deferred
// release, and is judged the same way.
//
// A query on the pool issued while rows or a transaction from that same
// pool are open, reported at the inner call: each call needs a second
// connection, an N+1 query, and when every connection holds open rows
// waiting for a second one, the pool deadlocks at its limit.
//
//	rows, err := db.QueryContext(ctx, listOrders)
//	…
//	for rows.Next() {
//		…
//		err := db.QueryRowContext(ctx, getCustomer, id).Scan(&c) // QueryRowContext on the pool while rows from QueryContext (line 12) is open needs a second connection from the pool
//	}
//
// A call of a helper whose fact says it queries the pool counts too: a
// pool it is given, the struct field that holds it (through any number
// of fields: e.store.db), or a package-level pool it uses (an audit hook
// that "just uses db"); unless the call also gives the helper the
// transaction (s.exec(tx, q) runs on tx when it has one). So does running
// a statement prepared on the pool (db.Prepare) while a transaction from
// it is open: the statement takes a connection of its own; tx.Stmt(st)
// runs it on the transaction. Querying through the transaction or the
// same *sql.Conn is correct and not reported; so is using the pool while
// a dedicated connection (*sql.Conn, *pgxpool.Conn) is held, which is
// what one takes it for: a LISTEN loop, an advisory lock.
//
// A resource acquired in a loop and still held when the loop acquires the
// next one, though released after the loop, reported at the acquisition:
// rows gathered into a slice and closed after the loop hold a connection
// each. (A resource never released at all is rowsclose's or txfinish's
// finding.)
//
// A blocking wait while a transaction is held in a loop: time.Sleep,
// channel sends and receives, a select without default,
// sync.WaitGroup.Wait, outgoing net/http requests. The connection stays
// checked out and idle in transaction, with its locks held, for the length
// of the wait.
//
// Not reported: waits while rows are streamed (sending each row on a
// channel is a deliberate design with back-pressure); waits while a
// dedicated connection (*sql.Conn, *pgxpool.Conn) is held, since holding
// one across waits is what it is for (LISTEN/NOTIFY, advisory locks,
// session settings); waits outside loops; lines marked //nolint:connloop or //nolint:leaklint.
package connloop
