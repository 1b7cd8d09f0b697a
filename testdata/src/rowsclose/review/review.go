// Package review pins the shapes a review of the engine found wrong:
// each leaky one is reported, each correct one is not.
package review

import (
	"database/sql"
	"maps"
	"slices"
)

func cloneReturned(db *sql.DB) ([]*sql.Rows, error) { // ok: slices.Clone hands the rows on
	a, err := db.Query("a")
	if err != nil {
		return nil, err
	}
	list := []*sql.Rows{a}
	return slices.Clone(list), nil
}

func insertReturned(db *sql.DB, list []*sql.Rows) ([]*sql.Rows, error) { // ok
	a, err := db.Query("a")
	if err != nil {
		return nil, err
	}
	return slices.Insert(list, 0, a), nil
}

func copyInto(db *sql.DB, dst map[string]*sql.Rows) error { // ok: maps.Copy into the caller's map
	a, err := db.Query("a")
	if err != nil {
		return err
	}
	maps.Copy(dst, map[string]*sql.Rows{"a": a})
	return nil
}

func lazyOpen(db *sql.DB, qs []string) error {
	first := true
	var rows *sql.Rows
	for _, q := range qs {
		if first {
			first = false
			var err error
			rows, err = db.Query(q) // want `rows from Query is not closed on the path through the return at line \d+`
			if err != nil {
				return err
			}
			continue
		}
		if !first && q == "" {
			return nil // the rows of the first iteration leak
		}
	}
	if rows != nil {
		rows.Close()
	}
	return nil
}

func lazyOnce(db *sql.DB, qs []string) (n int, err error) { // ok: opened once, closed after the loop
	first := true
	var rows *sql.Rows
	for _, q := range qs {
		if first {
			first = false
			rows, err = db.Query(q)
			if err != nil {
				return 0, err
			}
			continue
		}
		if !first && q == "" {
			n++
		}
	}
	if rows != nil {
		rows.Close()
	}
	return n, nil
}

type pair struct{ a, b *sql.Rows }

func twoFields(db *sql.DB) error {
	r1, err := db.Query("a") // want `rows r1 from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	r2, err := db.Query("b")
	if err != nil {
		r1.Close()
		return err
	}
	p := &pair{a: r1, b: r2}
	p.b.Close() // closes r2, not r1
	return nil
}

// hasRow reports whether there is a row; when there is none, Next closed
// the rows, and its error may say why.
func hasRow(rows *sql.Rows) (bool, error) {
	if !rows.Next() {
		return false, rows.Err()
	}
	return true, nil
}

func hasRowCaller(db *sql.DB) error { // ok: an error, or false, means Next closed them
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	ok, err := hasRow(rows)
	if err != nil {
		return err
	}
	if !ok {
		return nil
	}
	defer rows.Close()
	return nil
}

func hasRow2(rows *sql.Rows) bool {
	if !rows.Next() {
		return false
	}
	return true
}

func hasRow2Caller(db *sql.DB) error { // ok
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	if !hasRow2(rows) {
		return nil
	}
	defer rows.Close()
	return nil
}

func hasRow2Compared(db *sql.DB) error { // ok
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	if hasRow2(rows) == false {
		return nil
	}
	defer rows.Close()
	return nil
}

// many tests many unrelated conditions: the path search must stay fast.
func many(db *sql.DB, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23 bool) error {
	n := 0
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	if f0 {
		n++
	}
	if f1 {
		n++
	}
	if f2 {
		n++
	}
	if f3 {
		n++
	}
	if f4 {
		n++
	}
	if f5 {
		n++
	}
	if f6 {
		n++
	}
	if f7 {
		n++
	}
	if f8 {
		n++
	}
	if f9 {
		n++
	}
	if f10 {
		n++
	}
	if f11 {
		n++
	}
	if f12 {
		n++
	}
	if f13 {
		n++
	}
	if f14 {
		n++
	}
	if f15 {
		n++
	}
	if f16 {
		n++
	}
	if f17 {
		n++
	}
	if f18 {
		n++
	}
	if f19 {
		n++
	}
	if f20 {
		n++
	}
	if f21 {
		n++
	}
	if f22 {
		n++
	}
	if f23 {
		n++
	}
	if f0 {
		n--
	}
	if f1 {
		n--
	}
	if f2 {
		n--
	}
	if f3 {
		n--
	}
	if f4 {
		n--
	}
	if f5 {
		n--
	}
	if f6 {
		n--
	}
	if f7 {
		n--
	}
	if f8 {
		n--
	}
	if f9 {
		n--
	}
	if f10 {
		n--
	}
	if f11 {
		n--
	}
	if f12 {
		n--
	}
	if f13 {
		n--
	}
	if f14 {
		n--
	}
	if f15 {
		n--
	}
	if f16 {
		n--
	}
	if f17 {
		n--
	}
	if f18 {
		n--
	}
	if f19 {
		n--
	}
	if f20 {
		n--
	}
	if f21 {
		n--
	}
	if f22 {
		n--
	}
	if f23 {
		n--
	}
	_ = n
	return rows.Close()
}
