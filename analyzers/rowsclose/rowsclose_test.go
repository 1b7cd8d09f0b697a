package rowsclose_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leaklint/leaklint/analyzers/rowsclose"
	"github.com/leaklint/leaklint/internal/corpus"
)

func TestRowsclose(t *testing.T) {
	analysistest.Run(t, corpus.Dir(t), rowsclose.Analyzer, "rowsclose/...")
}

func TestFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, corpus.Dir(t), rowsclose.Analyzer, "rowsclose/fix")
}

func TestLibraries(t *testing.T) {
	analysistest.Run(t, corpus.Libs(t), rowsclose.Analyzer, "./rowsclose/...")
}
