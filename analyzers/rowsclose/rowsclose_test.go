package rowsclose_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leaklint/leaklint/analyzers/rowsclose"
	"github.com/leaklint/leaklint/internal/corpus"
)

func TestRowsclose(t *testing.T) {
	testdata, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdata, rowsclose.Analyzer, "rowsclose/...")
}

func TestFix(t *testing.T) {
	testdata, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	analysistest.RunWithSuggestedFixes(t, testdata, rowsclose.Analyzer, "rowsclose/fix")
}

func TestLibraries(t *testing.T) {
	analysistest.Run(t, corpus.Libs(t), rowsclose.Analyzer, "./rowsclose/...")
}
