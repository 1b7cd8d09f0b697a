package transfer

import (
	"database/sql"
	"fmt"
)

type holder struct{ rows *sql.Rows }

var global *sql.Rows

func storedInField(db *sql.DB, h *holder) error { // ok
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	h.rows = rows
	return nil
}

func storedInGlobal(db *sql.DB) error { // ok
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	global = rows
	return nil
}

func storedInMap(db *sql.DB, m map[string]*sql.Rows) error { // ok
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	m["k"] = rows
	return nil
}

func appended(db *sql.DB, all []*sql.Rows) ([]*sql.Rows, error) { // ok
	rows, err := db.Query("q")
	if err != nil {
		return nil, err
	}
	return append(all, rows), nil
}

func sent(db *sql.DB, ch chan *sql.Rows) error { // ok
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	ch <- rows
	return nil
}

func toUnknown(db *sql.DB, consume func(*sql.Rows)) error { // ok: a function value may close it
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	consume(rows)
	return nil
}

type consumer interface{ Consume(*sql.Rows) }

func toInterface(db *sql.DB, c consumer) error { // ok: an interface method may close it
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	c.Consume(rows)
	return nil
}

func printed(db *sql.DB) error {
	rows, err := db.Query("q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	fmt.Println(rows)
	return nil
}

func wrapped(db *sql.DB) (*holder, error) { // ok: returned inside a struct
	rows, err := db.Query("q")
	if err != nil {
		return nil, err
	}
	return &holder{rows: rows}, nil
}

func namedResult(db *sql.DB) (rows *sql.Rows, err error) { // ok
	rows, err = db.Query("q")
	return
}
