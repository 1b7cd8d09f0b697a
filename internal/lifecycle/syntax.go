package lifecycle

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// syntax answers questions about the source around SSA positions.
type syntax struct {
	pass    *analysis.Pass
	indexes map[*ast.File]*fileIndex
}

// newSyntax returns the syntax helper of pass.
func newSyntax(pass *analysis.Pass) *syntax {
	return &syntax{pass: pass, indexes: make(map[*ast.File]*fileIndex)}
}

// A fileIndex finds, in one walk of a file, the nodes that SSA positions
// name: a lookup per finding costs nothing, however long the function
// (astutil.PathEnclosingInterval per lookup is quadratic in a 40,000-line
// generated function).
type fileIndex struct {
	parent map[ast.Node]ast.Node
	calls  map[token.Pos]*ast.CallExpr  // by the opening parenthesis
	defers map[token.Pos]*ast.DeferStmt // by the defer keyword
}

// index returns the index of f, made on first use.
func (s *syntax) index(f *ast.File) *fileIndex {
	if ix, ok := s.indexes[f]; ok {
		return ix
	}
	ix := &fileIndex{
		parent: make(map[ast.Node]ast.Node),
		calls:  make(map[token.Pos]*ast.CallExpr),
		defers: make(map[token.Pos]*ast.DeferStmt),
	}
	var stack []ast.Node
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if len(stack) > 0 {
			ix.parent[n] = stack[len(stack)-1]
		}
		stack = append(stack, n)
		switch n := n.(type) {
		case *ast.CallExpr:
			ix.calls[n.Lparen] = n
		case *ast.DeferStmt:
			ix.defers[n.Defer] = n
		}
		return true
	})
	s.indexes[f] = ix
	return ix
}

// callAt returns the call expression whose opening parenthesis is at
// lparen, with the nodes that enclose it, innermost first.
func (s *syntax) callAt(lparen token.Pos) (*ast.CallExpr, []ast.Node) {
	f := s.file(lparen)
	if f == nil {
		return nil, nil
	}
	ix := s.index(f)
	call := ix.calls[lparen]
	if call == nil {
		return nil, nil
	}
	var path []ast.Node
	for n := ix.parent[ast.Node(call)]; n != nil; n = ix.parent[n] {
		path = append(path, n)
	}
	return call, path
}

// file returns the file that contains pos.
func (s *syntax) file(pos token.Pos) *ast.File {
	for _, f := range s.pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// generated reports whether pos is in a generated file.
func (s *syntax) generated(pos token.Pos) bool {
	f := s.file(pos)
	return f != nil && ast.IsGenerated(f)
}

// end returns the closing brace of fn's body.
func (s *syntax) end(fn *ssa.Function) token.Pos {
	switch n := fn.Syntax().(type) {
	case *ast.FuncDecl:
		if n.Body != nil {
			return n.Body.Rbrace
		}
	case *ast.FuncLit:
		return n.Body.Rbrace
	case *ast.RangeStmt:
		return n.Body.Rbrace // the body of a range-over-func loop
	}
	return fn.Pos()
}

// describe fills in the syntax of leak l: the acquiring call and the
// variable that holds the resource. It reports whether the resource is
// assigned to a named variable.
func (s *syntax) describe(l *Leak, tr *tracking) bool {
	l.Var = tr.kind.Name
	l.Pos, l.End = tr.start.Pos(), tr.start.Pos()
	call, _, _, id := s.acquisition(tr)
	if call == nil {
		return false
	}
	l.Call, l.Pos, l.End = call, call.Pos(), call.End()
	if id == nil {
		return false
	}
	l.Var = l.Kind.named(id.Name)
	return true
}

// acquisition returns the syntax of tr's acquiring call: the call, the
// path of nodes enclosing it (innermost first, parentheses skipped), and,
// when its result is assigned to a named variable, the assignment and
// the variable's identifier.
func (s *syntax) acquisition(tr *tracking) (*ast.CallExpr, []ast.Node, *ast.AssignStmt, *ast.Ident) {
	call, path := s.callAt(tr.start.Pos())
	if call == nil {
		return nil, nil, nil, nil
	}
	for len(path) > 0 {
		if p, ok := path[0].(*ast.ParenExpr); ok && p != nil {
			path = path[1:]
			continue
		}
		break
	}
	if len(path) < 2 {
		return call, path, nil, nil
	}
	assign, ok := path[0].(*ast.AssignStmt)
	if !ok || len(assign.Rhs) != 1 {
		return call, path, nil, nil
	}
	idx := tr.result
	if len(assign.Lhs) == 1 {
		idx = 0
	}
	if idx >= len(assign.Lhs) {
		return call, path, assign, nil
	}
	id, ok := assign.Lhs[idx].(*ast.Ident)
	if !ok || id.Name == "_" {
		return call, path, assign, nil
	}
	return call, path, assign, id
}

// assignedVar returns the variable that tr's acquisition assigns its
// resource to, or nil.
func (s *syntax) assignedVar(tr *tracking) types.Object {
	if _, _, _, id := s.acquisition(tr); id != nil {
		return s.pass.TypesInfo.ObjectOf(id)
	}
	return nil
}

// named returns how a message names a resource of kind k held in the
// variable v: the variable alone when its name says what it is (rows,
// insertStmt, txn), else the kind's noun before it ("statement tx",
// "row r").
func (k *Kind) named(v string) string {
	if k.Noun == "" {
		return v
	}
	lower := strings.ToLower(v)
	typ := k.Type[strings.LastIndexByte(k.Type, '.')+1:]
	for _, w := range []string{k.Name, k.Noun, strings.ToLower(typ)} {
		if w != "" && strings.Contains(lower, strings.ToLower(w)) {
			return v
		}
	}
	return k.Noun + " " + v
}

// inLoop reports whether the innermost function of path runs the node in a
// loop, where a defer would hold every iteration's resource.
func inLoop(path []ast.Node) bool {
	for _, n := range path {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		case *ast.FuncDecl, *ast.FuncLit:
			return false
		}
	}
	return false
}

// lineEnd returns the end of the line of pos, after any trailing comment.
func (s *syntax) lineEnd(pos token.Pos) token.Pos {
	tf := s.pass.Fset.File(pos)
	if tf == nil {
		return pos
	}
	line := tf.Line(pos)
	if line >= tf.LineCount() {
		return token.Pos(tf.Base() + tf.Size())
	}
	return tf.LineStart(line+1) - 1
}

// indent returns the white space that starts the line of pos.
func (s *syntax) indent(pos token.Pos) string {
	tf := s.pass.Fset.File(pos)
	if tf == nil {
		return "\t"
	}
	var content []byte
	err := fmt.Errorf("no ReadFile")
	if s.pass.ReadFile != nil {
		content, err = s.pass.ReadFile(tf.Name())
	}
	if err != nil {
		return strings.Repeat("\t", max(s.pass.Fset.Position(pos).Column-1, 0))
	}
	start := tf.Offset(tf.LineStart(tf.Line(pos)))
	line := content[start:tf.Offset(pos)]
	return string(line[:len(line)-len(bytes.TrimLeft(line, " \t"))])
}
