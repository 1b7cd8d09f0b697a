package connloop_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leaklint/leaklint/analyzers/connloop"
	"github.com/leaklint/leaklint/internal/corpus"
)

func TestConnloop(t *testing.T) {
	testdata, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdata, connloop.Analyzer, "connloop/...")
}

func TestLibraries(t *testing.T) {
	analysistest.Run(t, corpus.Libs(t), connloop.Analyzer, "./connloop/...")
}
