package integration

import (
	"strings"
	"testing"
)

// nolintModule has a leak on each side of a //nolint directive.
var nolintModule = map[string]string{
	"n/n.go": `package n

import "database/sql"

func Suppressed(db *sql.DB) {
	rows, _ := db.Query("q") //nolint:leaklint // closed by the caller's finalizer
	_ = rows.Err()
}

func SuppressedAbove(db *sql.DB) {
	//nolint:rowsclose // the caller closes the pool
	rows, _ := db.Query("q")
	_ = rows.Err()
}

func OtherLinter(db *sql.DB) {
	rows, _ := db.Query("q") //nolint:errcheck
	_ = rows.Err()
}

func Spaced(db *sql.DB) {
	rows, _ := db.Query("q") // nolint:leaklint // golangci-lint's form with a space
	_ = rows.Err()
}

// Function is suppressed whole.
//
//nolint:leaklint // a directive in the doc comment
func Function(db *sql.DB) {
	rows, _ := db.Query("q")
	_ = rows.Err()
}

func FuncLine(db *sql.DB) { //nolint:leaklint // on the declaration's line
	rows, _ := db.Query("q")
	_ = rows.Err()
}
`,
}

// TestNolint checks that //nolint:leaklint and //nolint:NAME silence a
// finding in the standalone command (both engines) and under go vet, in
// golangci-lint's forms (a space after the slashes, a function's doc
// comment) and on a function's line, and that a directive for another
// linter does not.
func TestNolint(t *testing.T) {
	bin := leaklint(t)
	dir := writeModule(t, nolintModule)
	const kept = `(?m)^n/n\.go:17:13: rows from Query is not closed`
	for _, tc := range []struct {
		what string
		r    result
		code int
		out  func(result) string
	}{
		{"leaklint", run(t, dir, bin, "./n/..."), 3, func(r result) string { return r.stdout }},
		{"leaklint -cache=false", run(t, dir, bin, "-cache=false", "./n/..."), 3, func(r result) string { return r.stdout }},
		{"go vet", run(t, dir, "go", "vet", "-vettool="+bin, "./n/..."), 1, func(r result) string { return r.stderr }},
	} {
		out := tc.out(tc.r)
		tc.r.want(t, tc.what, tc.code, out, kept)
		if n := strings.Count(out, "is not closed"); n != 1 {
			t.Errorf("%s: %d findings, want 1 (the others are suppressed):\n%s", tc.what, n, out)
		}
	}
}
