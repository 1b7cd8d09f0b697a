package lifecycle

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// fix returns the suggested fix of a leak of tr: "defer x.Close()" (or
// the kind's release) after the error check that follows the
// acquisition. -fix, go fix and editors apply it without review, so it
// is offered only when the engine can show that it is right:
//
//   - the resource is this function's to release: not returned, stored,
//     handed on or captured by a closure that outlives the function on
//     any path (the deferred release would close what runs later);
//   - the acquisition is a statement of its own, assigned to a variable,
//     outside any loop (a defer there would hold every iteration's), in
//     a function without goto;
//   - the defer goes after every error check that follows, one of which
//     finds the error nil (if err != nil, a switch case, a helper whose
//     fact says so, require.NoError), so that the resource is not nil
//     where the defer runs; an acquisition whose error is dropped, or a
//     wrapper that may return nil with a nil error, gets none;
//   - every leaking exit lies after the inserted defer, so that the edit
//     makes the finding disappear (a return inside the error check that
//     still holds the resource would not see it).
func (e *engine) fix(tr *tracking, out outcome) *analysis.SuggestedFix {
	k := tr.kind
	if k.Fix == "" || out.transferred || out.iteration || tr.kept || tr.escapes || tr.maybeNil || len(out.exits) == 0 {
		return nil
	}
	_, path, assign, id := e.syntax.acquisition(tr)
	if id == nil || len(path) < 2 || inLoop(path) || hasGoto(path) {
		return nil
	}
	list := stmtList(path[1])
	at := -1
	for i, st := range list {
		if st == assign {
			at = i
		}
	}
	if at < 0 {
		return nil
	}
	errVar := errorVar(e.pass.TypesInfo, assign, tr)
	if errVar == nil && hasErrorResult(tr) {
		return nil // the error is dropped: the resource may be nil
	}
	last, complete := ast.Stmt(assign), errVar == nil
	for _, st := range list[at+1:] {
		c, isCheck := e.checksErr(st, errVar)
		if !isCheck {
			break
		}
		last, complete = st, complete || c
	}
	if !complete {
		return nil
	}
	for _, ret := range out.exits {
		p := ret.Pos()
		if !p.IsValid() {
			p = e.syntax.end(tr.fn)
		}
		if p <= last.End() {
			return nil // a return before the defer still drops the resource
		}
	}
	stmt := fmt.Sprintf(k.Fix, id.Name)
	pos, text := e.syntax.insertAfter(last, assign, stmt)
	if !pos.IsValid() {
		return nil
	}
	where := "call"
	if last != ast.Stmt(assign) {
		where = "error check"
	}
	return &analysis.SuggestedFix{
		Message:   fmt.Sprintf("Add %s after the %s", stmt, where),
		TextEdits: []analysis.TextEdit{{Pos: pos, End: pos, NewText: []byte(text)}},
	}
}

// stmtList returns the statements of a block, a case or a select clause.
func stmtList(n ast.Node) []ast.Stmt {
	switch n := n.(type) {
	case *ast.BlockStmt:
		return n.List
	case *ast.CaseClause:
		return n.Body
	case *ast.CommClause:
		return n.Body
	}
	return nil
}

// hasGoto reports whether the function that path lies in has a goto or a
// labeled statement: then "after the check" is not "before every exit".
func hasGoto(path []ast.Node) bool {
	var body *ast.BlockStmt
	for _, n := range path {
		switch n := n.(type) {
		case *ast.FuncDecl:
			body = n.Body
		case *ast.FuncLit:
			body = n.Body
		}
		if body != nil {
			break
		}
	}
	if body == nil {
		return true
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BranchStmt:
			found = found || n.Tok == token.GOTO
		case *ast.LabeledStmt:
			found = true
		}
		return !found
	})
	return found
}

// hasErrorResult reports whether tr's acquiring call returns an error.
func hasErrorResult(tr *tracking) bool {
	if tuple, ok := tr.start.Type().(*types.Tuple); ok {
		return isError(tuple.At(tuple.Len() - 1).Type())
	}
	return false
}

// errorVar returns the variable that assign gives the acquisition's error
// to, or nil.
func errorVar(info *types.Info, assign *ast.AssignStmt, tr *tracking) types.Object {
	if !hasErrorResult(tr) || len(assign.Lhs) < 2 {
		return nil
	}
	id, ok := assign.Lhs[len(assign.Lhs)-1].(*ast.Ident)
	if !ok || id.Name == "_" {
		return nil
	}
	return info.ObjectOf(id)
}

