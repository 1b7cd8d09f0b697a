package closures

import (
	"database/sql"
	"sync"
)

func closeInClosureCalled(db *sql.DB) error { // ok
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	cleanup := func() { rows.Close() }
	cleanup()
	return nil
}

func closeInClosureNotCalled(db *sql.DB) error {
	rows, err := db.Query("q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	cleanup := func() { rows.Close() }
	_ = cleanup
	return nil
}

func closeInDeferredNamedCleanup(db *sql.DB) error { // ok
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	cleanup := func() { _ = rows.Close() }
	defer cleanup()
	return nil
}

func closureReadsOnly(db *sql.DB) error {
	rows, err := db.Query("q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	scan := func() error {
		var n int
		return rows.Scan(&n)
	}
	return scan()
}

func goroutineOwns(db *sql.DB, wg *sync.WaitGroup) error { // ok: the goroutine owns the rows
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer rows.Close()
		for rows.Next() {
		}
	}()
	return nil
}

func deferredArgClosure(db *sql.DB) error { // ok
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	defer func(r *sql.Rows) { r.Close() }(rows)
	return nil
}

func deferredCommitOrRollback(db *sql.DB) (err error) { // ok
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			rows.Close()
			return
		}
		err = rows.Close()
	}()
	return nil
}

func handedToCallback(db *sql.DB, each func(func())) error { // ok: the callback may run the closer later
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	each(func() { rows.Close() })
	return nil
}

func goroutineReads(db *sql.DB, out chan<- int) { // ok: sent to a goroutine, which owns it
	rows, err := db.Query("q")
	if err != nil {
		return
	}
	go func() {
		var n int
		_ = rows.Scan(&n)
		out <- n
	}()
}

func deferredBeforeQuery(db *sql.DB) error { // ok: the deferred closure closes what rows holds at exit
	var rows *sql.Rows
	defer func() {
		if rows != nil {
			rows.Close()
		}
	}()
	var err error
	rows, err = db.Query("q")
	if err != nil {
		return err
	}
	return nil
}

func methodValue(db *sql.DB) error { // ok: a bound method value, deferred
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	closeRows := rows.Close
	defer closeRows()
	return nil
}

func nestedClosure(db *sql.DB) error { // ok: the inner closure, called by the deferred one, closes
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	defer func() {
		closeIt := func() { _ = rows.Close() }
		closeIt()
	}()
	return nil
}
