package generics

import (
	"database/sql"

	"rowsclose/generics/holder"
)

func collect[T any](db *sql.DB) ([]T, error) {
	rows, err := db.Query("q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return nil, err
	}
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func collectClosed[T any](db *sql.DB, scan func(*sql.Rows) (T, error)) ([]T, error) { // ok
	rows, err := db.Query("q")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func closeAll[R interface{ Close() error }](rs ...R) {
	for _, r := range rs {
		r.Close()
	}
}

func first[T any](xs []T) T { return xs[0] }

func useFirst(db *sql.DB) error { // ok
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	defer rows.Close()
	_ = first([]int{1})
	return nil
}

func heldByGenericPair(db *sql.DB) error { // ok: the pair's Close closes the rows
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	p := holder.MakePair(1, rows)
	defer p.Close()
	return nil
}
