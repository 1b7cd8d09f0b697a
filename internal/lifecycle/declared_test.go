package lifecycle_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leaklint/leaklint/analyzers/rowsclose"
	"github.com/leaklint/leaklint/internal/corpus"
	"github.com/leaklint/leaklint/internal/lifecycle"
)

const declared = "acquire=(*example.com/db.Store).Iter release=(*example.com/db.Iter).Close next=(*example.com/db.Iter).Next; " +
	"acquire=example.com/db.Start release=(*example.com/db.Batch).Done"

func TestParseKinds(t *testing.T) {
	kinds, err := lifecycle.ParseKinds(declared)
	if err != nil {
		t.Fatal(err)
	}
	if len(kinds) != 2 {
		t.Fatalf("got %d kinds, want 2", len(kinds))
	}
	k := kinds[0]
	if k.Type != "*example.com/db.Iter" || k.Library != "example.com/db" || k.Name != "iter" || k.Class != lifecycle.ClassResource {
		t.Errorf("first kind = %+v", k)
	}
	tx, err := lifecycle.ParseKinds("acquire=example.com/db.Begin release=(example.com/db.Tx).Commit,(example.com/db.Tx).Rollback class=transaction name=tx")
	if err != nil {
		t.Fatal(err)
	}
	if tx[0].Type != "example.com/db.Tx" || tx[0].Class != lifecycle.ClassTransaction || len(tx[0].Release) != 2 {
		t.Errorf("transaction kind = %+v", tx[0])
	}

	for spec, want := range map[string]string{
		"acquire=example.com/db.Open":                                     "needs acquire= and release=",
		"acquire=db.Open release=Close":                                   "not a method in canonical notation",
		"acquire=(*db.S).Open) release=(*db.T).Close":                     "not a function or method",
		"acquire=example.com/db.Open release=(*db.T).Close colour=red":    `unknown key "colour"`,
		"acquire=example.com/db.Open release=(*db.T).Close class=session": `class "session"`,
		"acquire=example.com/db.Open release=(*db.T).Close,(*db.U).Close": "different types",
		"acquire=example.com/db.Open release":                             "not key=value",
	} {
		_, err := lifecycle.ParseKinds(spec)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseKinds(%q) = %v, want an error containing %q", spec, err, want)
		}
	}
}

// TestDeclaredKinds runs rowsclose with kinds from a Config, as the
// golangci-lint plugin builds it, and from the engine's -kinds flag, as
// the command line and go vet set it.
func TestDeclaredKinds(t *testing.T) {
	kinds, err := lifecycle.ParseKinds(declared)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("config", func(t *testing.T) {
		a := rowsclose.New(lifecycle.New(lifecycle.Config{Kinds: kinds}))
		analysistest.Run(t, corpus.Dir(t), a, "userkinds", "example.com/db")
	})
	t.Run("flag", func(t *testing.T) {
		engine := lifecycle.New(lifecycle.Config{})
		for _, decl := range strings.Split(declared, ";") { // given twice, the flag adds both
			if err := engine.Flags.Set("kinds", decl); err != nil {
				t.Fatal(err)
			}
		}
		analysistest.Run(t, corpus.Dir(t), rowsclose.New(engine), "userkinds")
	})
	t.Run("malformed flag", func(t *testing.T) {
		engine := lifecycle.New(lifecycle.Config{})
		if err := engine.Flags.Set("kinds", "acquire=x"); err == nil {
			t.Error("a malformed -kinds was accepted")
		}
	})
}
