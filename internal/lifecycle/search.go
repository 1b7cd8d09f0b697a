package lifecycle

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A state is what a path knows about the resource besides where it is.
type state uint8

const (
	deferred     state = 1 << iota // a deferred call releases the resource
	deferredCell                   // a deferred closure releases what its variable holds at exit
	inCell                         // the resource's variable still holds it
	stored                         // the path put the resource into a holder the function made
	again                          // the acquisition ran again: its direct aliases are another resource
	done                           // released: the path goes on only to see which returns it reaches
	deferredIf                     // a deferred closure releases it if an error variable says so at exit
)

// releasedAtExit reports whether an exit in state s releases the resource.
func (s state) releasedAtExit() bool {
	return s&deferred != 0 || s&(deferredCell|inCell) == deferredCell|inCell
}

// An outcome is what the path search found.
type outcome struct {
	exits       []*ssa.Return // returns reached with the resource unreleased
	iteration   bool          // the acquiring call was reached again with the resource held
	released    bool          // some path released it
	transferred bool          // some path handed it on
	// releasedAt lists the returns reached after a release, when the
	// search follows paths past releases (see paths).
	releasedAt []*ssa.Return
}

// search follows every path from the resource's start to the exits of its
// function and reports where it is lost. visit, if not nil, sees every
// instruction reached while the resource is held, and the state there.
//
// The rules (DESIGN.md, "What counts as released, transferred, or leaked"):
// a release or transfer ends a path well; a deferred release makes every
// later exit good; the edge on which the resource is nil (its error is
// non-nil, or it is compared to nil) and the edge on which Next returned
// false end a path; a panic, including a call that never returns (which
// SSA turns into one), ends it without a leak; a return ends it in a leak.
func (e *engine) search(tr *tracking, visit func(ssa.Instruction, state)) outcome {
	return e.paths(tr, visit, false)
}

// paths is search; with follow, paths go on past a release (a deferred
// one included), to list in releasedAt the returns they reach. What a
// path knows of conditions (fact) is part of its state: a function that
// tests many unrelated conditions could make their combinations many, so
// past a bound on the states the search starts again knowing none, as it
// would without them (the visitor sees the first run's instructions too;
// they lie on paths of the second).
func (e *engine) paths(tr *tracking, visit func(ssa.Instruction, state), follow bool) outcome {
	if out, ok := e.pathsWith(tr, visit, follow, e.atoms(tr.fn)); ok {
		return out
	}
	out, _ := e.pathsWith(tr, visit, follow, noAtoms)
	return out
}

