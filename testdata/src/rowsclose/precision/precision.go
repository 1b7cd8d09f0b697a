// Package precision holds correct code of shapes that a broader rule
// could take for a leak.
package precision

import (
	"database/sql"
	"fmt"
	"io"
	"log"
)

// closers releases what it is given when the caller asks.
type closers []io.Closer

func (c *closers) add(x io.Closer) { *c = append(*c, x) }

func (c closers) closeAll() {
	for _, x := range c {
		x.Close()
	}
}

func collected(db *sql.DB) error { // ok: the rows go to a list of closers kept by the caller's value
	var cs closers
	defer cs.closeAll()
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	cs.add(rows)
	return nil
}

func logged(db *sql.DB) error { // ok: logged, then closed
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	log.Printf("rows: %v", rows)
	fmt.Println(rows)
	return rows.Close()
}

type repo struct{ db *sql.DB }

func (r *repo) get(id int) (string, error) {
	var s string
	err := r.db.QueryRow("q", id).Scan(&s)
	return s, err
}

func newRepo(dsn string) (*repo, error) { // ok: the pool goes to the repo returned
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	r := &repo{db: db}
	if _, err := r.get(1); err != nil {
		db.Close()
		return nil, err
	}
	return r, nil
}

// methodValue closes through a method value called later in the function.
func methodValue(db *sql.DB) error { // ok
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	closeRows := rows.Close
	defer closeRows()
	return nil
}

func twoResults(db *sql.DB) (*sql.Rows, *sql.Rows, error) { // ok: both returned
	a, err := db.Query("a")
	if err != nil {
		return nil, nil, err
	}
	b, err := db.Query("b")
	if err != nil {
		a.Close()
		return nil, nil, err
	}
	return a, b, nil
}

func useTwo(db *sql.DB) error { // ok
	a, b, err := twoResults(db)
	if err != nil {
		return err
	}
	defer a.Close()
	defer b.Close()
	return nil
}

func switchOnErr(db *sql.DB) error { // ok
	rows, err := db.Query("q")
	switch err {
	case nil:
	case sql.ErrNoRows:
		return nil
	default:
		return err
	}
	defer rows.Close()
	return nil
}
