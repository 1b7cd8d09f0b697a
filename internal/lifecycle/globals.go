package lifecycle

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A Global is a package-level singleton of a single-connection value.
type Global struct {
	Pos    token.Pos // the variable's declaration, or the assignment
	End    token.Pos // the end of the variable's name there
	Name   string    // the variable
	Kind   *Kind
	Type   string // the variable's type, qualified by package name: "*pgx.Conn"
	Callee string // for an assignment, the acquiring call; empty for a declaration
}

// globals returns the package-level variables whose type is a
// single-connection kind. Variables of _test.go files are left out: a
// fixture set up in TestMain is shared on purpose, and only by tests.
func (e *engine) globals() []*Global {
	var out []*Global
	scope := e.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		v, ok := scope.Lookup(name).(*types.Var)
		if !ok || e.testFile(v.Pos()) || e.syntax.generated(v.Pos()) {
			continue
		}
		if k := e.kindOf(v.Type()); k != nil && k.Single {
			out = append(out, &Global{Pos: v.Pos(), End: v.Pos() + token.Pos(len(v.Name())), Name: v.Name(), Kind: k,
				Type: types.TypeString(v.Type(), (*types.Package).Name)})
		}
	}
	return out
}

// testFile reports whether pos is in a _test.go file.
func (e *engine) testFile(pos token.Pos) bool {
	return strings.HasSuffix(e.pass.Fset.Position(pos).Filename, "_test.go")
}

// globalStores records the stores of tr's resource into package-level
// variables whose type does not already say what they hold (the
// declaration is reported then).
func (e *engine) globalStores(tr *tracking, res *Result) {
	if !tr.kind.Single && !tr.kind.Session || e.testFile(tr.start.Pos()) {
		return
	}
	for v := range tr.aliases {
		for _, instr := range *v.Referrers() {
			st, ok := instr.(*ssa.Store)
			if !ok || st.Val != v {
				continue
			}
			g, ok := st.Addr.(*ssa.Global)
			if !ok || g.Pkg.Pkg != e.pass.Pkg {
				continue
			}
			obj := g.Object().(*types.Var)
			if k := e.kindOf(obj.Type()); k != nil && k.Single {
				continue
			}
			pos, end := st.Pos(), st.Pos()+token.Pos(len(obj.Name())) // the name assigned to
			if !pos.IsValid() {
				pos, end = tr.start.Pos(), token.NoPos
			}
			res.Globals = append(res.Globals, &Global{
				Pos: pos, End: end, Name: obj.Name(), Kind: tr.kind,
				Type: types.TypeString(obj.Type(), (*types.Package).Name), Callee: calleeName(tr.start),
			})
		}
	}
}
