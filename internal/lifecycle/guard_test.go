package lifecycle

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
)

// TestGuard checks that a panic while analyzing one function becomes an
// error naming it, reported once per package, and not a crash.
func TestGuard(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", "package p\n\nfunc Boom() {}\n", 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := ssautil.BuildPackage(&types.Config{Importer: importer.Default()}, fset,
		types.NewPackage("p", "p"), []*ast.File{f}, ssa.SanityCheckFunctions)
	if err != nil {
		t.Fatal(err)
	}
	fn := pkg.Func("Boom")

	res := new(Result)
	e := new(engine)
	e.guard(fn, res, func() { panic("unexpected instruction") })
	e.guard(fn, res, func() {})
	if len(res.Errors) != 1 {
		t.Fatalf("got %d errors, want 1", len(res.Errors))
	}
	err = res.Err()
	if err == nil || !strings.Contains(err.Error(), "internal error in p.Boom: unexpected instruction") {
		t.Errorf("Err() = %v, want an internal error naming p.Boom", err)
	}
	if again := res.Err(); again != nil {
		t.Errorf("second Err() = %v, want nil: the error is reported once", again)
	}
}
