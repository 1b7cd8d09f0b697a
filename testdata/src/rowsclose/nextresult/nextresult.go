// Package nextresult pins the rule for Next's result: only its false
// value closes the rows, on the edge of an if that tests it. A result
// returned, stored or passed on untested leaves the rows open when true.
package nextresult

import "database/sql"

func exists(db *sql.DB, id int) (bool, error) {
	rows, err := db.Query("q", id) // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return false, err
	}
	return rows.Next(), nil
}

func existsClosed(db *sql.DB, id int) (bool, error) { // ok
	rows, err := db.Query("q", id)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	return rows.Next(), nil
}

func found(db *sql.DB) bool {
	rows, err := db.Query("q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return false
	}
	ok := rows.Next()
	return ok
}

func loopOnVariable(db *sql.DB) (int, error) { // ok: the loop ends when Next returns false
	rows, err := db.Query("q")
	if err != nil {
		return 0, err
	}
	n := 0
	more := rows.Next()
	for more {
		n++
		more = rows.Next()
	}
	return n, rows.Err()
}

func testedWithAnd(db *sql.DB, limit int) (int, error) { // ok: && tests Next on its own edge
	rows, err := db.Query("q")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for n < limit && rows.Next() {
		n++
	}
	return n, nil
}

// first reports whether there is a row, and the error: its Next is not tested.
func first(rows *sql.Rows) (bool, error) {
	return rows.Next(), rows.Err()
}

func viaHelper(db *sql.DB) (bool, error) {
	rows, err := db.Query("q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return false, err
	}
	return first(rows)
}
