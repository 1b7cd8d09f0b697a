package txfinish

import (
	_ "embed"

	"golang.org/x/tools/go/analysis"

	"github.com/leaklint/leaklint/internal/lifecycle"
)

//go:embed doc.go
var doc string

// Analyzer reports transactions that are neither committed nor rolled back
// on every path.
var Analyzer = New(lifecycle.Analyzer)

// New returns a txfinish analyzer that words the results of engine, an
// analyzer made by lifecycle.New.
func New(engine *analysis.Analyzer) *analysis.Analyzer {
	return lifecycle.Reporter("txfinish", doc, engine, func(pass *analysis.Pass, res *lifecycle.Result) {
		for _, l := range res.Leaks {
			if l.Kind.Class == lifecycle.ClassTransaction {
				lifecycle.Report(pass, l.Diagnostic(pass.Fset))
			}
		}
	})
}
