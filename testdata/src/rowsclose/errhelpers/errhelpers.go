package errhelpers

import (
	"database/sql"
	"fmt"
	"io"

	"rowsclose/errhelpers/errs"
	"rowsclose/errhelpers/web"
)

func negatedHelperElsewhere(db *sql.DB, w io.Writer) { // ok: a helper without a fact: silence, not a guess
	rows, err := db.Query("q")
	if !web.OK(w, err) {
		return
	}
	defer rows.Close()
}

func predicateElsewhere(db *sql.DB) error { // ok: IsTimeout(err) true means an error, by its name
	rows, err := db.Query("q")
	if web.IsTimeout(err) {
		return err
	}
	if err != nil {
		return err
	}
	return rows.Close()
}

func predicateElsewhereLeak(db *sql.DB) error {
	rows, err := db.Query("q") // want `rows from Query is not closed on the path through the return at line \d+`
	if web.IsTimeout(err) {
		return err
	}
	if err != nil {
		return err
	}
	if !rows.Next() {
		return nil
	}
	return fmt.Errorf("unexpected row")
}

func commaOkOnResource(db *sql.DB) {
	rows, _ := db.Query("q") // want `rows from Query is not closed on the path through the end of the function at line \d+`
	var x any = rows
	if _, ok := x.(fmt.Stringer); ok {
		println("stringer")
	}
}

func wrappedElsewhere(db *sql.DB) error { // ok: errs.Wrap returns nil for nil, by its name
	rows, err := db.Query("q")
	if err = errs.Wrap(err, "query"); err != nil {
		return err
	}
	return rows.Close()
}
