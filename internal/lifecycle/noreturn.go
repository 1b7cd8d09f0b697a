package lifecycle

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// noReturn is the fact that a function never returns normally: a path
// through a call of it ends there, without a leak.
type noReturn struct{}

func (*noReturn) AFact()         {}
func (*noReturn) String() string { return "noReturn" }

// exits lists functions that never return, whatever their bodies say to
// the syntactic rule of noReturns (which finds most of them anyway).
var exits = map[string]bool{
	"os.Exit":                                 true,
	"syscall.Exit":                            true,
	"runtime.Goexit":                          true,
	"log.Fatal":                               true,
	"log.Fatalf":                              true,
	"log.Fatalln":                             true,
	"log.Panic":                               true,
	"log.Panicf":                              true,
	"log.Panicln":                             true,
	"(*log.Logger).Fatal":                     true,
	"(*log.Logger).Fatalf":                    true,
	"(*log.Logger).Fatalln":                   true,
	"(*log.Logger).Panic":                     true,
	"(*log.Logger).Panicf":                    true,
	"(*log.Logger).Panicln":                   true,
	"(*testing.common).FailNow":               true,
	"(*testing.common).Fatal":                 true,
	"(*testing.common).Fatalf":                true,
	"(*testing.common).SkipNow":               true,
	"(*testing.common).Skip":                  true,
	"(*testing.common).Skipf":                 true,
	"github.com/sirupsen/logrus.Fatal":        true,
	"github.com/sirupsen/logrus.Fatalf":       true,
	"(*go.uber.org/zap.Logger).Fatal":         true,
	"(*go.uber.org/zap.SugaredLogger).Fatal":  true,
	"(*go.uber.org/zap.SugaredLogger).Fatalf": true,
	"(*go.uber.org/zap.SugaredLogger).Fatalw": true,
	"k8s.io/klog/v2.Fatal":                    true,
	"k8s.io/klog/v2.Fatalf":                   true,
	"k8s.io/klog/v2.Exit":                     true,
	"k8s.io/klog/v2.Exitf":                    true,
}

// noReturns finds the functions of the package that never return, and
// exports a fact for each, so that callers in other packages know too.
//
// It reads syntax only, cheaply enough for every package of a build (the
// fast path skips the rest of the engine, not this): a function never
// returns if its body has no return statement, no defer (a deferred
// recover could make it return), and ends in a panic or a call of a
// function that never returns (of this package, by this rule, or of
// another, by its fact or the exits table). ctrlflow computes the same
// from a CFG of every function, which costs more than type checking
// would let leaklint spend on a package without database code.
func noReturns(pass *analysis.Pass) map[*types.Func]bool {
	type candidate struct {
		fn   *types.Func
		last *ast.CallExpr
	}
	var cands []candidate
	for _, f := range pass.Files {
		for _, decl := range f.Decls {
			d, ok := decl.(*ast.FuncDecl)
			if !ok || d.Body == nil || len(d.Body.List) == 0 {
				continue
			}
			stmt, ok := d.Body.List[len(d.Body.List)-1].(*ast.ExprStmt)
			if !ok {
				continue
			}
			call, ok := stmt.X.(*ast.CallExpr)
			if !ok || mayReturn(d.Body) {
				continue
			}
			if fn, ok := pass.TypesInfo.Defs[d.Name].(*types.Func); ok {
				cands = append(cands, candidate{fn, call})
			}
		}
	}
	never := make(map[*types.Func]bool)
	for changed := true; changed; {
		changed = false
		for _, c := range cands {
			if !never[c.fn] && neverReturns(pass, never, c.last) {
				never[c.fn], changed = true, true
			}
		}
	}
	for fn := range never {
		pass.ExportObjectFact(fn, new(noReturn))
	}
	return never
}

// mayReturn reports whether body, outside its function literals, has a
// return statement or a defer.
func mayReturn(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.ReturnStmt, *ast.DeferStmt:
			found = true
		case *ast.FuncLit:
			return false
		}
		return !found
	})
	return found
}

// neverReturns reports whether call is a panic or calls a function that
// never returns.
func neverReturns(pass *analysis.Pass, local map[*types.Func]bool, call *ast.CallExpr) bool {
	switch callee := typeutil.Callee(pass.TypesInfo, call).(type) {
	case *types.Builtin:
		return callee.Name() == "panic"
	case *types.Func:
		return isNoReturn(pass, local, callee)
	}
	return false
}

// isNoReturn reports whether fn never returns: by the exits table, by this
// package's rule, or by a fact of its package.
func isNoReturn(pass *analysis.Pass, local map[*types.Func]bool, fn *types.Func) bool {
	fn = fn.Origin()
	return exits[fn.FullName()] || local[fn] || fn.Pkg() != pass.Pkg && pass.ImportObjectFact(fn, new(noReturn))
}