// checksErr reports whether st checks the error variable err and ends
// the function (or the test) on some of its paths, and whether it is
// complete: past it, err is nil (if err != nil { return err }, a switch
// case err != nil, a helper with a polarity fact, require.NoError).
func (e *engine) checksErr(st ast.Stmt, err types.Object) (complete, ok bool) {
	if err == nil {
		return false, false
	}
	info := e.pass.TypesInfo
	mentions := func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && info.Uses[id] == err {
				found = true
			}
			return !found
		})
		return found
	}
	switch st := st.(type) {
	case *ast.IfStmt:
		if st.Init != nil || !mentions(st.Cond) || !e.terminates(st.Body) {
			return false, false
		}
		if st.Else != nil {
			if b, ok := st.Else.(*ast.BlockStmt); !ok || !e.terminates(b) {
				return false, false
			}
		}
		return e.nonNilTest(st.Cond, err), true
	case *ast.SwitchStmt:
		if st.Init != nil || st.Tag != nil {
			return false, false
		}
		complete := false
		for _, c := range st.Body.List {
			cc := c.(*ast.CaseClause)
			for _, x := range cc.List {
				if mentions(x) {
					if !e.terminates(&ast.BlockStmt{List: cc.Body}) {
						return false, false
					}
					complete = complete || e.nonNilTest(x, err)
				}
			}
		}
		return complete, complete
	case *ast.ExprStmt:
		call, ok := st.X.(*ast.CallExpr)
		if !ok || len(call.Args) < 2 || !mentions(call.Args[1]) {
			return false, false
		}
		if fn, ok := info.Uses[calleeIdent(call)].(*types.Func); ok && noErrAsserted[fn.Origin().FullName()] {
			return true, true // require.NoError(t, err)
		}
	}
	return false, false
}

// calleeIdent returns the identifier that names call's function.
func calleeIdent(call *ast.CallExpr) *ast.Ident {
	switch f := call.Fun.(type) {
	case *ast.Ident:
		return f
	case *ast.SelectorExpr:
		return f.Sel
	}
	return &ast.Ident{}
}

// nonNilTest reports whether cond is exactly err != nil: past an if on
// it that ends the function, err is nil.
func (e *engine) nonNilTest(cond ast.Expr, err types.Object) bool {
	info := e.pass.TypesInfo
	isErr := func(x ast.Expr) bool {
		id, ok := ast.Unparen(x).(*ast.Ident)
		return ok && info.Uses[id] == err
	}
	switch c := ast.Unparen(cond).(type) {
	case *ast.BinaryExpr:
		nilIdent := func(x ast.Expr) bool {
			id, ok := ast.Unparen(x).(*ast.Ident)
			return ok && id.Name == "nil" && info.Uses[id] == types.Universe.Lookup("nil")
		}
		return c.Op == token.NEQ && (isErr(c.X) && nilIdent(c.Y) || isErr(c.Y) && nilIdent(c.X))
	}
	// A helper with a polarity fact (isFatal(err): true means not nil)
	// says nothing of its other result: err may still be non-nil past it,
	// so it is not a complete check.
	return false
}

// terminates reports whether a block ends its function's path: its last
// statement returns, panics, calls a function that never returns, or
// leaves a loop (continue, break).
func (e *engine) terminates(b *ast.BlockStmt) bool {
	if b == nil || len(b.List) == 0 {
		return false
	}
	switch st := b.List[len(b.List)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return st.Tok != token.FALLTHROUGH
	case *ast.ExprStmt:
		call, ok := st.X.(*ast.CallExpr)
		if !ok {
			return false
		}
		switch callee := e.pass.TypesInfo.Uses[calleeIdent(call)].(type) {
		case *types.Builtin:
			return callee.Name() == "panic"
		case *types.Func:
			return isNoReturn(e.pass, e.never, callee)
		}
	case *ast.BlockStmt:
		return e.terminates(st)
	}
	return false
}

// insertAfter returns where and what to insert to put stmt after st, a
// statement of the function whose first statement is like first: on a
// line of its own, indented as first, when nothing but a comment follows
// st on its line; else on the same line, after a semicolon (a one-line
// function).
func (s *syntax) insertAfter(st, first ast.Stmt, stmt string) (token.Pos, string) {
	tf, content := s.content(st.End())
	if content == nil {
		return token.NoPos, ""
	}
	off := tf.Offset(st.End())
	if off > len(content) {
		return token.NoPos, ""
	}
	rest := content[off:]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	newline := "\n"
	if bytes.HasSuffix(rest, []byte("\r")) {
		rest, newline = rest[:len(rest)-1], "\r\n" // keep the file's line endings
	}
	trimmed := strings.TrimSpace(string(rest))
	if trimmed == "" || strings.HasPrefix(trimmed, "//") {
		return token.Pos(int(st.End()) + len(rest)), newline + s.indent(first.Pos()) + stmt
	}
	return st.End(), "; " + stmt
}
