package lifecycle

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Message words a leak the way every leaklint analyzer does:
// "rows from Query is not closed on the path through the return at line 42".
func (l *Leak) Message(fset *token.FileSet) string {
	if l.Discarded {
		return fmt.Sprintf("%s from %s is discarded and never %s", l.Var, l.Callee, l.Kind.Verb)
	}
	unreleased := l.Kind.Unreleased
	if l.ErrOnly {
		unreleased += " (Err does not release it)"
	}
	exit, call := fset.Position(l.Exit), fset.Position(l.Pos)
	var where string
	switch {
	case exit.Filename == call.Filename && exit.Line == call.Line && l.Implicit:
		where = "the end of the function on the same line"
	case exit.Filename == call.Filename && exit.Line == call.Line:
		where = "the return on the same line"
	case l.Implicit:
		where = fmt.Sprintf("the end of the function at line %d", exit.Line)
	default:
		where = fmt.Sprintf("the return at line %d", exit.Line)
	}
	msg := fmt.Sprintf("%s from %s %s on the path through %s", l.Var, l.Callee, unreleased, where)
	if l.Overwrite.IsValid() {
		msg = fmt.Sprintf("%s from %s is overwritten at line %d while still open", l.Var, l.Callee, fset.Position(l.Overwrite).Line)
	}
	switch {
	case l.Partial != "" && l.PartialWhen != 0:
		msg += fmt.Sprintf(" (%s releases it only when it returns %s)", l.Partial, l.PartialWhen.result())
	case l.Partial != "":
		msg += fmt.Sprintf(" (%s releases it on some paths only)", l.Partial)
	}
	return msg
}

// Diagnostic returns the diagnostic of leak l, at its acquiring call.
func (l *Leak) Diagnostic(fset *token.FileSet) analysis.Diagnostic {
	d := analysis.Diagnostic{Pos: l.Pos, End: l.End, Message: l.Message(fset)}
	if l.Fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*l.Fix}
	}
	return d
}

// Err returns the engine's errors for the package. Every analyzer that
// words the result reports them, whichever ran first, so that the same
// input gives the same errors under the same names every run; leaklint's
// front end prints each once.
func (res *Result) Err() error {
	if len(res.Errors) == 0 {
		return nil
	}
	return errors.Join(res.Errors...)
}

// Report reports d for pass, unless a //nolint directive that names
// leaklint, the analyzer, or all covers it (see suppressed).
func Report(pass *analysis.Pass, d analysis.Diagnostic) {
	if suppressed(pass, d.Pos, d.End) {
		return
	}
	pass.Report(d)
}

// suppressed reports whether a //nolint directive covers the finding from
// pos to end. The rules are golangci-lint's (its nolint_filter), so that a
// directive works the same in every driver; since this filter runs inside
// the analyzers, golangci-lint's own runs after it and suppresses nothing
// more:
//
//   - a directive is a comment whose text after its slashes and spaces is
//     "nolint", followed by nothing, a space or a colon and a list of
//     names ("// nolint:leaklint" included);
//   - it covers the lines of its comment group;
//   - and the lines of every syntax node that starts on the line after
//     the group, at the group's column: a directive alone above a
//     statement covers the statement, one in a function's doc comment the
//     whole function.
//
// Beyond golangci-lint's, a directive covers a finding on any of the
// finding's lines (a call written over several), alone on the line above
// it, or at the end of the line that declares the function holding it.
// Lines and columns are the file's own, not those a //line directive
// gives the positions.
func suppressed(pass *analysis.Pass, pos, end token.Pos) bool {
	tf := pass.Fset.File(pos)
	if tf == nil {
		return false
	}
	raw := func(p token.Pos) token.Position { return tf.PositionFor(p, false) }
	line, last := raw(pos).Line, raw(pos).Line
	if end.IsValid() && int(end) <= tf.Base()+tf.Size() {
		last = raw(end).Line
	}
	for _, f := range pass.Files {
		if f.FileStart > pos || pos > f.FileEnd {
			continue
		}
		for _, group := range f.Comments {
			directive := false
			for _, c := range group.List {
				if cl := raw(c.Slash).Line; nolint(c.Text, pass.Analyzer.Name) {
					directive = true
					if line <= cl && cl <= last || cl == line-1 && alone(pass, tf, c.Slash) {
						return true
					}
				}
			}
			if !directive {
				continue
			}
			from, to, col := raw(group.Pos()).Line, raw(group.End()).Line, raw(group.Pos()).Column
			if from <= last && line <= to {
				return true // the group's lines
			}
			covered := false
			ast.Inspect(f, func(n ast.Node) bool {
				if n == nil || covered || raw(n.Pos()).Line > line || raw(n.End()).Line < line {
					return false // the node does not hold the finding's line
				}
				start := raw(n.Pos())
				switch {
				case start.Line == to+1 && start.Column == col:
					covered = true // the node after the group
				case isFunc(n) && from <= raw(bodyStart(n)).Line && raw(n.Pos()).Line <= to:
					covered = true // the function's header line
				}
				return !covered
			})
			if covered {
				return true
			}
		}
	}
	return false
}

