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
	return &analysis.Analyzer{
		Name:     "txfinish",
		Doc:      lifecycle.Doc(doc, "txfinish"),
		URL:      "https://github.com/leaklint/leaklint/tree/main/analyzers/txfinish",
		Requires: []*analysis.Analyzer{engine},
		Run: func(pass *analysis.Pass) (any, error) {
			res := pass.ResultOf[engine].(*lifecycle.Result)
			for _, l := range res.Leaks {
				if l.Kind.Class == lifecycle.ClassTransaction {
					lifecycle.Report(pass, l.Diagnostic(pass.Fset))
				}
			}
			return nil, res.Err()
		},
	}
}