// pathsWith is paths with the atoms ca; it reports false if it gave up at
// the bound on its states.
func (e *engine) pathsWith(tr *tracking, visit func(ssa.Instruction, state), follow bool, ca *condAtoms) (outcome, bool) {
	type point struct {
		b    *ssa.BasicBlock
		s    state
		f    fact
		pred *ssa.BasicBlock // only where b's if folds a phi (see foldCond)
	}
	type pos struct {
		b    *ssa.BasicBlock
		i    int
		s    state
		f    fact
		pred *ssa.BasicBlock // the block the path came from, for phis
	}
	var out outcome
	seen := make(map[point]bool)
	bound := stateBound(tr.fn)
	var stack []pos
	push := func(from, b *ssa.BasicBlock, s state, f fact) {
		f = ca.enter(f, b, from)
		pt := point{b, s, f, nil}
		if foldsPhi(b) {
			pt.pred = from
		}
		if !seen[pt] {
			seen[pt] = true
			stack = append(stack, pos{b, 0, s, f, from})
		}
		if len(seen) > bound {
			stack = nil // too many states: see paths
		}
	}

	var s0 state
	if tr.cell != nil {
		s0 |= inCell
	}
	if tr.start == nil {
		push(nil, tr.fn.Blocks[0], s0, fact{})
	} else {
		b := tr.start.Block()
		d, handed := e.deferredBefore(tr)
		if handed {
			out.transferred = true
			return out, true // a deferred closure registered before it may finish it
		}
		s0 |= d
		stack = append(stack, pos{b, indexOf(b, tr.start) + 1, s0, ca.seed(b), nil})
	}

	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		s, f := p.s, p.f
	path:
		for i := p.i; i < len(p.b.Instrs); i++ {
			instr := p.b.Instrs[i]
			if tr.start != nil && instr == tr.start {
				// Round a loop to the acquisition: a new resource replaces
				// this one in its variables, but not in a holder, where
				// keeping one per iteration is deliberate (a test that
				// holds three connections at once, statements prepared
				// for later): the path goes on.
				if s&stored == 0 {
					if !s.releasedAtExit() {
						out.iteration = true
					}
					break
				}
				s |= again
				continue
			}
			if _, phi := instr.(*ssa.Phi); !phi {
				f = ca.kill(f, instr) // a phi's facts come with the edge (see push)
			}
			if visit != nil {
				visit(instr, s)
			}
			if u, ok := tr.uses[instr]; ok && s&done != 0 {
				// Released already: only the returns matter.
			} else if ok && s&again != 0 && u.direct {
				if u.eff == effCellStore {
					s &^= inCell // the variable holds the new resource
				}
			} else if ok {
				switch {
				case u.eff == effHold:
					s |= stored
				case u.eff == effCellStore:
					s |= inCell
				case u.eff == effCellOverwrite:
					s &^= inCell
				case u.eff == effDeferCell:
					s |= deferredCell
				case u.eff == effDeferIf:
					s |= deferredIf
				case u.viaCell && s&inCell == 0:
					// The variable no longer holds this resource.
				case u.eff == effRelease:
					out.released = true
					if !follow {
						break path
					}
					s |= done
				case u.eff == effTransfer:
					out.transferred = true
					break path
				case u.eff == effDefer:
					s |= deferred
				}
			}
			switch instr := instr.(type) {
			case *ssa.Return:
				switch {
				case s&done != 0:
					out.releasedAt = append(out.releasedAt, instr)
				case s.releasedAtExit() || s&deferredIf != 0 && e.deferIfReleases(tr, instr, s):
					out.released = true
					if follow {
						out.releasedAt = append(out.releasedAt, instr)
					}
				default:
					out.exits = append(out.exits, instr)
				}
			case *ssa.Panic:
				// A panic, or a call that never returns: not a leak.
			case *ssa.Call:
				if ends, rel := e.endsPath(tr, instr); ends {
					if rel && s&done == 0 {
						out.released = true
						if follow {
							s |= done
							continue
						}
					}
					break path
				}
			case *ssa.If:
				allowed, next := ca.test(f, instr.Cond)
				if v, ok := foldCond(instr.Cond, p.b, p.pred); ok {
					allowed[0], allowed[1] = allowed[0] && v, allowed[1] && !v // for range 2: the loop runs
				} else if v, ok := e.foldNilErr(instr.Cond); ok {
					allowed[0], allowed[1] = allowed[0] && v, allowed[1] && !v // err != nil after a call that never fails
				}
				gone, released := e.edges(tr, instr.Cond, p.b, p.pred, s&again != 0)
				for k, succ := range p.b.Succs {
					if !allowed[k] {
						continue // the path already found the condition the other way
					}
					switch {
					case s&done != 0:
						push(p.b, succ, s, next[k])
					case released[k] && follow:
						out.released = true
						push(p.b, succ, s|done, next[k])
					case released[k]:
						out.released = true
					case !gone[k]:
						push(p.b, succ, s, next[k])
					}
				}
			case *ssa.Jump:
				push(p.b, p.b.Succs[0], s, f)
			}
		}
	}
	return out, len(seen) <= bound
}

// stateBound bounds the states of a path search in fn: a few per block.
func stateBound(fn *ssa.Function) int {
	return 16*len(fn.Blocks) + 1024
}