// isFunc reports whether n is a function declaration with a body or a
// function literal.
func isFunc(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.FuncDecl:
		return n.Body != nil
	case *ast.FuncLit:
		return true
	}
	return false
}

// bodyStart returns the opening brace of a function that isFunc accepts.
func bodyStart(n ast.Node) token.Pos {
	if d, ok := n.(*ast.FuncDecl); ok {
		return d.Body.Lbrace
	}
	return n.(*ast.FuncLit).Body.Lbrace
}

// alone reports whether only white space precedes pos on its line.
func alone(pass *analysis.Pass, tf *token.File, pos token.Pos) bool {
	read := os.ReadFile
	if pass.ReadFile != nil {
		read = pass.ReadFile
	}
	content, err := read(tf.Name())
	if err != nil {
		return true // cannot tell: take the directive at its word
	}
	start, end := tf.Offset(tf.LineStart(tf.PositionFor(pos, false).Line)), tf.Offset(pos)
	if end > len(content) {
		return true
	}
	return strings.TrimSpace(string(content[start:end])) == ""
}

// nolint reports whether comment is a //nolint directive that covers the
// analyzer name: bare, or naming "all", "leaklint" or the analyzer, in
// any case. As golangci-lint reads it, slashes and spaces before "nolint"
// do not matter ("// nolint:leaklint"), and "//" starts an explanation;
// a name followed by a space and words is taken too.
func nolint(comment, name string) bool {
	text, ok := strings.CutPrefix(strings.TrimLeft(comment, "/ "), "nolint")
	if !ok {
		return false
	}
	if text == "" || text[0] == ' ' {
		return true // bare nolint, optionally followed by an explanation
	}
	list, ok := strings.CutPrefix(text, ":")
	if !ok {
		return false
	}
	list, _, _ = strings.Cut(list, "//")
	for _, n := range strings.Split(list, ",") {
		n, _, _ = strings.Cut(strings.TrimSpace(n), " ")
		switch strings.ToLower(n) {
		case "all", "leaklint", name:
			return true
		}
	}
	return false
}

// Doc extracts an analyzer's documentation from the source of its doc.go:
// the text of the package comment after the "# Analyzer NAME" heading,
// whose first line is "NAME: summary". It panics if there is none, which
// the analyzer's tests catch.
func Doc(src, name string) string {
	var lines []string
	for _, line := range strings.Split(src, "\n") {
		text, ok := strings.CutPrefix(line, "//")
		if !ok {
			if strings.HasPrefix(line, "package ") {
				break
			}
			continue
		}
		lines = append(lines, strings.TrimPrefix(text, " "))
	}
	all := strings.Join(lines, "\n")
	_, body, ok := strings.Cut(all, "# Analyzer "+name+"\n")
	if !ok {
		panic("no \"# Analyzer " + name + "\" heading in doc.go")
	}
	body = strings.TrimSpace(body)
	summary, ok := strings.CutPrefix(body, name+": ")
	if !ok {
		panic("doc.go of " + name + " must start with \"" + name + ": \"")
	}
	return summary
}

// Reporter returns the analyzer called name, documented by doc (the source
// of its doc.go), that requires engine and has word report what it finds
// in the engine's result: the shape of every leaklint analyzer.
func Reporter(name, doc string, engine *analysis.Analyzer, word func(*analysis.Pass, *Result)) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     name,
		Doc:      Doc(doc, name),
		URL:      "https://github.com/leaklint/leaklint/tree/main/analyzers/" + name,
		Requires: []*analysis.Analyzer{engine},
		Run: func(pass *analysis.Pass) (any, error) {
			res := pass.ResultOf[engine].(*Result)
			word(pass, res)
			return nil, res.Err()
		},
	}
}
