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
	if err == nil || err.Error() != "internal error in p.Boom: unexpected instruction" {
		t.Errorf("Err() = %q, want one line naming p.Boom and no stack", err)
	}
	if again := res.Err(); again == nil || again.Error() != err.Error() {
		t.Errorf("second Err() = %v, want the same error: every analyzer reports it, whichever asks first", again)
	}

	// A panic value over several lines still makes one line.
	res = new(Result)
	e.guard(fn, res, func() { panic("line one\nline two") })
	if err := res.Err(); err == nil || err.Error() != "internal error in p.Boom: line one line two" {
		t.Errorf("Err() = %q, want one line", err)
	}

	// With LEAKLINT_DEBUG set, the stack follows.
	t.Setenv("LEAKLINT_DEBUG", "1")
	res = new(Result)
	e.guard(fn, res, func() { panic("unexpected instruction") })
	if err := res.Err(); err == nil || !strings.HasPrefix(err.Error(), "internal error in p.Boom: unexpected instruction\n") ||
		!strings.Contains(err.Error(), "goroutine ") {
		t.Errorf("Err() with LEAKLINT_DEBUG = %q, want the stack after the error", err)
	}
}