// foldCond evaluates cond, tested at the end of block b entered from
// pred, when it compares constants: constants themselves (SSA keeps
// 0 < 2 of "for range 2"), or phis of b whose value on the edge from pred
// is a constant (i := 0 entering "i < 3").
func foldCond(cond ssa.Value, b, pred *ssa.BasicBlock) (value, ok bool) {
	c, isBin := cond.(*ssa.BinOp)
	if !isBin {
		return false, false
	}
	switch c.Op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
	default:
		return false, false
	}
	if v, ok := foldLen(c); ok {
		return v, true
	}
	x, y := constOn(c.X, b, pred), constOn(c.Y, b, pred)
	if x == nil || y == nil || x.Value == nil || y.Value == nil {
		return false, false
	}
	if x.Value.Kind() != y.Value.Kind() {
		return false, false
	}
	return constant.Compare(x.Value, c.Op, y.Value), true
}

// foldNilErr evaluates err == nil and err != nil where err is the error
// of a call whose callee returns nil on every return (see Summary.NilErr).
func (e *engine) foldNilErr(cond ssa.Value) (value, ok bool) {
	c, isBin := cond.(*ssa.BinOp)
	if !isBin || c.Op != token.EQL && c.Op != token.NEQ {
		return false, false
	}
	x, y := c.X, c.Y
	if isNil(x) {
		x, y = y, x
	}
	if !isNil(y) || !isError(x.Type()) || !e.alwaysNilErr(x, make(map[*ssa.Phi]bool)) {
		return false, false
	}
	return c.Op == token.EQL, true
}

// foldLen evaluates len(s) compared with 0 where s cannot be empty: it
// is the result of an append of at least one element, or a phi of such
// (names = append(names, "a"); if extra { names = append(names, "b") }).
func foldLen(c *ssa.BinOp) (value, ok bool) {
	call, ok := c.X.(*ssa.Call)
	if !ok || len(call.Call.Args) != 1 {
		return false, false
	}
	if bi, ok := call.Call.Value.(*ssa.Builtin); !ok || bi.Name() != "len" {
		return false, false
	}
	if k, ok := c.Y.(*ssa.Const); !ok || k.Value == nil || k.Value.Kind() != constant.Int || constant.Sign(k.Value) != 0 {
		return false, false
	}
	if !nonEmpty(call.Call.Args[0], make(map[*ssa.Phi]bool)) {
		return false, false
	}
	switch c.Op {
	case token.EQL, token.LEQ, token.LSS:
		return false, true // len(s) == 0, <= 0, < 0
	case token.NEQ, token.GTR:
		return true, true
	}
	return false, false
}

// nonEmpty reports whether slice v has at least one element on every
// path: an append of elements listed at the call, an append to such a
// slice, or a phi of such values.
func nonEmpty(v ssa.Value, seen map[*ssa.Phi]bool) bool {
	switch v := v.(type) {
	case *ssa.Phi:
		if seen[v] {
			return true // a loop back edge: the other edges decide
		}
		seen[v] = true
		for _, e := range v.Edges {
			if !nonEmpty(e, seen) {
				return false
			}
		}
		return len(v.Edges) > 0
	case *ssa.Call:
		bi, ok := v.Call.Value.(*ssa.Builtin)
		if !ok || bi.Name() != "append" || len(v.Call.Args) != 2 {
			return false
		}
		if nonEmpty(v.Call.Args[0], seen) {
			return true
		}
		// append(s, a, b) passes a slice of a new array of the elements.
		sl, ok := v.Call.Args[1].(*ssa.Slice)
		if !ok {
			return false
		}
		arr, ok := sl.X.(*ssa.Alloc)
		if !ok {
			return false
		}
		ptr, ok := arr.Type().Underlying().(*types.Pointer)
		if !ok {
			return false
		}
		a, ok := ptr.Elem().Underlying().(*types.Array)
		return ok && a.Len() > 0 && sl.Low == nil && sl.High == nil
	}
	return false
}

