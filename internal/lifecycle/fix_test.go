package lifecycle_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leaklint/leaklint/analyzers/rowsclose"
	"github.com/leaklint/leaklint/internal/corpus"
)

// TestFixText checks the raw text of suggested fixes, which the golden
// comparison of analysistest sees only after formatting: a file with
// CRLF line endings gets a CRLF line, a one-line function gets the defer
// after a semicolon on its own line.
func TestFixText(t *testing.T) {
	results := analysistest.Run(t, corpus.Dir(t), rowsclose.Analyzer, "rowsclose/fix")
	want := map[string]string{
		"crlf":    "\r\n\tdefer rows.Close()",
		"oneLine": "; defer rows.Close()",
	}
	got := make(map[string]string)
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if len(d.SuggestedFixes) == 0 {
				continue
			}
			fn := enclosingFunc(r.Pass.Fset, r.Pass.Files, d.Pos)
			if _, ok := want[fn]; ok {
				got[fn] = string(d.SuggestedFixes[0].TextEdits[0].NewText)
			}
		}
	}
	for fn, text := range want {
		if got[fn] != text {
			t.Errorf("%s: fix inserts %q, want %q", fn, got[fn], text)
		}
	}
}
