package rowsclose

import (
	_ "embed"

	"golang.org/x/tools/go/analysis"

	"github.com/leaklint/leaklint/internal/lifecycle"
)

//go:embed doc.go
var doc string

// Analyzer reports database resources that are not released on every path.
var Analyzer = New(lifecycle.Analyzer)

// New returns a rowsclose analyzer that words the results of engine, an
// analyzer made by lifecycle.New.
func New(engine *analysis.Analyzer) *analysis.Analyzer {
	return lifecycle.Reporter("rowsclose", doc, engine, func(pass *analysis.Pass, res *lifecycle.Result) {
		for _, l := range res.Leaks {
			if l.Kind.Class == lifecycle.ClassResource {
				lifecycle.Report(pass, l.Diagnostic(pass.Fset))
			}
		}
	})
}