// foldsPhi reports whether b ends in an if that compares a phi of b,
// whose value depends on the edge b was entered by.
func foldsPhi(b *ssa.BasicBlock) bool {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return false
	}
	c, ok := iff.Cond.(*ssa.BinOp)
	if !ok {
		return false
	}
	for _, v := range []ssa.Value{c.X, c.Y} {
		if phi, ok := v.(*ssa.Phi); ok && phi.Block() == b {
			return true
		}
	}
	return false
}

// constOn returns v as a constant on a path that entered b from pred:
// a constant, or a phi of b whose edge from pred is one.
func constOn(v ssa.Value, b, pred *ssa.BasicBlock) *ssa.Const {
	switch v := v.(type) {
	case *ssa.Const:
		return v
	case *ssa.Phi:
		if pred == nil || v.Block() != b {
			return nil
		}
		for i, p := range b.Preds {
			if p == pred {
				c, _ := v.Edges[i].(*ssa.Const)
				return c
			}
		}
	}
	return nil
}

// failed lists the calls that fail a test and let it go on: t.Error,
// t.Errorf, t.Fail. Past one on the edge where the acquisition's error
// was found nil, the test expected the call to fail (see
// expectedFailure), and a leak is not the finding that matters.
var failed = map[string]bool{
	"(*testing.common).Error":  true,
	"(*testing.common).Errorf": true,
	"(*testing.common).Fail":   true,
}

// errAsserted lists testify's assertions that stop the test unless their
// error argument (the second, after t or the receiver) is non-nil: past
// them the resource beside that error is nil.
var errAsserted = map[string]bool{
	"github.com/stretchr/testify/require.Error":          true,
	"github.com/stretchr/testify/require.Errorf":         true,
	"github.com/stretchr/testify/require.ErrorIs":        true,
	"github.com/stretchr/testify/require.ErrorIsf":       true,
	"github.com/stretchr/testify/require.ErrorAs":        true,
	"github.com/stretchr/testify/require.ErrorAsf":       true,
	"github.com/stretchr/testify/require.ErrorContains":  true,
	"github.com/stretchr/testify/require.ErrorContainsf": true,
	"github.com/stretchr/testify/require.EqualError":     true,
	"github.com/stretchr/testify/require.EqualErrorf":    true,

	"(*github.com/stretchr/testify/require.Assertions).Error":          true,
	"(*github.com/stretchr/testify/require.Assertions).Errorf":         true,
	"(*github.com/stretchr/testify/require.Assertions).ErrorIs":        true,
	"(*github.com/stretchr/testify/require.Assertions).ErrorIsf":       true,
	"(*github.com/stretchr/testify/require.Assertions).ErrorAs":        true,
	"(*github.com/stretchr/testify/require.Assertions).ErrorAsf":       true,
	"(*github.com/stretchr/testify/require.Assertions).ErrorContains":  true,
	"(*github.com/stretchr/testify/require.Assertions).ErrorContainsf": true,
	"(*github.com/stretchr/testify/require.Assertions).EqualError":     true,
	"(*github.com/stretchr/testify/require.Assertions).EqualErrorf":    true,
}

