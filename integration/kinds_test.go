package integration

import (
	"strings"
	"testing"
)

// kindsModule is an in-house wrapper whose iterator holds a connection,
// and code that leaks one.
var kindsModule = map[string]string{
	"store/store.go": `package store

type DB struct{}

type Iter struct{}

func (db *DB) Iter() (*Iter, error) { return &Iter{}, nil }

func (it *Iter) Close() error { return nil }
`,
	"use/use.go": `package use

import "example.com/leakdemo/store"

func Use(db *store.DB) error {
	it, err := db.Iter()
	if err != nil {
		return err
	}
	_ = it
	return nil
}
`,
}

const kinds = "acquire=(*example.com/leakdemo/store.DB).Iter release=(*example.com/leakdemo/store.Iter).Close"

// TestDeclaredKinds declares a kind on the command line, standalone (as
// -kinds, and through go vet's cache as -leaklint.kinds) and as go vet's
// tool; a malformed declaration is a usage error at start.
func TestDeclaredKinds(t *testing.T) {
	bin := leaklint(t)
	dir := writeModule(t, kindsModule)
	const msg = `use/use\.go:6:13: it from Iter is not released on the path through the return at line 11`

	r := run(t, dir, bin, "./use/...")
	r.want(t, "leaklint without -kinds", 0, r.stdout)
	r = run(t, dir, bin, "-kinds="+kinds, "./use/...")
	r.want(t, "leaklint -kinds", 3, r.stdout, msg)
	r = run(t, dir, bin, "-cache=false", "-leaklint.kinds="+kinds, "./use/...")
	r.want(t, "leaklint -cache=false -leaklint.kinds", 3, r.stdout, msg)
	r = run(t, dir, "go", "vet", "-vettool="+bin, "-leaklint.kinds="+kinds, "./use/...")
	r.want(t, "go vet -leaklint.kinds", 1, r.stderr, msg)

	for _, flag := range []string{"-cache=true", "-cache=false"} {
		r = run(t, dir, bin, flag, "-kinds="+kinds, "./use/...")
		if strings.Contains(r.stderr, "warning") {
			t.Errorf("leaklint %s -kinds: a warning for kinds that exist:\n%s", flag, r.stderr)
		}
	}

	// Misspelt names: a warning each, once, and the run goes on.
	typos := "acquire=(*example.com/leakdemo/store.DB).Itr,example.com/leakdemo/stor.Open release=(*example.com/leakdemo/store.Itre).Close"
	for _, flag := range []string{"-cache=true", "-cache=false"} {
		r = run(t, dir, bin, flag, "-kinds="+typos, "./...")
		r.want(t, "leaklint "+flag+" -kinds with typos", 3, r.stderr, `\A`+
			`leaklint: warning: -kinds: \(\*example\.com/leakdemo/store\.DB\)\.Itr names nothing: example\.com/leakdemo/store\.DB has no method Itr\n`+
			`leaklint: warning: -kinds: example\.com/leakdemo/stor\.Open names nothing: no package example\.com/leakdemo/stor in the packages analyzed or their dependencies\n`+
			`leaklint: warning: -kinds: \(\*example\.com/leakdemo/store\.Itre\)\.Close names nothing: package example\.com/leakdemo/store has no type Itre\n\z`)
	}

	r = run(t, dir, bin, "-kinds=acquire=Iter", "./use/...")
	r.want(t, "leaklint -kinds malformed", 2, r.stderr, `needs acquire= and release=`)
	if strings.Contains(r.stdout, "not released") {
		t.Errorf("a malformed -kinds still ran:\n%s", r.stdout)
	}
}
