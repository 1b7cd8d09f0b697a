package lifecycle

import (
	"go/token"
	"go/types"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/tools/go/ssa"
)

// A nilness is what a path knows of an error parameter.
type nilness uint8

const (
	unknownNil nilness = iota
	nonNil
	isNilErr
)

// errPolarity says, for fn's error parameter p and fn's single bool
// result, whether a true result means p is not nil (isFatal(err),
// errors.Is-like) and whether a false result does (ok(w, err) that writes
// the error and returns false).
func (e *engine) errPolarity(fn *ssa.Function, p *ssa.Parameter) (trueMeansErr, falseMeansErr bool) {
	var trues, falses []nilness
	ok := e.returnsWith(fn, p, func(v ssa.Value, n nilness) bool {
		if c, ok := v.(*ssa.Const); ok && c.Value != nil {
			if c.Value.String() == "true" {
				trues = append(trues, n)
			} else {
				falses = append(falses, n)
			}
			return true
		}
		if b, ok := v.(*ssa.BinOp); ok && (b.X == p && isNil(b.Y) || b.Y == p && isNil(b.X)) {
			t, f := nonNil, isNilErr
			if b.Op == token.EQL {
				t, f = f, t
			}
			trues, falses = append(trues, t), append(falses, f)
			return true
		}
		if n != unknownNil {
			trues, falses = append(trues, n), append(falses, n) // whatever v is, p's nilness is n
			return true
		}
		if c, ok := v.(*ssa.Call); ok {
			if t, f := e.testsErr(&c.Call, p); t || f {
				// return errors.Is(err, x), return handleErr(w, err): a true
				// (false) result means p is not nil; the other says nothing.
				if t {
					trues, falses = append(trues, nonNil), append(falses, unknownNil)
				} else {
					trues, falses = append(trues, unknownNil), append(falses, nonNil)
				}
				return true
			}
		}
		return false
	})
	all := func(list []nilness) bool {
		for _, n := range list {
			if n != nonNil {
				return false
			}
		}
		return len(list) > 0
	}
	return ok && all(trues), ok && all(falses)
}

// errWrapper reports whether fn, whose single result is an error, returns
// nil exactly when its error parameter p is nil: a wrap(err, "query")
// that returns nil for nil, as github.com/pkg/errors.Wrap does.
func (e *engine) errWrapper(fn *ssa.Function, p *ssa.Parameter) bool {
	return e.returnsWith(fn, p, func(v ssa.Value, n nilness) bool {
		switch {
		case v == p:
			return true
		case n == isNilErr:
			return isNil(v)
		case n == nonNil:
			return !isNil(v) // fmt.Errorf, a new error value
		}
		return false
	})
}

// returnsWith calls visit with each value fn can return as its single
// result, and the nilness of its error parameter p on the path to that
// return (a returned phi is resolved on each edge into its block). It
// reports false if fn has no return or visit returns false.
func (e *engine) returnsWith(fn *ssa.Function, p *ssa.Parameter, visit func(v ssa.Value, n nilness) bool) bool {
	type point struct {
		b *ssa.BasicBlock
		n nilness
	}
	seen := make(map[point]bool)
	var stack []point
	push := func(b *ssa.BasicBlock, n nilness) {
		if !seen[point{b, n}] {
			seen[point{b, n}] = true
			stack = append(stack, point{b, n})
		}
	}
	// edge visits the phi that s returns, if any, on the edge from b.
	edge := func(b, s *ssa.BasicBlock, n nilness) bool {
		ret, ok := s.Instrs[len(s.Instrs)-1].(*ssa.Return)
		if !ok || len(ret.Results) != 1 || !isPhiOf(ret.Results[0], s) {
			return true
		}
		phi := ret.Results[0].(*ssa.Phi)
		for i, pred := range s.Preds {
			if pred == b {
				return visit(phi.Edges[i], n)
			}
		}
		return true
	}
	returns := 0
	push(fn.Blocks[0], unknownNil)
	for len(stack) > 0 {
		pt := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		b := pt.b
		switch last := b.Instrs[len(b.Instrs)-1].(type) {
		case *ssa.Return:
			returns++
			if v := last.Results[0]; !isPhiOf(v, b) && !visit(v, pt.n) {
				return false
			}
		case *ssa.If:
			next := [2]nilness{pt.n, pt.n}
			switch c := last.Cond.(type) {
			case *ssa.BinOp:
				if c.X == p && isNil(c.Y) || c.Y == p && isNil(c.X) {
					switch c.Op {
					case token.NEQ:
						next = [2]nilness{nonNil, isNilErr}
					case token.EQL:
						next = [2]nilness{isNilErr, nonNil}
					}
				}
			case *ssa.Call:
				switch t, f := e.testsErr(&c.Call, p); {
				case t:
					next[0] = nonNil // if errors.As(err, &e) …
				case f:
					next[1] = nonNil
				}
			}
			for k, s := range b.Succs {
				if !edge(b, s, next[k]) {
					return false
				}
				push(s, next[k])
			}
		case *ssa.Jump:
			if !edge(b, b.Succs[0], pt.n) {
				return false
			}
			push(b.Succs[0], pt.n)
		}
	}
	return returns > 0
}