// endsPath reports whether call c ends the path without a leak, and
// whether because the resource is released past it: a failed test; an
// assertion that stops the test unless the resource's error is not nil
// (no resource); one that stops it unless a helper's error says it
// released the resource (require.NoError(t, ScanSlice(rows, &v)) for a
// helper that returns nil only after Next found no more rows); testify's
// False on the resource's Next (false: closed; true: a failed test).
func (e *engine) endsPath(tr *tracking, call *ssa.Call) (ends, released bool) {
	c := &call.Call
	if c.IsInvoke() && types.TypeString(c.Value.Type(), nil) == "testing.TB" {
		// Through the testing.TB interface (a helper's own test type
		// embeds it): Fatal and Skip never return, Error fails the test.
		switch c.Method.Name() {
		case "Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow":
			return true, false
		case "Error", "Errorf", "Fail":
			return e.expectedFailure(tr, call.Block()), false
		}
		return false, false
	}
	_, name := e.staticCallee(c)
	if len(c.Args) > 1 {
		arg := c.Args[1]
		for _, cv := range tr.conds {
			if cv.errs == nil || !cv.errs.has(arg) {
				continue
			}
			if cv.when == WhenErr && errAsserted[name] || cv.when == WhenNoErr && noErrAsserted[name] {
				return true, true
			}
		}
		if falseAsserted[name] {
			if call, ok := arg.(*ssa.Call); ok && e.autoReleaseCall(tr, &call.Call) {
				return true, true
			}
		}
	}
	if callee, _ := e.staticCallee(c); callee != nil {
		if s := e.summary(callee); s != nil {
			for _, i := range s.NonNil {
				if i >= len(c.Args) {
					continue
				}
				if tr.errs.has(c.Args[i]) {
					return true, false // mustFail(t, err): past it, an error and no resource
				}
				for _, cv := range tr.conds {
					if cv.when == WhenErr && cv.errs.has(c.Args[i]) {
						return true, true
					}
				}
			}
		}
	}
	return failed[name] && e.expectedFailure(tr, call.Block()) || errAsserted[name] && len(c.Args) > 1 && tr.errs.has(c.Args[1]), false
}

// expectedFailure reports whether b lies on the edge where the
// acquisition's error was found nil by the nearest if that decides b: a
// test that expected the call to fail (if err == nil { t.Error("want an
// error") }), where the resource exists only because the test failed. A
// t.Error elsewhere (an unexpected row) leaves the path going on: the
// test goes on with the resource, and leaks it.
func (e *engine) expectedFailure(tr *tracking, b *ssa.BasicBlock) bool {
	for d := b.Idom(); d != nil; d = d.Idom() {
		iff, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		side := edgeTo(d, b)
		if side < 0 {
			continue
		}
		switch c := iff.Cond.(type) {
		case *ssa.BinOp:
			if c.Op != token.EQL && c.Op != token.NEQ {
				return false
			}
			x, y, eq := comparison(c)
			if tr.errs.has(y) {
				x, y = y, x
			}
			if !tr.errs.has(x) {
				return false
			}
			// err == nil, or err == context.Canceled: the other edge is the
			// one where the call did not fail as the test expected.
			if isNil(y) {
				return side == eq
			}
			return side == 1-eq
		case *ssa.Call:
			// errors.Is(err, want) false: not the failure expected.
			_, name := e.staticCallee(&c.Call)
			return errTests[name] && len(c.Call.Args) > 0 && tr.errs.has(c.Call.Args[0]) && side == 1
		}
		return false
	}
	return false
}

// noErrAsserted lists testify's assertions that stop the test unless
// their error argument (after t) is nil.
var noErrAsserted = map[string]bool{
	"github.com/stretchr/testify/require.NoError":                true,
	"github.com/stretchr/testify/require.NoErrorf":               true,
	"(*github.com/stretchr/testify/require.Assertions).NoError":  true,
	"(*github.com/stretchr/testify/require.Assertions).NoErrorf": true,
}

// falseAsserted lists testify's assertions that a boolean is false:
// given Next, the rows are closed when it holds, and the test failed when
// it does not.
var falseAsserted = map[string]bool{
	"github.com/stretchr/testify/require.False":                true,
	"github.com/stretchr/testify/require.Falsef":               true,
	"github.com/stretchr/testify/assert.False":                 true,
	"github.com/stretchr/testify/assert.Falsef":                true,
	"(*github.com/stretchr/testify/require.Assertions).False":  true,
	"(*github.com/stretchr/testify/require.Assertions).Falsef": true,
	"(*github.com/stretchr/testify/assert.Assertions).False":   true,
	"(*github.com/stretchr/testify/assert.Assertions).Falsef":  true,
}

