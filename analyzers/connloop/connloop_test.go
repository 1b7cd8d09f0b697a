package connloop_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leaklint/leaklint/analyzers/connloop"
	"github.com/leaklint/leaklint/internal/corpus"
)

func TestConnloop(t *testing.T) {
	analysistest.Run(t, corpus.Dir(t), connloop.Analyzer, "connloop/...")
}

func TestLibraries(t *testing.T) {
	analysistest.Run(t, corpus.Libs(t), connloop.Analyzer, "./connloop/...")
}
