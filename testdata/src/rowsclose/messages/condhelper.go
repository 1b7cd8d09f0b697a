package messages

import "database/sql"

// scanAll closes the rows when it returns no error (Next false closes
// them; a failed Scan leaves them open): the message says so where the
// path named went through it.
func scanAll(rows *sql.Rows) ([]int, error) {
	var out []int
	for rows.Next() {
		var x int
		if err := rows.Scan(&x); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

func throughCondHelper(db *sql.DB) ([]int, error) {
	rows, err := db.Query("q") // want `rows from Query is not closed on the path through the return at line 25 \(scanAll releases it only when it returns no error\)`
	if err != nil {
		return nil, err
	}
	return scanAll(rows)
}

func throughCondHelperChecked(db *sql.DB) ([]int, error) { // ok: closed on scanAll's error too
	rows, err := db.Query("q")
	if err != nil {
		return nil, err
	}
	out, err := scanAll(rows)
	if err != nil {
		rows.Close()
		return nil, err
	}
	return out, nil
}
