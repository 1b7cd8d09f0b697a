package globalconn

import (
	_ "embed"
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/leaklint/leaklint/internal/lifecycle"
)

//go:embed doc.go
var doc string

// Analyzer reports package-level singletons of single-connection values.
var Analyzer = New(lifecycle.Analyzer)

// New returns a globalconn analyzer that words the results of engine, an
// analyzer made by lifecycle.New.
func New(engine *analysis.Analyzer) *analysis.Analyzer {
	return lifecycle.Reporter("globalconn", doc, engine, func(pass *analysis.Pass, res *lifecycle.Result) {
		for _, g := range res.Globals {
			msg := fmt.Sprintf("package-level %s is a %s: one %s shared by the whole program",
				g.Name, g.Type, what(g.Kind))
			if g.Callee != "" {
				msg = fmt.Sprintf("package-level %s is assigned %s from %s: one %s shared by the whole program",
					g.Name, g.Kind.Name, g.Callee, what(g.Kind))
			}
			lifecycle.Report(pass, analysis.Diagnostic{Pos: g.Pos, End: g.End, Message: msg})
		}
	})
}

// what names what a kind shares.
func what(k *lifecycle.Kind) string {
	if k.Class == lifecycle.ClassTransaction {
		return "transaction"
	}
	return "connection"
}