// testsErr tells whether call c tests p: a true result means p is not
// nil (errors.Is(p, …), a function with an ErrTrue fact for it), or a
// false one does (an ErrFalse fact).
func (e *engine) testsErr(c *ssa.CallCommon, p ssa.Value) (trueMeansErr, falseMeansErr bool) {
	callee, name := e.staticCallee(c)
	if callee == nil {
		return false, false
	}
	for i, a := range c.Args {
		if a != p {
			continue
		}
		if errTests[name] && i == 0 {
			return true, false
		}
		if s := e.summary(callee); s != nil {
			return slices.Contains(s.ErrTrue, i), slices.Contains(s.ErrFalse, i)
		}
	}
	return false, false
}

// isPhiOf reports whether v is a phi of block b.
func isPhiOf(v ssa.Value, b *ssa.BasicBlock) bool {
	phi, ok := v.(*ssa.Phi)
	return ok && phi.Block() == b
}

// errTests lists the functions, without facts of their own, whose true
// result means their error argument is not nil.
var errTests = map[string]bool{
	"errors.Is": true,
	"errors.As": true,
}

// errCall tells, for a call c whose bool result an if tests, which
// successors mean that the error passed to it is not nil, so that the
// resource beside it is nil. A function with a fact says (isFatal(err):
// true; ok(w, err): false). One without a fact (in a package that does not
// use a database library) is read by the convention errors.Is, IsNotFound
// and hasCode share, true on an error, if its name starts with is or has;
// any other answers neither way, and both successors end the path: the
// engine stays silent rather than guess.
func (e *engine) errCall(errs *errSet, c *ssa.CallCommon) (gone [2]bool) {
	for i, a := range c.Args {
		if !errs.has(a) {
			continue
		}
		callee, name := e.staticCallee(c)
		if callee == nil {
			return [2]bool{true, true} // a function value
		}
		if errTests[name] {
			return [2]bool{true, false}
		}
		s := e.summary(callee)
		analyzed := e.analyzed(callee)
		switch {
		case s != nil && slices.Contains(s.ErrTrue, i):
			return [2]bool{true, false}
		case s != nil && slices.Contains(s.ErrFalse, i):
			return [2]bool{false, true}
		case analyzed:
			return gone // its body, analyzed, says neither
		case isOrHas(callee.Name()):
			return [2]bool{true, false}
		}
		return [2]bool{true, true}
	}
	return gone
}

// analyzed reports whether leaklint computed facts for fn's package: this
// one, or one that uses a tracked library. Without a fact, a function of
// such a package is known to say nothing.
func (e *engine) analyzed(fn *ssa.Function) bool {
	return fn.Pkg != nil && (fn.Pkg.Pkg == e.pass.Pkg || e.pass.ImportPackageFact(fn.Pkg.Pkg, new(usesLibrary)))
}

// isOrHas reports whether name reads as a predicate: isRetryable, IsNotFound, hasCode.
func isOrHas(name string) bool {
	for _, p := range []string{"is", "Is", "has", "Has"} {
		if rest, ok := strings.CutPrefix(name, p); ok && rest != "" && !unicode.IsLower(rune(rest[0])) {
			return true
		}
	}
	return false
}

// errWrappers lists the functions, without facts of their own, that
// return nil exactly when their first argument, an error, is nil.
var errWrappers = map[string]bool{
	"github.com/pkg/errors.Wrap":         true,
	"github.com/pkg/errors.Wrapf":        true,
	"github.com/pkg/errors.WithStack":    true,
	"github.com/pkg/errors.WithMessage":  true,
	"github.com/pkg/errors.WithMessagef": true,
}

