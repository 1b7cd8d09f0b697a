package loops

import (
	"database/sql"
	"errors"
)

func breakOut(db *sql.DB) error {
	rows, err := db.Query("q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			break
		}
	}
	return nil
}

func breakThenClose(db *sql.DB) error { // ok
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			break
		}
	}
	return rows.Close()
}

func continueIsFine(db *sql.DB) error { // ok: continue goes back to Next
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			continue
		}
	}
	return rows.Err()
}

func firstRowOnly(db *sql.DB) (int, error) {
	rows, err := db.Query("q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return 0, err
	}
	var n int
	if rows.Next() {
		err = rows.Scan(&n)
	}
	return n, err
}

func queryPerItem(db *sql.DB, ids []int) error {
	for _, id := range ids {
		rows, err := db.Query("q", id) // want `rows from Query is not closed on the path through the return at line \d+`
		if err != nil {
			return err
		}
		if !rows.Next() {
			continue
		}
		if id < 0 {
			return errors.New("negative")
		}
		rows.Close()
	}
	return nil
}

func queryPerItemClosed(db *sql.DB, ids []int) error { // ok
	for _, id := range ids {
		rows, err := db.Query("q", id)
		if err != nil {
			return err
		}
		for rows.Next() {
		}
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

func switchKinds(db *sql.DB, mode int) error {
	rows, err := db.Query("q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	switch mode {
	case 0:
		return rows.Close()
	case 1:
		defer rows.Close()
		return nil
	case 2:
		return nil
	}
	return rows.Close()
}

func switchAllClose(db *sql.DB, mode int) error { // ok
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	switch mode {
	case 0:
		return rows.Close()
	case 1:
		defer rows.Close()
		return nil
	}
	return rows.Close()
}

func selectWait(db *sql.DB, done, other chan struct{}) error {
	rows, err := db.Query("q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	select {
	case <-done:
		return nil
	case <-other:
	}
	return rows.Close()
}

func retry(db *sql.DB) (*sql.Rows, error) { // ok: returned to the caller
	var lastErr error
	for i := 0; i < 3; i++ {
		rows, err := db.Query("q")
		if err == nil {
			return rows, nil
		}
		lastErr = err
	}
	return nil, lastErr
}

func infinite(db *sql.DB, stop chan bool) { // ok: the function never returns normally
	rows, _ := db.Query("q")
	_ = rows
	for {
		<-stop
	}
}

func panics(db *sql.DB) { // ok: a panic path is not a leak
	rows, err := db.Query("q")
	if err != nil {
		return
	}
	if !rows.Next() {
		return
	}
	panic("unexpected row")
}

var registry []*sql.DB

func register(db *sql.DB) { registry = append(registry, db) }

func constantLoop(dsn string) error { // ok: a loop of two iterations runs; the path that skips it does not exist
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return err
	}
	for range 2 {
		register(db)
	}
	return nil
}
