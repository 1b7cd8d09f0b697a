package fatal

import (
	"database/sql"

	"rowsclose/fatal/must"
)

func die(msg string) {
	panic(msg)
}

func failsInOtherPackage(db *sql.DB) int { // ok: must.Fail never returns
	rows, err := db.Query("q")
	if err != nil {
		return 0
	}
	if !rows.Next() {
		return 0
	}
	var n int
	if err := rows.Scan(&n); err != nil {
		must.Fail("scan: %v", err)
		return 0
	}
	rows.Close()
	return n
}

func diesHere(db *sql.DB) int { // ok: die never returns
	rows, err := db.Query("q")
	if err != nil {
		return 0
	}
	var n int
	if rows.Scan(&n) != nil {
		die("scan")
		return 0
	}
	rows.Close()
	return n
}

func checkReturns(db *sql.DB) int {
	rows, err := db.Query("q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return 0
	}
	var n int
	if n > 0 {
		must.Check(rows.Scan(&n)) // Check returns when the error is nil
		return n
	}
	rows.Close()
	return n
}
