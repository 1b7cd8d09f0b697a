package connloop

import (
	_ "embed"
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/leaklint/leaklint/internal/lifecycle"
)

//go:embed doc.go
var doc string

// Analyzer reports connections held too long around loops.
var Analyzer = New(lifecycle.Analyzer)

// noun names kind k in words: its noun, or its short name.
func noun(k *lifecycle.Kind) string {
	if k.Noun != "" {
		return k.Noun
	}
	return k.Name
}

// New returns a connloop analyzer that words the results of engine, an
// analyzer made by lifecycle.New.
func New(engine *analysis.Analyzer) *analysis.Analyzer {
	return lifecycle.Reporter("connloop", doc, engine, func(pass *analysis.Pass, res *lifecycle.Result) {
		for _, d := range res.DeferLoops {
			held := "holds every iteration's connection"
			if !d.Resource.Kind.Holds {
				held = fmt.Sprintf("keeps every iteration's %s open", noun(d.Resource.Kind))
			}
			lifecycle.Report(pass, analysis.Diagnostic{
				Pos:     d.Defer,
				End:     d.End,
				Message: fmt.Sprintf("defer %s in a loop %s until the function returns", d.Call, held),
			})
		}
		for _, l := range res.Iterations {
			held := "each iteration holds another connection"
			if !l.Kind.Holds {
				held = fmt.Sprintf("each iteration keeps another %s open", noun(l.Kind))
			}
			lifecycle.Report(pass, analysis.Diagnostic{
				Pos:     l.Pos,
				End:     l.End,
				Message: fmt.Sprintf("%s from %s %s before the next iteration of the loop: %s", l.Var, l.Callee, l.Kind.Unreleased, held),
			})
		}
		for _, q := range res.Queries {
			msg := fmt.Sprintf("%s while %s is open needs a second connection from the pool", q.Op, q.Resource.Describe(pass.Fset))
			switch {
			case q.Resource.Kind.Class == lifecycle.ClassTransaction && q.Stmt:
				msg += "; use tx.Stmt"
			case q.Resource.Kind.Class == lifecycle.ClassTransaction:
				msg += "; use the transaction"
			}
			lifecycle.Report(pass, analysis.Diagnostic{Pos: q.Pos, End: q.End, Message: msg})
		}
		for _, w := range res.Waits {
			lifecycle.Report(pass, analysis.Diagnostic{
				Pos:     w.Pos,
				End:     w.End,
				Message: fmt.Sprintf("%s in a loop while %s is open keeps its connection checked out", w.Op, w.Resource.Describe(pass.Fset)),
			})
		}
	})
}
