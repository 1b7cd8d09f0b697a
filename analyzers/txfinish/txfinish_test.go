package txfinish_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leaklint/leaklint/analyzers/txfinish"
	"github.com/leaklint/leaklint/internal/corpus"
)

// testdata returns the shared analysistest tree.
func testdata(t *testing.T) string {
	dir, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestTxfinish(t *testing.T) {
	analysistest.Run(t, testdata(t), txfinish.Analyzer, "txfinish/paths", "txfinish/user")
}

func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), txfinish.Analyzer, "txfinish/fix")
}

func TestLibraries(t *testing.T) {
	analysistest.Run(t, corpus.Libs(t), txfinish.Analyzer, "./txfinish/...")
}
