package lifecycle

import (
	"go/token"
	"go/types"

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
// the error and returns false). A path search records the nilness of p
// at each return of a constant, or of a value computed where p's nilness
// is known; any other return leaves both false.
func errPolarity(fn *ssa.Function, p *ssa.Parameter) (trueMeansErr, falseMeansErr bool) {
	type point struct {
		b *ssa.BasicBlock
		n nilness
	}
	var trues, falses []nilness
	seen := make(map[point]bool)
	var stack []point
	push := func(b *ssa.BasicBlock, n nilness) {
		if !seen[point{b, n}] {
			seen[point{b, n}] = true
			stack = append(stack, point{b, n})
		}
	}
	// record classifies v, returned (or flowing into a returned phi) where
	// p's nilness is n; it reports false if v says nothing usable.
	record := func(v ssa.Value, n nilness) bool {
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
		return false
	}
	push(fn.Blocks[0], unknownNil)
	for len(stack) > 0 {
		pt := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		b := pt.b
		switch last := b.Instrs[len(b.Instrs)-1].(type) {
		case *ssa.Return:
			v := last.Results[0]
			if phi, ok := v.(*ssa.Phi); ok && phi.Block() == b {
				continue // resolved on the edges into b, below
			}
			if !record(v, pt.n) {
				return false, false
			}
		case *ssa.If:
			next := [2]nilness{pt.n, pt.n}
			if c, ok := last.Cond.(*ssa.BinOp); ok && (c.X == p && isNil(c.Y) || c.Y == p && isNil(c.X)) {
				switch c.Op {
				case token.NEQ:
					next = [2]nilness{nonNil, isNilErr}
				case token.EQL:
					next = [2]nilness{isNilErr, nonNil}
				}
			}
			for k, s := range b.Succs {
				if !edgeToReturnedPhi(b, s, next[k], record) {
					return false, false
				}
				push(s, next[k])
			}
		case *ssa.Jump:
			if !edgeToReturnedPhi(b, b.Succs[0], pt.n, record) {
				return false, false
			}
			push(b.Succs[0], pt.n)
		}
	}
	all := func(list []nilness) bool {
		for _, n := range list {
			if n != nonNil {
				return false
			}
		}
		return len(list) > 0
	}
	return all(trues), all(falses)
}

// edgeToReturnedPhi records, for an edge from b into s where s returns a
// phi of its own, the phi's value on that edge; it reports false if that
// value says nothing usable.
func edgeToReturnedPhi(b, s *ssa.BasicBlock, n nilness, record func(ssa.Value, nilness) bool) bool {
	ret, ok := s.Instrs[len(s.Instrs)-1].(*ssa.Return)
	if !ok || len(ret.Results) != 1 {
		return true
	}
	phi, ok := ret.Results[0].(*ssa.Phi)
	if !ok || phi.Block() != s {
		return true
	}
	for i, pred := range s.Preds {
		if pred == b {
			return record(phi.Edges[i], n)
		}
	}
	return true
}

// errTests lists the functions, without facts of their own, whose true
// result means their error argument is not nil.
var errTests = map[string]bool{
	"errors.Is": true,
	"errors.As": true,
}

// errCall tells, for a call c whose bool result an if tests, which
// successor means that the error passed to it is not nil: 0 (true), 1
// (false), or -1 when nothing is known. A function with a fact says; one
// without is taken, by the naming convention errors.Is, IsNotFound and
// isRetryable share, to return true on an error.
func (e *engine) errCall(tr *tracking, c *ssa.CallCommon) int {
	for i, a := range c.Args {
		if !tr.errs[a] {
			continue
		}
		callee := c.StaticCallee()
		if callee == nil {
			return 0
		}
		if fn, ok := callee.Object().(*types.Func); ok && errTests[funcName(fn)] {
			return 0
		}
		if o := callee.Origin(); o != nil {
			callee = o
		}
		s := e.summary(callee)
		switch {
		case s == nil:
			return 0
		case containsInt(s.ErrTrue, i):
			return 0
		case containsInt(s.ErrFalse, i):
			return 1
		case callee.Pkg != nil && callee.Pkg.Pkg == e.pass.Pkg:
			return -1 // its body says neither
		}
		return 0
	}
	return -1
}
