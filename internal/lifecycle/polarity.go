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
	ok := e.returnsWith(fn, p, nil, func(v ssa.Value, n nilness, _ bool) bool {
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
	return e.returnsWith(fn, p, nil, func(v ssa.Value, n nilness, _ bool) bool {
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

// errAccumulator reports the field of fn's receiver, a pointer to a
// struct, that accumulates fn's error parameter p: fn stores into it only
// values other than nil, on every path where p is not nil before it
// returns it (or p, or a new error), and returns it or nil where p is nil
// (gorm's AddError). Where the field was empty on entry, fn's result is
// nil exactly when p is.
func (e *engine) errAccumulator(fn *ssa.Function, p *ssa.Parameter) (int, bool) {
	if fn.Signature.Recv() == nil || len(fn.Params) == 0 {
		return 0, false
	}
	recv := fn.Params[0]
	field := -1
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			st, ok := instr.(*ssa.Store)
			if !ok {
				continue
			}
			fa, ok := st.Addr.(*ssa.FieldAddr)
			if !ok || fa.X != recv || !isError(st.Val.Type()) {
				continue
			}
			if isNil(st.Val) || field >= 0 && fa.Field != field {
				return 0, false // the field is reset, or two fields are kept
			}
			field = fa.Field
		}
	}
	if field < 0 {
		return 0, false
	}
	isField := func(v ssa.Value) bool {
		fa, ok := fieldLoad(v)
		return ok && fa.X == recv && fa.Field == field
	}
	loads := false
	stores := func(st *ssa.Store) bool {
		fa, ok := st.Addr.(*ssa.FieldAddr)
		return ok && fa.X == recv && fa.Field == field
	}
	ok := e.returnsWith(fn, p, stores,
		func(v ssa.Value, n nilness, stored bool) bool {
			switch {
			case isField(v):
				loads = true
				return n == isNilErr || n == nonNil && stored
			case v == p:
				return true
			case n == isNilErr:
				return isNil(v)
			case n == nonNil:
				return !isNil(v)
			}
			return false
		})
	return field, ok && loads
}

// fieldLoad returns the field address v loads from, if v is a load of a
// struct field through a pointer.
func fieldLoad(v ssa.Value) (*ssa.FieldAddr, bool) {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil, false
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	return fa, ok
}

// sameVar reports whether a and b are the same value of fn, or loads of
// one local variable that fn stores once (a parameter a closure captures).
func sameVar(fn *ssa.Function, a, b ssa.Value) bool {
	if a == b {
		return true
	}
	la, ok1 := a.(*ssa.UnOp)
	lb, ok2 := b.(*ssa.UnOp)
	if !ok1 || !ok2 || la.Op != token.MUL || lb.Op != token.MUL || la.X != lb.X || !isCell(fn, la.X) {
		return false
	}
	stores := 0
	for _, r := range *la.X.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr == la.X {
				stores++
			}
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return false
			}
		case *ssa.MakeClosure:
			for k, bound := range r.Bindings {
				if bound != la.X {
					continue
				}
				for _, fr := range *r.Fn.(*ssa.Function).FreeVars[k].Referrers() {
					if st, ok := fr.(*ssa.Store); ok && st.Addr == r.Fn.(*ssa.Function).FreeVars[k] {
						return false // the closure assigns it
					}
				}
			}
		default:
			return false // its address taken: another function may store it
		}
	}
	return stores == 1
}

// accumulatesErr reports whether call's result stands for its argument
// i, an error, in fn: the callee accumulates the error in a field of its
// receiver (Summary.Accumulates), and fn compares that field of the same
// receiver with nil, so that it knows the field empty where it reads
// c.Add(err) == nil as err == nil (where it has not, a result that is not
// nil can be an earlier error, and the resource open).
func (e *engine) accumulatesErr(fn *ssa.Function, call *ssa.Call, i int) bool {
	callee, _ := e.staticCallee(&call.Call)
	if callee == nil || call.Call.IsInvoke() {
		return false
	}
	s := e.summary(callee)
	if s == nil {
		return false
	}
	for _, a := range s.Accumulates {
		if a.Param == i && comparesField(fn, call.Call.Args[0], a.Field) {
			return true
		}
	}
	return false
}

// comparesField reports whether fn compares field f of x with nil.
func comparesField(fn *ssa.Function, x ssa.Value, f int) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(*ssa.BinOp)
			if !ok || c.Op != token.EQL && c.Op != token.NEQ {
				continue
			}
			for _, pair := range [2][2]ssa.Value{{c.X, c.Y}, {c.Y, c.X}} {
				if fa, ok := fieldLoad(pair[0]); ok && sameVar(fn, fa.X, x) && fa.Field == f && isNil(pair[1]) {
					return true
				}
			}
		}
	}
	return false
}

// returnsWith calls visit with each value fn can return as its single
// result, the nilness of its error parameter p on the path to that return
// (a returned phi is resolved on each edge into its block), and whether
// the path went through a store that stores accepts (nil: none does). It
// reports false if fn has no return or visit returns false.
func (e *engine) returnsWith(fn *ssa.Function, p *ssa.Parameter, stores func(*ssa.Store) bool,
	visit func(v ssa.Value, n nilness, stored bool) bool) bool {
	type point struct {
		b      *ssa.BasicBlock
		n      nilness
		stored bool
	}
	seen := make(map[point]bool)
	var stack []point
	push := func(b *ssa.BasicBlock, n nilness, stored bool) {
		if !seen[point{b, n, stored}] {
			seen[point{b, n, stored}] = true
			stack = append(stack, point{b, n, stored})
		}
	}
	// storedIn reports whether b stores, before instruction upto if it is
	// one of b's (the value returned), or anywhere.
	storedIn := func(b *ssa.BasicBlock, upto ssa.Value) bool {
		if stores == nil {
			return false
		}
		for _, instr := range b.Instrs {
			if v, ok := instr.(ssa.Value); ok && v == upto {
				return false
			}
			if st, ok := instr.(*ssa.Store); ok && stores(st) {
				return true
			}
		}
		return false
	}
	// edge visits the phi that s returns, if any, on the edge from b.
	edge := func(b, s *ssa.BasicBlock, n nilness, stored bool) bool {
		ret, ok := s.Instrs[len(s.Instrs)-1].(*ssa.Return)
		if !ok || len(ret.Results) != 1 || !isPhiOf(ret.Results[0], s) {
			return true
		}
		phi := ret.Results[0].(*ssa.Phi)
		for i, pred := range s.Preds {
			if pred == b {
				return visit(phi.Edges[i], n, stored)
			}
		}
		return true
	}
	returns := 0
	push(fn.Blocks[0], unknownNil, false)
	for len(stack) > 0 {
		pt := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		b := pt.b
		switch last := b.Instrs[len(b.Instrs)-1].(type) {
		case *ssa.Return:
			returns++
			if v := last.Results[0]; !isPhiOf(v, b) && !visit(v, pt.n, pt.stored || storedIn(b, v)) {
				return false
			}
		case *ssa.If:
			stored := pt.stored || storedIn(b, nil)
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
				if !edge(b, s, next[k], stored) {
					return false
				}
				push(s, next[k], stored)
			}
		case *ssa.Jump:
			stored := pt.stored || storedIn(b, nil)
			if !edge(b, b.Succs[0], pt.n, stored) {
				return false
			}
			push(b.Succs[0], pt.n, stored)
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
