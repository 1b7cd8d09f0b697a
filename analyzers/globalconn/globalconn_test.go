package globalconn_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leaklint/leaklint/analyzers/globalconn"
	"github.com/leaklint/leaklint/internal/corpus"
)

func TestGlobalconn(t *testing.T) {
	results := analysistest.Run(t, corpus.Dir(t), globalconn.Analyzer, "globalconn/...")
	// Each finding spans the variable's name, for editors and SARIF.
	n := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			n++
			name := strings.Fields(strings.TrimPrefix(d.Message, "package-level "))[0]
			if got := int(d.End - d.Pos); got != len(name) {
				t.Errorf("%s: %q spans %d bytes, want %d, the name %s", r.Pass.Fset.Position(d.Pos), d.Message, got, len(name), name)
			}
		}
	}
	if n == 0 {
		t.Errorf("no findings")
	}
}

func TestLibraries(t *testing.T) {
	analysistest.Run(t, corpus.Libs(t), globalconn.Analyzer, "./globalconn/...")
}
