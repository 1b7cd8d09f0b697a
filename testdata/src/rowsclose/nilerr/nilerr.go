// Package nilerr pins the rule that a call whose callee returns a nil
// error on every return cannot fail: the "if err != nil" after it never
// runs, and a path through it is not a leak. The callee says so in its
// fact (nilerr), across packages too; a callee with one return that may
// fail, one whose deferred closure may set its named error, and a call
// through an interface say nothing.
package nilerr

import (
	"database/sql"
	"errors"
	"fmt"
	"log"

	"rowsclose/nilerr/mask"
)

func describe(dsn string) (string, error) {
	if dsn == "" {
		return "(empty)", nil
	}
	return mask.Password(dsn)
}

func logged(dsn string) (err error) {
	var s string
	if dsn != "" {
		s = dsn
	}
	log.Print(s)
	return
}

func sometimes(dsn string) (string, error) {
	if dsn == "" {
		return "", errors.New("no dsn")
	}
	return dsn, nil
}

func deferred(dsn string) (s string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return dsn, nil
}

type describer interface {
	describe(string) (string, error)
}

func open(dsn string) (*sql.DB, error) { // ok: describe never fails
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	masked, err := describe(dsn)
	if err != nil {
		return nil, fmt.Errorf("describe: %w", err)
	}
	log.Print(masked)
	return db, nil
}

func openAcross(dsn string) (*sql.DB, error) { // ok: mask.Password never fails
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	if _, err := mask.Password(dsn); err != nil {
		return nil, err
	}
	if err := logged(dsn); err != nil {
		return nil, err
	}
	return db, nil
}

func openSometimes(dsn string) (*sql.DB, error) {
	db, err := sql.Open("pgx", dsn) // want `db from Open is not closed, returned or stored on the path through the return at line \d+`
	if err != nil {
		return nil, err
	}
	if _, err := sometimes(dsn); err != nil {
		return nil, err
	}
	return db, nil
}

func openDeferred(dsn string) (*sql.DB, error) {
	db, err := sql.Open("pgx", dsn) // want `db from Open is not closed, returned or stored on the path through the return at line \d+`
	if err != nil {
		return nil, err
	}
	if _, err := deferred(dsn); err != nil {
		return nil, err // the deferred closure sets err when it recovers
	}
	return db, nil
}

func openInterface(dsn string, d describer) (*sql.DB, error) {
	db, err := sql.Open("pgx", dsn) // want `db from Open is not closed, returned or stored on the path through the return at line \d+`
	if err != nil {
		return nil, err
	}
	if _, err := d.describe(dsn); err != nil {
		return nil, err // another implementation may fail
	}
	return db, nil
}
