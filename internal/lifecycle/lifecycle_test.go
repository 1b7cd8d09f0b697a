package lifecycle_test

import (
	"bytes"
	"encoding/gob"
	"reflect"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leaklint/leaklint/internal/corpus"

	"github.com/leaklint/leaklint/internal/lifecycle"
)

func TestFacts(t *testing.T) {
	analysistest.Run(t, corpus.Dir(t), lifecycle.Analyzer, "facts")
}

// TestFactsGob checks that every fact survives the gob round trip that
// go vet and golangci-lint put facts through between packages.
func TestFactsGob(t *testing.T) {
	facts := []any{
		&lifecycle.Summary{
			Params:      []lifecycle.Fate{lifecycle.Releases, lifecycle.Borrows, lifecycle.Unknown, lifecycle.Conditional, lifecycle.Partial},
			Names:       []string{"r", "db", "x", "rows", "c"},
			Conds:       []lifecycle.Cond{{Param: 3, Result: 1, When: lifecycle.WhenFalse}},
			Held:        []lifecycle.Hold{{Param: 1, Result: 0}, {Param: 2, Result: 1, Same: true}},
			Accumulates: []lifecycle.ErrField{{Param: 1, Field: 2}},
			Forwards:    []int{2},
			NilErr:      true,
			Owned: []lifecycle.Owned{{
				Result: 0, Type: "*example.com/p.Iter",
				Release: []string{"(*example.com/p.Iter).Close"},
				Class:   lifecycle.ClassResource, Unreleased: "is not closed", Verb: "closed",
			}},
		},
	}
	for _, f := range lifecycle.Analyzer.FactTypes {
		facts = append(facts, f)
	}
	for _, f := range facts {
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(f); err != nil {
			t.Fatalf("encode %T: %v", f, err)
		}
		got := reflect.New(reflect.TypeOf(f).Elem()).Interface()
		if err := gob.NewDecoder(&buf).Decode(got); err != nil {
			t.Fatalf("decode %T: %v", f, err)
		}
		if !reflect.DeepEqual(got, f) {
			t.Errorf("%T: round trip gave %+v, want %+v", f, got, f)
		}
	}
}
