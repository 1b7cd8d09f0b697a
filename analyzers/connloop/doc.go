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
// loop) runs it once and is not reported.
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
// A call of a helper whose fact says it queries the pool (or the struct
// field that holds it) counts too, unless the call also gives the helper
// the transaction (s.exec(tx, q) runs on tx when it has one). Querying
// through the transaction or the same *sql.Conn is correct and not
// reported; so is using the pool while a dedicated connection
// (*sql.Conn, *pgxpool.Conn) is held, which is what one takes it for: a
// LISTEN loop, an advisory lock.
//
// A resource acquired in a loop and still held when the loop acquires the
// next one, though released after the loop, reported at the acquisition.
// (A resource never released at all is rowsclose's or txfinish's finding.)
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
// session settings), though a query on the pool meanwhile is reported;
// waits outside loops; lines marked //nolint:connloop or //nolint:leaklint.
package connloop
