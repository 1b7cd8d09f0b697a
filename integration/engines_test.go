package integration

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// brokenModule adds to module packages that do not build, and a leak in
// an external test package (keyed x_test, or "x_test [x.test]" by
// checker): c has a type error; d a syntax error, followed by code the
// type checker would complain about too; e leaks but imports c, so it
// cannot be analyzed.
var brokenModule = map[string]string{
	"c/c.go": "package c\n\nfunc F() int { return \"x\" }\n",
	"d/d.go": `package d

func F() int {
	if x {
		return 1
}

func G() int {
	return "y"
}

func H() int {
	for {
	}
}
`,
	"e/e.go": `package e

import (
	"database/sql"

	"example.com/leakdemo/c"
)

func E(db *sql.DB) int {
	db.Query("q")
	return c.F()
}
`,
	"x/x.go": "package x\n\nconst X = 1\n",
	"x/x_test.go": `package x_test

import (
	"database/sql"
	"testing"
)

func leak(db *sql.DB) {
	rows, _ := db.Query("q")
	_ = rows.Err()
}

func TestX(t *testing.T) { _ = leak }
`,
}

// jsonTree is leaklint's -json output: package, analyzer, and
// diagnostics or an error.
type jsonTree map[string]map[string]json.RawMessage

// decodeJSON decodes r's stdout as a jsonTree.
func decodeJSON(t *testing.T, what string, r result) jsonTree {
	t.Helper()
	var tree jsonTree
	if err := json.Unmarshal([]byte(r.stdout), &tree); err != nil {
		t.Fatalf("%s: %v\n%s\nstderr:\n%s", what, err, r.stdout, r.stderr)
	}
	return tree
}

// TestEnginesAgree runs the go vet engine (the default) and the
// in-process one (-cache=false, -tests=false) on the same modules: the
// same findings, errors, exit codes and JSON.
func TestEnginesAgree(t *testing.T) {
	bin := leaklint(t)
	dir := writeModule(t, brokenModule)

	outputs := make(map[string]result)
	for _, p := range []struct {
		what      string
		args      []string // after the engine flag
		inProcess string   // -cache=false or -tests=false
	}{
		{"json", []string{"-json", "./..."}, "-cache=false"},
		{"text, no tests", []string{"./a", "./b", "./c", "./d", "./e"}, "-tests=false"},
	} {
		vet := run(t, dir, bin, p.args...)
		in := run(t, dir, bin, append([]string{p.inProcess}, p.args...)...)
		outputs[p.what] = vet
		if vet.code != exitError || in.code != exitError {
			t.Errorf("%s: exit %d (go vet) and %d (%s), want %d", p.what, vet.code, in.code, p.inProcess, exitError)
		}
		if vet.stderr != in.stderr {
			t.Errorf("%s: errors differ:\ngo vet:\n%s\n%s:\n%s", p.what, vet.stderr, p.inProcess, in.stderr)
		}
		if p.what == "json" {
			vt, it := decodeJSON(t, "go vet", vet), decodeJSON(t, p.inProcess, in)
			if !reflect.DeepEqual(vt, it) {
				t.Errorf("%s: JSON differs:\ngo vet:\n%s\n%s:\n%s", p.what, vet.stdout, p.inProcess, in.stdout)
			}
		} else if vet.stdout != in.stdout {
			t.Errorf("%s: findings differ:\ngo vet:\n%s\n%s:\n%s", p.what, vet.stdout, p.inProcess, in.stdout)
		}
	}

	// What both print, checked on go vet's output (the same as the
	// in-process engine's, above): a finding beside the broken packages,
	// none in e, one error for c and one for d, the first syntax error
	// with the number of the others, nothing that follows from it.
	r := outputs["text, no tests"]
	r.want(t, "text", exitError, r.stdout, `\Ab/b\.go:\d+:15: rows from Open is not closed .*\n\z`)
	r.want(t, "text", exitError, r.stderr, `\A`+
		`leaklint: example\.com/leakdemo/c: c/c\.go:3:23: cannot use "x" \(untyped string constant\) as int value in return statement\n`+
		`leaklint: example\.com/leakdemo/d: d/d\.go:8:6: expected '\(', found G \(and 5 more errors\)\n\z`)

	tree := decodeJSON(t, "-json", outputs["json"])
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range tree {
			if !yield(k) {
				return
			}
		}
	})
	want := []string{"example.com/leakdemo/b", "example.com/leakdemo/c", "example.com/leakdemo/d", "example.com/leakdemo/x_test"}
	if !slices.Equal(keys, want) {
		t.Errorf("-json: package keys %q, want %q", keys, want)
	}
	if e := string(tree["example.com/leakdemo/c"]["rowsclose"]); !strings.Contains(e, `"error"`) || !strings.Contains(e, "cannot use") {
		t.Errorf("-json: c's build error is not in the tree: %s", e)
	}
	if d := string(tree["example.com/leakdemo/x_test"]["rowsclose"]); !strings.Contains(d, "x_test.go:9:13") {
		t.Errorf("-json: the leak in x_test is not under x_test: %s", d)
	}

	empty := writeFiles(t, map[string]string{"go.mod": "module example.com/empty\n\ngo 1.26\n"})
	for _, flag := range []string{"-cache=true", "-cache=false"} {
		r := run(t, empty, bin, flag, "./...")
		r.want(t, "a module without packages, "+flag, exitError, r.stderr, `\Aleaklint: "\./\.\.\." matched no packages\n\z`)
	}
}
