package main

import (
	"go/importer"
	"go/token"
	"go/types"
	"testing"

	"github.com/leaklint/leaklint/internal/lifecycle"
)

func TestParseCanonical(t *testing.T) {
	for in, want := range map[string]canonicalName{
		"(*example.com/db.Store).Iter": {"example.com/db", "Store", "Iter"},
		"(example.com/db.Rows).Close":  {"example.com/db", "Rows", "Close"},
		"example.com/db.Open":          {"example.com/db", "", "Open"},
		"gorm.io/gorm.Open":            {"gorm.io/gorm", "", "Open"},
	} {
		if got := parseCanonical(in); got != want {
			t.Errorf("parseCanonical(%q) = %+v, want %+v", in, got, want)
		}
	}
}

// TestKindWarnings checks the names of declared kinds against
// database/sql: methods of T and *T, promoted or declared, and functions
// exist; misspelt ones, and packages outside the program, get a warning.
func TestKindWarnings(t *testing.T) {
	sql, err := importer.ForCompiler(token.NewFileSet(), "source", nil).Import("database/sql")
	if err != nil {
		t.Skip(err)
	}
	kinds, err := lifecycle.ParseKinds("acquire=(*database/sql.DB).Query,database/sql.Open,database/sql.Opn,example.com/x.New release=(*database/sql.Rows).Close,(*database/sql.Rows).Clos;" +
		"acquire=(*database/sql.DB).Conn release=(database/sql.Conn).Close")
	if err != nil {
		t.Fatal(err)
	}
	inProgram := func(path string) bool { return path == "database/sql" }
	typesOf := func([]string) map[string]*types.Package { return map[string]*types.Package{"database/sql": sql} }
	got := kindWarnings(kinds, inProgram, typesOf)
	want := []string{
		"warning: -kinds: database/sql.Opn names nothing: package database/sql has no function Opn",
		"warning: -kinds: example.com/x.New names nothing: no package example.com/x in the packages analyzed or their dependencies",
		"warning: -kinds: (*database/sql.Rows).Clos names nothing: database/sql.Rows has no method Clos",
	}
	if len(got) != len(want) {
		t.Fatalf("warnings:\n%q\nwant\n%q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("warning %d: %q, want %q", i, got[i], want[i])
		}
	}
}