// deferredBefore looks at the deferred closures over the resource's
// variable registered on every path to the acquisition (var tx *sql.Tx;
// defer func() { … tx … }(); tx, err = db.Begin()). It returns
// deferredCell if one releases what the variable holds at exit, and
// handed if one does something else with it (rolls back only on error):
// then, as for a closure registered after, the engine stays silent.
func (e *engine) deferredBefore(tr *tracking) (s state, handed bool) {
	for instr, u := range tr.uses {
		if u.eff == effDefer && tr.scopeDefers[instr] && before(instr, tr.start) {
			// defer db.Close(), then db.Prepare(…); defer cancel(), then
			// db.BeginTx(ctx, …)
			s |= deferred
			continue
		}
		if _, ok := instr.(*ssa.Defer); !ok {
			continue
		}
		if u.eff != effDeferCell && u.eff != effTransfer && u.eff != effDeferIf {
			continue
		}
		if before(instr, tr.start) {
			switch u.eff {
			case effTransfer:
				handed = true
			case effDeferIf:
				s |= deferredIf
			default:
				s |= deferredCell
			}
		}
	}
	return s, handed
}

// deferIfReleases reports whether a deferred closure of tr that releases
// the resource as an error variable says (see deferIf) may release it
// at ret: unless the variable's value there is known to say no (a
// "return nil" before a closure that rolls back only on error), it may.
func (e *engine) deferIfReleases(tr *tracking, ret *ssa.Return, s state) bool {
	for _, d := range tr.deferIfs {
		if d.cell && s&inCell == 0 {
			continue // the variable no longer holds this resource
		}
		n := e.varNilness(d.errVar, ret)
		if d.when == WhenErr && n != isNilErr || d.when == WhenNoErr && n != nonNil {
			return true
		}
	}
	return false
}

// varNilness says whether the local variable cell is nil at instr: by the
// last store into it on the straight line before instr, or an if that
// tested it after that store.
func (e *engine) varNilness(cell ssa.Value, instr ssa.Instruction) nilness {
	if _, ok := cell.(*ssa.Alloc); !ok {
		return unknownNil
	}
	b, i := instr.Block(), indexOf(instr.Block(), instr)
	for range len(instr.Parent().Blocks) {
		for i--; i >= 0; i-- {
			st, ok := b.Instrs[i].(*ssa.Store)
			if !ok || st.Addr != cell {
				continue
			}
			if n := e.nilnessAt(st.Val, instr.Block()); n != unknownNil {
				return n
			}
			after := func(d *ssa.BasicBlock) bool { return st.Block() == d || st.Block().Dominates(d) }
			return testedNil(instr.Block(), func(v ssa.Value) bool { return cellOf(v) == cell }, after)
		}
		if len(b.Preds) != 1 {
			return unknownNil
		}
		b = b.Preds[0]
		i = len(b.Instrs)
	}
	return unknownNil
}

// before reports whether every path to b runs a first: a comes earlier
// in the same block, or its block dominates b's.
func before(a, b ssa.Instruction) bool {
	ab, bb := a.Block(), b.Block()
	if ab == bb {
		return indexOf(ab, a) < indexOf(bb, b)
	}
	return ab.Dominates(bb)
}

// edgeTo returns the successor of d (a block ending in an if) that every
// path from d to b takes: one whose only predecessor is d and that
// dominates b. It returns -1 if neither is.
func edgeTo(d, b *ssa.BasicBlock) int {
	for k, succ := range d.Succs {
		if len(succ.Preds) == 1 && succ.Dominates(b) {
			return k
		}
	}
	return -1
}

// indexOf returns the index of instr in b.
func indexOf(b *ssa.BasicBlock, instr ssa.Instruction) int {
	for i, x := range b.Instrs {
		if x == instr {
			return i
		}
	}
	return -1
}
