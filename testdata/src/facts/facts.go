package facts // want package:"usesLibrary"

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
)

func closeRows(r *sql.Rows) { // want closeRows:`releases\(r\)`
	r.Close()
}

func deferClose(r *sql.Rows) error { // want deferClose:`releases\(r\)`
	defer r.Close()
	var n int
	return r.Scan(&n)
}

func drain(r *sql.Rows) { // want drain:`releases\(r\)`
	for r.Next() {
	}
}

func closeCloser(c io.Closer) { // want closeCloser:`releases\(c\)`
	_ = c.Close()
}

func scanOne(r *sql.Rows) (int, error) { // want scanOne:`borrows\(r\)`
	var n int
	err := r.Scan(&n)
	return n, err
}

func maybeClose(r *sql.Rows, cond bool) { // want maybeClose:`sometimes\(r\)`
	if cond {
		r.Close()
	}
}

var kept *sql.Rows

func keep(r *sql.Rows) { // no fact: kept
	kept = r
}

func query(db *sql.DB) (*sql.Rows, error) { // want query:`borrows\(db\) queries\(db\) returns\(\*database/sql.Rows\)`
	return db.Query("q")
}

func begin(db *sql.DB) (*sql.Tx, error) { // want begin:`borrows\(db\) queries\(db\) returns\(\*database/sql.Tx\)`
	tx, err := db.Begin()
	if err != nil {
		return nil, err
	}
	return tx, nil
}

func finish(tx *sql.Tx, err error) error { // want finish:`releases\(tx\)`
	if err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

type Iter struct{ rows *sql.Rows }

func (it *Iter) Close() error { return it.rows.Close() } // want Close:`releases\(it\)`

func (it *Iter) Next() bool { return it.rows.Next() } // want Next:`next\(it\)`

func NewIter(db *sql.DB) (*Iter, error) { // want NewIter:`borrows\(db\) queries\(db\) returns\(\*facts.Iter\)`
	rows, err := db.Query("q")
	if err != nil {
		return nil, err
	}
	return &Iter{rows: rows}, nil
}

func recursive(r *sql.Rows, n int) { // want recursive:`borrows\(r\)`
	if n == 0 {
		return
	}
	recursive(r, n-1) // taken to borrow, as the function does: the guess holds
}

func drainRecursive(r *sql.Rows) { // no fact: the guess that the recursive call borrows does not hold
	if r.Next() {
		drainRecursive(r)
	}
}

type scanner interface{ Scan(dest ...any) error }

func scanUser(s scanner) (int, error) { // want scanUser:`reads\(s\)`
	var n int
	err := s.Scan(&n)
	return n, err
}

type Store struct{ db *sql.DB }

func (s *Store) name(id int) (n string, err error) { // want name:`queries\(s.db\)`
	err = s.db.QueryRow("q", id).Scan(&n)
	return n, err
}

func (s *Store) names(ids []int) error { // want names:`queries\(s.db\)`
	for _, id := range ids {
		if _, err := s.name(id); err != nil {
			return err
		}
	}
	return nil
}

func isFatal(err error) bool { // want isFatal:`errtrue\(err\)`
	return err != nil && err.Error() != "skip"
}

func ok(err error) bool { // want ok:`errfalse\(err\)`
	if err != nil {
		println(err.Error())
		return false
	}
	return true
}

func isNil(err error) bool { // want isNil:`errfalse\(err\)`
	return err == nil
}

func random(err error, n int) bool { // no fact: the result says nothing of err
	return n > 3
}

func wrap(err error, msg string) error { // want wrap:`wraps\(err\)`
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", msg, err)
}

func annotate(err error) error { // no fact: returns an error for nil too
	return fmt.Errorf("annotated: %v", err)
}

func fatal(msg string) { // want fatal:`noReturn`
	panic(msg)
}

func fatalf(format string, args ...any) { // want fatalf:`noReturn`
	fatal(fmt.Sprintf(format, args...))
}

func sometimes(cond bool) { // no fact: it returns when cond is false
	if cond {
		fatal("x")
	}
}

var errGone = fmt.Errorf("gone")

func isGone(err error) bool { // want isGone:`errtrue\(err\)`
	return errors.Is(err, errGone)
}

type pgError struct{ Code string }

func (e *pgError) Error() string { return e.Code }

func isUniqueViolation(err error) bool { // want isUniqueViolation:`errtrue\(err\)`
	var e *pgError
	return errors.As(err, &e) && e.Code == "23505"
}

func handleErr(err error, code int) bool { // want handleErr:`errtrue\(err\)`
	if err == nil {
		return false
	}
	println(code)
	return true
}

func failed(err error) bool { // want failed:`errtrue\(err\)`
	return handleErr(err, 500)
}

type Repo struct {
	db   *sql.DB
	name string
}

func NewRepo(db *sql.DB, name string) Repo { return Repo{db: db, name: name} } // want NewRepo:`borrows\(db\) holds\(db@0\)`

func (s Repo) Ping() error { return s.db.Ping() } // want Ping:`borrows\(s\) queries\(s.db\)`

var ErrNotFound = errors.New("not found")

func scanFirst(rows *sql.Rows, dst *int) (found bool, err error) { // want scanFirst:`releases\(rows if false\)`
	if !rows.Next() {
		return false, rows.Err()
	}
	return true, rows.Scan(dst)
}

func mustHaveRow(rows *sql.Rows) error { // want mustHaveRow:`releases\(rows if err\)`
	if !rows.Next() {
		return ErrNotFound
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return err
	}
	return nil
}

func closeOnScanError(rows *sql.Rows, dst *int) error { // want closeOnScanError:`releases\(rows if err\)`
	if err := rows.Scan(dst); err != nil {
		rows.Close()
		return fmt.Errorf("scan: %w", err)
	}
	return nil
}

func closeIfEmpty(rows *sql.Rows, n int) { // want closeIfEmpty:`sometimes\(rows\)`
	if n == 0 {
		rows.Close()
	}
}

func mask(url string) (string, error) { // want mask:`nilerr`
	if url == "" {
		return "(empty)", nil
	}
	return "***", nil
}

func maskBoth(a, b string) (string, error) { // want maskBoth:`nilerr`
	if a != "" {
		return mask(a)
	}
	return mask(b)
}

func logged(msg string) (err error) { // want logged:`nilerr`
	if msg == "" {
		return
	}
	fmt.Println(msg)
	return nil
}

func maskOrFail(url string) (string, error) { // no fact: one return may fail
	if url == "" {
		return "", errors.New("empty")
	}
	return mask(url)
}

func recovered(url string) (s string, err error) { // no fact: the deferred closure may set err
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return url, nil
}
