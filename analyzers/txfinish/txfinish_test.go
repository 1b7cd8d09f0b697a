package txfinish_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leaklint/leaklint/analyzers/txfinish"
	"github.com/leaklint/leaklint/internal/corpus"
)

func TestTxfinish(t *testing.T) {
	analysistest.Run(t, corpus.Dir(t), txfinish.Analyzer, "txfinish/...")
}

func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, corpus.Dir(t), txfinish.Analyzer, "txfinish/fix")
}

func TestLibraries(t *testing.T) {
	analysistest.Run(t, corpus.Libs(t), txfinish.Analyzer, "./txfinish/...")
}
