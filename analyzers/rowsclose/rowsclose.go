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
	return &analysis.Analyzer{
		Name:     "rowsclose",
		Doc:      lifecycle.Doc(doc, "rowsclose"),
		URL:      "https://github.com/leaklint/leaklint/tree/main/analyzers/rowsclose",
		Requires: []*analysis.Analyzer{engine},
		Run: func(pass *analysis.Pass) (any, error) {
			res := pass.ResultOf[engine].(*lifecycle.Result)
			for _, l := range res.Leaks {
				if l.Kind.Class == lifecycle.ClassResource {
					lifecycle.Report(pass, l.Diagnostic(pass.Fset))
				}
			}
			return nil, res.Err()
		},
	}
}
