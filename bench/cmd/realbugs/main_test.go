package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestPinName(t *testing.T) {
	for module, want := range map[string]string{
		"github.com/lib/pq":                    "lib-pq-v1.0.0",
		"miniflux.app/v2":                      "miniflux-app-v2-v1.0.0",
		"github.com/golang-migrate/migrate/v4": "golang-migrate-migrate-v4-v1.0.0",
	} {
		if got := pinName(module, "v1.0.0"); got != want {
			t.Errorf("pinName(%q) = %q, want %q", module, got, want)
		}
	}
}

func TestStatementLines(t *testing.T) {
	src := `package p

import "database/sql"

func f(db *sql.DB) error {
	rows, err := db.Query(
		"q",
	)
	if err != nil {
		return err
	}
	if _, err := db.Exec("x"); err != nil {
		return err
	}
	return rows.Close()
}
`
	file := filepath.Join(t.TempDir(), "p.go")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ line, first, last int }{
		{6, 6, 8},    // a call split over lines is one place
		{7, 6, 8},    // from any of its lines
		{12, 12, 12}, // the if's init statement, not the whole if
		{15, 15, 15},
	} {
		first, last, err := statementLines(file, tt.line)
		if err != nil || first != tt.first || last != tt.last {
			t.Errorf("statementLines(%d) = %d, %d, %v; want %d, %d", tt.line, first, last, err, tt.first, tt.last)
		}
	}
	if _, _, err := statementLines(file, 1); err == nil {
		t.Errorf("statementLines(1): no error for a line outside any statement")
	}
}

func TestVetOutput(t *testing.T) {
	// go vet -json writes a tree per package to stderr after a "# package" line.
	dir := t.TempDir()
	script := filepath.Join(dir, "fakevet")
	out := "#!/bin/sh\ncat >&2 <<'X'\n# example.com/p\n{\n\t\"example.com/p\": {\n\t\t\"sqlclosecheck\": [\n\t\t\t{\n\t\t\t\t\"posn\": \"/m/p.go:6:15\",\n\t\t\t\t\"message\": \"Rows/Stmt/NamedStmt was not closed\"\n\t\t\t}\n\t\t]\n\t}\n}\n# example.com/q\n{}\nX\n"
	if err := os.WriteFile(script, []byte(out), 0o755); err != nil {
		t.Fatal(err)
	}
	found, errs, err := vet(dir, script, nil)
	if err != nil || len(errs) != 0 {
		t.Fatalf("vet: %v %v", err, errs)
	}
	if len(found) != 1 || found[0].file != "/m/p.go" || found[0].line != 6 || found[0].analyzer != "sqlclosecheck" {
		t.Errorf("vet findings = %+v", found)
	}
}
