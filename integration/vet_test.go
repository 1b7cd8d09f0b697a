package integration

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
)

// TestGoVet runs leaklint as go vet's tool, "go vet -vettool=$BIN": the
// leak in Leak is found through the fact exported for a.Open, and the
// release through a.Close in Closed and Deferred is understood (a fact of
// package a), so they are silent. go vet's exit code is 1 on findings.
func TestGoVet(t *testing.T) {
	bin := leaklint(t)
	dir := writeModule(t, nil)
	leak := lineOf(t, "b/b.go", "LEAK")
	vettool := "-vettool=" + bin

	r := run(t, dir, "go", "vet", vettool, "./...")
	r.want(t, "go vet", 1, r.stderr, fmt.Sprintf(`(?m)^b/b\.go:%d:15: rows from Open is not closed `, leak))
	if n := strings.Count(r.stderr, "is not closed"); n != 1 {
		t.Errorf("go vet: %d findings, want 1 (none in Closed, Deferred):\n%s", n, r.stderr)
	}

	r = run(t, dir, "go", "vet", vettool, "-json", "./...")
	r.want(t, "go vet -json", 0, r.stdout)
	n := 0
	dec := json.NewDecoder(strings.NewReader(r.stdout)) // one tree per package
	for {
		var tree map[string]map[string][]struct{ Posn, Message string }
		if err := dec.Decode(&tree); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("go vet -json: %v\n%s", err, r.stdout)
		}
		for _, diags := range tree {
			for _, d := range diags["rowsclose"] {
				if !strings.HasSuffix(d.Posn, fmt.Sprintf("/b/b.go:%d:15", leak)) {
					t.Errorf("go vet -json: unexpected %s: %s", d.Posn, d.Message)
				}
				n++
			}
		}
	}
	if n != 1 {
		t.Errorf("go vet -json: %d rowsclose diagnostics, want 1:\n%s", n, r.stdout)
	}

	r = run(t, dir, "go", "vet", vettool, "-rowsclose=false", "./...")
	r.want(t, "go vet -rowsclose=false", 0, r.stderr, `^$`)

	r = run(t, dir, "go", "vet", vettool, "-nosuch", "./...")
	r.want(t, "go vet -nosuch", 2, r.stderr, `flag provided but not defined: -nosuch`)
}

// TestGoFix runs leaklint as go fix's tool (Go 1.26), in -diff mode, so
// that the module is left as it is.
func TestGoFix(t *testing.T) {
	bin := leaklint(t)
	dir := writeModule(t, nil)
	r := run(t, dir, "go", "fix", "-fixtool="+bin, "-diff", "./...")
	r.want(t, "go fix -diff", 1, r.stdout, `(?m)^\+\tdefer rows\.Close\(\)$`)
}
