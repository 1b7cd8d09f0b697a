package globalconn_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leaklint/leaklint/analyzers/globalconn"
	"github.com/leaklint/leaklint/internal/corpus"
)

func TestGlobalconn(t *testing.T) {
	testdata, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdata, globalconn.Analyzer, "globalconn/...")
}

func TestLibraries(t *testing.T) {
	analysistest.Run(t, corpus.Libs(t), globalconn.Analyzer, "./globalconn/...")
}
