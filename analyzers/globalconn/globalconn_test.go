package globalconn_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/leaklint/leaklint/analyzers/globalconn"
	"github.com/leaklint/leaklint/internal/corpus"
)

func TestGlobalconn(t *testing.T) {
	analysistest.Run(t, corpus.Dir(t), globalconn.Analyzer, "globalconn/...")
}

func TestLibraries(t *testing.T) {
	analysistest.Run(t, corpus.Libs(t), globalconn.Analyzer, "./globalconn/...")
}