// wrapsErr reports whether call returns an error that is nil exactly when
// its argument i, an error, is: a wrapper with a fact or in errWrappers.
func (e *engine) wrapsErr(call *ssa.Call, i int) bool {
	callee, name := e.staticCallee(&call.Call)
	if callee == nil || call.Call.Signature().Results().Len() != 1 {
		return false
	}
	if i == 0 && errWrappers[name] {
		return true
	}
	if s := e.summary(callee); s != nil {
		return slices.Contains(s.Wraps, i)
	}
	// No fact (a package without database code): by the convention of
	// errors.Wrap, a Wrap… function given the error first returns nil for nil.
	analyzed := e.analyzed(callee)
	return !analyzed && i == 0 && (strings.HasPrefix(callee.Name(), "Wrap") || strings.HasPrefix(callee.Name(), "wrap"))
}

// errParam says what fn does with its error parameter p: the results
// that are nil wherever p is (returned only where p is known not nil, nil
// elsewhere), and whether p is known not nil at every return (a test
// helper that stops the test when the call it checks did not fail).
func (e *engine) errParam(fn *ssa.Function, p *ssa.Parameter) (nilFor []int, nonNilAfter bool) {
	var rets []*ssa.Return
	for _, b := range fn.Blocks {
		if r, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			rets = append(rets, r)
		}
	}
	if len(rets) == 0 {
		return nil, false
	}
	set := e.newErrSet(&tracking{resource: &resource{fn: fn}}, []ssa.Value{p}, true)
	nonNil := e.nonNilBlocks(set, fn)
	sure := make([]bool, len(rets)) // p is not nil at rets[k]
	nonNilAfter = true
	for k, ret := range rets {
		sure[k] = nonNil[ret.Block().Index]
		nonNilAfter = nonNilAfter && sure[k]
	}
	results := fn.Signature.Results()
	for j := 0; j < results.Len(); j++ {
		if !nilable(results.At(j).Type()) {
			continue
		}
		ok := true
		for k, ret := range rets {
			ok = ok && (sure[k] || isNil(ret.Results[j]))
		}
		if ok {
			nilFor = append(nilFor, j)
		}
	}
	return nilFor, nonNilAfter
}

// nilable reports whether a value of type t can be nil.
func nilable(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Interface, *types.Map, *types.Slice, *types.Signature, *types.Chan:
		return true
	}
	return false
}

// nonNilBlocks returns, for each block of fn (by index), whether an if
// that dominates it found an error of set not nil on the edge every path
// to it takes: err != nil, err == ErrSentinel, errors.Is(err, …) or a
// helper's polarity fact true, errors.AsType's ok true. One walk of the
// dominator tree, whatever the number of returns asked about.
func (e *engine) nonNilBlocks(set *errSet, fn *ssa.Function) []bool {
	out := make([]bool, len(fn.Blocks))
	for _, b := range fn.DomPreorder() {
		if d := b.Idom(); d != nil && out[d.Index] {
			out[b.Index] = true
			continue
		}
		if len(b.Preds) != 1 {
			continue
		}
		p := b.Preds[0]
		iff, ok := p.Instrs[len(p.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		side := 0
		if p.Succs[1] == b {
			side = 1
		}
		out[b.Index] = e.establishes(set, iff, side)
	}
	return out
}

// establishes reports whether the edge side of iff is taken only where an
// error of set is not nil.
func (e *engine) establishes(set *errSet, iff *ssa.If, side int) bool {
	switch c := iff.Cond.(type) {
	case *ssa.BinOp:
		if c.Op != token.EQL && c.Op != token.NEQ {
			return false
		}
		x, y, eq := comparison(c)
		if set.has(y) {
			x, y = y, x
		}
		if !set.has(x) {
			return false
		}
		return isNil(y) && side == 1-eq || !isNil(y) && nonNilValue(y) && side == eq
	case *ssa.Call:
		for i, a := range c.Call.Args {
			if !set.has(a) {
				continue
			}
			_, name := e.staticCallee(&c.Call)
			if i == 0 && errTests[name] && side == 0 {
				return true
			}
			t, f := e.testsErr(&c.Call, a)
			if t && side == 0 || f && side == 1 {
				return true
			}
		}
	case *ssa.Extract:
		// pe, ok := errors.AsType[*pgError](err): ok true, err not nil.
		call, isCall := c.Tuple.(*ssa.Call)
		if !isCall || c.Index != 1 || side != 0 || len(call.Call.Args) == 0 || !set.has(call.Call.Args[0]) {
			return false
		}
		_, name := e.staticCallee(&call.Call)
		return name == "errors.AsType"
	}
	return false
}

// nonNilValue reports whether v is an error value that is never nil: a
// package-level error variable (a sentinel) or a new error.
func nonNilValue(v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.UnOp:
		_, global := v.X.(*ssa.Global)
		return global && v.Op == token.MUL
	case *ssa.MakeInterface:
		return true
	}
	return false
}
