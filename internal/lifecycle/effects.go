package lifecycle

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// effectOf returns what instr, a referrer of alias v, does to the resource.
// Anything it cannot explain is a transfer: leaklint stays silent rather
// than guess.
func (e *engine) effectOf(tr *tracking, instr ssa.Instruction, v ssa.Value) effect {
	switch instr := instr.(type) {
	case *ssa.DebugRef, *ssa.BinOp, *ssa.If, *ssa.Panic, *ssa.UnOp, *ssa.Index, *ssa.IndexAddr,
		*ssa.Lookup, *ssa.Slice, *ssa.Range, *ssa.Next, *ssa.Field, *ssa.FieldAddr, *ssa.Extract:
		return effNone // reads, nil comparisons (see edges), a type assertion's ok, and panics that end the path
	case *ssa.Store:
		if instr.Val != v {
			return effNone // a store into an owned field: the resource is only read
		}
		if isCell(tr.fn, instr.Addr) {
			return effCellStore
		}
		return effTransfer // into a field, global, slice element or captured variable
	case *ssa.Call:
		return e.callEffect(tr, instr, &instr.Call, v)
	case *ssa.Defer:
		switch e.callEffect(tr, instr, &instr.Call, v) {
		case effRelease:
			return effDefer
		case effNone:
			return effNone
		}
		return effTransfer
	case *ssa.MakeClosure:
		e.closureUses(tr, instr, v, tr.aliases[v], false)
		return effNone
	case *ssa.MapUpdate:
		if instr.Map == v && instr.Value != v {
			return effNone // another entry put into a map that holds the resource
		}
	case *ssa.Return:
		if e.besideError(tr, instr) {
			return effNone // return rows, err: a caller that checks err drops the rows
		}
	}
	// Return, Go, Send, MapUpdate, Select, and anything new: the resource
	// leaves this function's hands.
	return effTransfer
}

// besideError reports whether ret returns, as its last result, an error
// known not to be nil that is not the acquisition's own: whatever else it
// returns, a caller that checks the error ignores.
func (e *engine) besideError(tr *tracking, ret *ssa.Return) bool {
	n := len(ret.Results)
	if n < 2 || !isError(ret.Results[n-1].Type()) || tr.hasAlias(ret.Results[n-1]) {
		return false
	}
	errv := ret.Results[n-1]
	return !tr.errs.has(errv) && e.nilnessAt(errv, ret.Block()) == nonNil
}

// isCell reports whether addr is a local variable of fn (an Alloc that
// SSA did not lift, because a closure captures it or its address is taken).
func isCell(fn *ssa.Function, addr ssa.Value) bool {
	a, ok := addr.(*ssa.Alloc)
	return ok && a.Parent() == fn
}

// callEffect returns the effect of a call that has alias v as its receiver
// or argument.
func (e *engine) callEffect(tr *tracking, instr ssa.Instruction, c *ssa.CallCommon, v ssa.Value) effect {
	if c.IsInvoke() {
		if c.Value != v {
			return effTransfer // passed to an interface method we cannot see
		}
		if tr.kind.releasesByName(e.table, c.Method.Name()) {
			return effRelease
		}
		if mi, ok := v.(*ssa.MakeInterface); ok && e.kindOf(mi.X.Type()) != tr.kind {
			// A type of the program's own around the resource, put in an
			// interface here ((*sqlConn)(conn), wrapConn{conn}): its method
			// is known, and does what its fact says with the receiver.
			if fn := e.prog.LookupMethod(mi.X.Type(), c.Method.Pkg(), c.Method.Name()); fn != nil {
				s := e.summary(fn)
				held := s != nil && slices.ContainsFunc(s.Held, func(h Hold) bool { return h.Param == 0 })
				switch {
				case s.param(0) == Releases:
					return effRelease
				case s.param(0) == Borrows && !held:
					return effNone
				}
				return effTransfer // kept in its result, or handed on
			}
		}
		if e.ownInterface(c.Value.Type()) && e.implementationKeeps(c) {
			return effTransfer // a Connection's Query that returns rows owning the connection
		}
		return effNone // another method of the resource (Next: see edges): it only uses it
	}
	callee := c.StaticCallee()
	if callee == nil {
		if b, ok := c.Value.(*ssa.Builtin); ok {
			switch b.Name() {
			case "append", "copy":
				return effTransfer
			}
			return effNone // len, print, …
		}
		return effTransfer // a function value we cannot see
	}
	if o := callee.Origin(); o != nil {
		callee = o
	}
	if fn, ok := callee.Object().(*types.Func); ok && len(c.Args) > 0 && c.Args[0] == v {
		name := e.funcName(fn)
		if e.release[name] {
			return effRelease
		}
		if tr.aliases[v]&part != 0 && fn.Signature().Recv() != nil {
			if fn.Name() == "Hijack" {
				return effTransfer // the part taken out of the connection's hands
			}
			return effNone // the part's own methods use the connection
		}
		if fn.Exported() && e.isKindMethod(fn) {
			return effNone // Scan, Next, Err, Exec …: the resource's own methods use it
		}
	}
	if e.autoReleaseCall(tr, c) {
		// Next, or a wrapper of it: its false result closes the rows, on the
		// edge of an if that tests it (see edges). A result that is not
		// tested (return rows.Next(), nil) leaves them open when true.
		return effNone
	}
	if callee.Pkg != nil && readOnly[callee.Pkg.Pkg.Path()] || readOnlyFuncs[e.staticName(c)] {
		return effNone // a function that only reads what it is given
	}
	s := e.summary(callee)
	eff := effNone
	for i, a := range c.Args {
		if a != v {
			continue
		}
		switch {
		case s.param(i) == Releases && e.releasesKind(c, i, tr.kind), tr.kind.Read && s != nil && slices.Contains(s.Reads, i):
			eff = max(eff, effRelease)
		case s.param(i) == Borrows, s.param(i) == Releases:
			// Borrowed; or released only as a single row, which the
			// resource is not: its Scan only reads rows.
		case s.param(i) == Conditional && isCall(instr):
			// Released as a result says: see edges.
			for _, cond := range s.condOf(i) {
				tr.pending = append(tr.pending, pendingCond{instr.(*ssa.Call), cond})
			}
		case s.param(i) == Partial && isCall(instr):
			tr.partial = callee.Name() // the caller still owns it
		default:
			eff = max(eff, effTransfer)
		}
	}
	return eff
}

// readOnly lists packages whose functions and methods, given a resource
// (usually as an interface or in variadic arguments), only read it: they
// neither release it, nor keep it, nor return it, so the caller still
// owns it. They have no facts (they use no database library), and
// without this table a call of them would be a transfer, hiding the
// caller's leak (require.NotNil(t, rows), fmt.Println(db)).
var readOnly = map[string]bool{
	"fmt":      true, // printing calls String or Error at most
	"log":      true,
	"log/slog": true,
	"errors":   true,
	"strings":  true,
	"strconv":  true,
	"time":     true,
	"testing":  true, // t.Log, t.Errorf with the resource as an argument

	"github.com/stretchr/testify/assert":  true, // NotNil, Equal: assertions read their arguments
	"github.com/stretchr/testify/require": true,
}

// readOnlyFuncs lists functions of packages that also hand on what they
// are given (slices.Clone, maps.Copy, reflect's Append) that only read it.
var readOnlyFuncs = map[string]bool{
	"slices.Contains":     true,
	"slices.ContainsFunc": true,
	"slices.Index":        true,
	"slices.IndexFunc":    true,
	"slices.Equal":        true,
	"slices.Sort":         true,
	"slices.SortFunc":     true,
	"sort.Slice":          true,
	"sort.SliceStable":    true,
	"sort.Sort":           true,
	"sort.Stable":         true,
	"reflect.TypeOf":      true,
	"reflect.DeepEqual":   true,
	// ValueOf wraps its argument in a Value that leaklint does not follow:
	// a method called by reflection on it (sqlboiler's eager loading with
	// the executor) is taken to borrow it.
	"reflect.ValueOf": true,
}

// staticName returns the canonical name of c's static callee, or "".
func (e *engine) staticName(c *ssa.CallCommon) string {
	_, name := e.staticCallee(c)
	return name
}

// isCall reports whether instr is a call, not a defer or go statement.
func isCall(instr ssa.Instruction) bool {
	_, ok := instr.(*ssa.Call)
	return ok
}

// releasesKind reports whether a function that releases its parameter i
// releases a resource of kind k passed there: a parameter of a kind read
// by Scan (pgx.Row) releases only such kinds, not rows passed as a row.
func (e *engine) releasesKind(c *ssa.CallCommon, i int, k *Kind) bool {
	params := c.Signature().Params()
	j := i
	if c.Signature().Recv() != nil {
		j--
	}
	if j < 0 || j >= params.Len() {
		return true
	}
	pk := e.kindOf(params.At(j).Type())
	return pk == nil || !pk.Read || k.Read
}

// isKindMethod reports whether fn is a method of a tracked kind's type.
func (e *engine) isKindMethod(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	if recv == nil {
		return false
	}
	t := recv.Type()
	if e.kindOf(t) != nil {
		return true
	}
	if p, ok := t.(*types.Pointer); ok {
		return e.kindOf(p.Elem()) != nil
	}
	return e.kindOf(types.NewPointer(t)) != nil
}

// closureUses records the effect of the calls of closure mc, which
// captures the resource: v is an alias a, or (cell) a variable holding
// one, the function's own or one it captured itself.
func (e *engine) closureUses(tr *tracking, mc *ssa.MakeClosure, v ssa.Value, a alias, cell bool) {
	fate := effNone
	var cond *deferIf
	for k, b := range mc.Bindings {
		if b == v {
			f, cc := e.freeVarFate(tr.kind, mc.Fn.(*ssa.Function), k, cell, a&^viaCell)
			fate = max(fate, f)
			if cc != nil {
				cond = &deferIf{errVar: mc.Bindings[cc.freeVar], when: cc.when, cell: cell}
			}
		}
	}
	for _, instr := range *mc.Referrers() {
		u := use{viaCell: cell || a&viaCell != 0, direct: a.direct()}
		switch instr := instr.(type) {
		case *ssa.DebugRef:
			continue
		case *ssa.Call:
			u.eff = fate
			if instr.Call.Value != mc && fate == effRelease && isCleanup(&instr.Call, mc) {
				// t.Cleanup(func() { db.Close() }): it runs when the test
				// ends, after the function returns, as a defer would; the
				// resource is the test's, not a caller's (kept).
				tr.escapes, tr.kept = true, true
				u.eff = effDefer
				if cell {
					u.eff = effDeferCell
				}
				tr.addUse(instr, u)
				continue
			}
			if instr.Call.Value != mc {
				tr.escapes = true
				u.eff = effTransfer // the closure is passed on
				if fate == effNone {
					continue // it only reads the resource, whoever calls it
				}
			}
		case *ssa.Defer:
			if instr.Call.Value != mc {
				tr.escapes = true // deferred as an argument: runs later, with the resource
			}
			switch {
			case instr.Call.Value == mc && fate == effTransfer && cond != nil:
				// It releases as its captured error says at exit.
				u.eff = effDeferIf
				tr.deferIfs = append(tr.deferIfs, cond)
			case instr.Call.Value != mc && fate == effNone:
				continue
			case instr.Call.Value != mc || fate == effTransfer:
				u.eff = effTransfer
			case fate == effRelease && cell:
				u = use{eff: effDeferCell, direct: a.direct()}
			case fate == effRelease:
				u.eff = effDefer
			default:
				continue
			}
		case *ssa.Go:
			tr.escapes = true
			u.eff = effTransfer // a goroutine owns what it captures (DESIGN.md)
		default:
			tr.escapes = true // stored, sent or returned
			if fate == effNone {
				continue
			}
			u.eff = effTransfer
		}
		if u.eff == effTransfer {
			tr.kept = true // the closure, and so the resource, goes elsewhere
		}
		tr.addUse(instr, u)
	}
}

// releasesByName reports whether a method called name, invoked through an
// interface, releases a resource of kind k.
func (k *Kind) releasesByName(t *table, name string) bool {
	for _, n := range k.releaseNames(t) {
		if n == name {
			return true
		}
	}
	return false
}

// edges returns, for the two successors of an If on cond, whether the
// resource is gone there, and whether it is gone because it was released
// (Next returned false) rather than because it is nil. After the
// acquisition ran again (renewed), what its error and its direct aliases
// say is of another resource: only holders speak of this one. The If ends
// block b, which the path entered from pred (nil: unknown); a phi of b
// compared there is the value of that edge.
func (e *engine) edges(tr *tracking, cond ssa.Value, b, pred *ssa.BasicBlock, renewed bool) (gone, released [2]bool) {
	if v, ok := e.knownCond(tr, cond); ok {
		// The acquisition ran only where cond has this value (own := tx == nil;
		// if own { tx, err = db.Begin() } … if own { tx.Commit() }).
		if v {
			gone[1] = true
		} else {
			gone[0] = true
		}
		return gone, released
	}
	if tr.elemReleased && e.loopOverHolder(tr, cond) {
		// The loop over a collection that holds the resource, and releases
		// its elements, is done: it went through every one.
		gone[1], released[1] = true, true
		return gone, released
	}
	if renewed {
		return gone, released
	}
	if g, ok := e.condEdges(tr, cond); ok {
		return g, g
	}
	switch c := cond.(type) {
	case *ssa.UnOp:
		if c.Op == token.NOT {
			g, r := e.edges(tr, c.X, b, nil, renewed) // pred: only a phi compared by the If itself (foldsPhi)
			return [2]bool{g[1], g[0]}, [2]bool{r[1], r[0]}
		}
	case *ssa.BinOp:
		if c.Op != token.EQL && c.Op != token.NEQ {
			break
		}
		x, y, eq := comparison(c)
		if !tr.errs.has(x) && !tr.hasAlias(x) {
			// rows, err = db.Query(…) in both arms of an if, one check after
			// them: on the edge from this acquisition's arm, the err phi
			// is its error, wherever else the other arm's (in a loop, the
			// other arm is reachable from this one: allErrs cannot say).
			x = edgeValue(x, b, pred)
		}
		switch {
		case !isNil(y) && (tr.errs.has(x) || tr.errs.has(y)):
			gone[eq] = true // err == sql.ErrNoRows: the error is not nil
		case !isNil(y):
		case e.methodCall(tr, x, tr.kind.ErrRelease):
			gone[1-eq], released[1-eq] = true, true // a failed pgx Scan closed the rows
		case tr.errs.has(x) || e.methodCall(tr, x, tr.kind.ErrNil):
			gone[1-eq] = true // an error beside the resource: no resource
		case tr.hasAlias(x):
			gone[eq] = true // the resource itself is nil
		}
	case *ssa.Phi:
		if e.nextPhi(tr, c, nil) {
			gone[1], released[1] = true, true // hasNext = rows.Next() in a loop: false, closed
		}
	case *ssa.Call:
		if e.autoReleaseCall(tr, &c.Call) {
			gone[1], released[1] = true, true // Next returned false: closed
			break
		}
		gone = e.errCall(tr.errs, &c.Call) // errors.Is(err, …) true, ok(w, err) false: an error, no resource
	case *ssa.Extract:
		if ta, ok := c.Tuple.(*ssa.TypeAssert); ok && c.Index == 1 && tr.errs.has(ta.X) {
			gone[0] = true // err.(*pq.Error) succeeded: an error, no resource
		}
	}
	return gone, released
}

// condEdges returns the successors of an if on cond on which a helper
// released the resource, as the result it returned says (see Cond).
func (e *engine) condEdges(tr *tracking, cond ssa.Value) (rel [2]bool, ok bool) {
	for _, cv := range tr.conds {
		if cv.val != nil {
			// A boolean result: tested itself, or compared to a constant
			// (found == false).
			truth := [2]bool{cv.when == WhenTrue, cv.when == WhenFalse}
			if cond == cv.val {
				return truth, true
			}
			if c, isBin := cond.(*ssa.BinOp); isBin && (c.Op == token.EQL || c.Op == token.NEQ) {
				x, y := c.X, c.Y
				if y == cv.val {
					x, y = y, x
				}
				k, isConst := y.(*ssa.Const)
				if x == cv.val && isConst && k.Value != nil && k.Value.Kind() == constant.Bool {
					// x == true is x; x == false and x != true are !x.
					if constant.BoolVal(k.Value) != (c.Op == token.EQL) {
						truth[0], truth[1] = truth[1], truth[0]
					}
					return truth, true
				}
			}
			continue
		}
		var errEdges [2]bool // the successors on which cv's error is not nil
		switch c := cond.(type) {
		case *ssa.BinOp:
			if c.Op != token.EQL && c.Op != token.NEQ {
				continue
			}
			x, y, eq := comparison(c)
			switch {
			case !cv.errs.has(x) && !cv.errs.has(y):
				continue
			case isNil(y):
				errEdges[1-eq] = true
			default:
				errEdges[eq] = true // err == sql.ErrNoRows
			}
		case *ssa.Call:
			if errEdges = e.errCall(cv.errs, &c.Call); errEdges == [2]bool{} {
				continue
			}
		default:
			continue
		}
		switch cv.when {
		case WhenErr:
			return errEdges, true
		case WhenNoErr:
			if errEdges[0] != errEdges[1] {
				return [2]bool{!errEdges[0], !errEdges[1]}, true
			}
		}
	}
	return rel, false
}

// nextPhi reports whether every value phi merges is a call of the
// resource's Next (or of a wrapper), or another such phi.
func (e *engine) nextPhi(tr *tracking, phi *ssa.Phi, seen map[*ssa.Phi]bool) bool {
	if seen[phi] {
		return true
	}
	if seen == nil {
		seen = make(map[*ssa.Phi]bool)
	}
	seen[phi] = true
	for _, v := range phi.Edges {
		switch v := v.(type) {
		case *ssa.Call:
			if !e.autoReleaseCall(tr, &v.Call) {
				return false
			}
		case *ssa.Phi:
			if !e.nextPhi(tr, v, seen) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// loopOverHolder reports whether cond is the test of a loop over a
// collection that holds the resource: i < len(list) over a slice, or the
// ok of a range over a map.
func (e *engine) loopOverHolder(tr *tracking, cond ssa.Value) bool {
	switch c := cond.(type) {
	case *ssa.BinOp:
		if c.Op != token.LSS {
			return false
		}
		n, ok := c.Y.(*ssa.Call)
		if !ok || len(n.Call.Args) != 1 {
			return false
		}
		if b, ok := n.Call.Value.(*ssa.Builtin); !ok || b.Name() != "len" {
			return false
		}
		return tr.aliases[n.Call.Args[0]]&holds != 0
	case *ssa.Extract:
		next, ok := c.Tuple.(*ssa.Next)
		return ok && c.Index == 0 && tr.aliases[next]&holds != 0
	}
	return false
}

// comparison returns the operands of c, an == or != comparison, with a
// nil constant second, and eq, the successor of an if on c taken when the
// operands are equal.
func comparison(c *ssa.BinOp) (x, y ssa.Value, eq int) {
	if c.Op == token.NEQ {
		eq = 1
	}
	x, y = c.X, c.Y
	if isNil(x) {
		x, y = y, x
	}
	return x, y, eq
}

// edgeValue returns v on a path that entered b from pred: the edge's value
// if v is a phi of b; for a load of a local variable in b that no store
// in b precedes, the value that the last store on the way in left there
// (a named error result, kept in memory because of a defer, assigned in
// both arms of an if); v itself otherwise.
func edgeValue(v ssa.Value, b, pred *ssa.BasicBlock) ssa.Value {
	if pred == nil {
		return v
	}
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL && load.Block() == b {
		if stored := storedOnEdge(load, b, pred); stored != nil {
			return stored
		}
		return v
	}
	phi, ok := v.(*ssa.Phi)
	if !ok || phi.Block() != b {
		return v
	}
	for i, p := range b.Preds {
		if p == pred {
			return phi.Edges[i]
		}
	}
	return v
}

// hasAlias reports whether v is the resource.
func (tr *tracking) hasAlias(v ssa.Value) bool {
	_, ok := tr.aliases[v]
	return ok
}

// isNil reports whether v is the constant nil.
func isNil(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.IsNil()
}

// autoReleaseCall reports whether c is a call of the resource's Next, or
// of a function whose fact says its false result releases the resource.
func (e *engine) autoReleaseCall(tr *tracking, c *ssa.CallCommon) bool {
	if c.IsInvoke() {
		return tr.hasAlias(c.Value) && slices.Contains(tr.kind.autoNames(e.table), c.Method.Name())
	}
	callee, name := e.staticCallee(c)
	if callee == nil || len(c.Args) == 0 {
		return false
	}
	if e.auto[name] {
		return tr.hasAlias(c.Args[0])
	}
	for _, i := range e.summary(callee).nextParams() {
		if i < len(c.Args) && tr.hasAlias(c.Args[i]) {
			return true
		}
	}
	return false
}

// methodCall reports whether v is the result of a call, on the resource,
// of one of the methods named in canonical (through an interface, by
// name).
func (e *engine) methodCall(tr *tracking, v ssa.Value, canonical []string) bool {
	if x, ok := v.(*ssa.Extract); ok && x.Index == x.Tuple.Type().(*types.Tuple).Len()-1 {
		v = x.Tuple // the error of values, err := rows.Values()
	}
	call, ok := v.(*ssa.Call)
	if !ok || len(canonical) == 0 {
		return false
	}
	c := &call.Call
	if c.IsInvoke() {
		return tr.hasAlias(c.Value) && slices.Contains(tr.kind.methodNames(canonical), c.Method.Name())
	}
	callee, name := e.staticCallee(c)
	return callee != nil && len(c.Args) > 0 && tr.hasAlias(c.Args[0]) && slices.Contains(canonical, name)
}

// isCleanup reports whether c registers closure mc with testing's
// Cleanup (t.Cleanup, b.Cleanup, tb.Cleanup through testing.TB): it runs
// once the test and its subtests end.
func isCleanup(c *ssa.CallCommon, mc *ssa.MakeClosure) bool {
	if len(c.Args) == 0 || c.Args[len(c.Args)-1] != mc {
		return false
	}
	var fn *types.Func
	if c.IsInvoke() {
		fn = c.Method
	} else if callee := c.StaticCallee(); callee != nil {
		fn, _ = callee.Object().(*types.Func)
	}
	return fn != nil && fn.Name() == "Cleanup" && fn.Pkg() != nil && fn.Pkg().Path() == "testing"
}

// storedOnEdge returns the value that load, of a local variable in block
// b, reads on a path that entered b from pred: the last store to the
// variable in pred, or in the blocks above it while each has one
// predecessor. It returns nil when a store in b comes first, when none is
// found, or when a call on the way may store through a closure that
// captures the variable.
func storedOnEdge(load *ssa.UnOp, b, pred *ssa.BasicBlock) ssa.Value {
	cell, ok := load.X.(*ssa.Alloc)
	if !ok || cell.Parent() != b.Parent() {
		return nil
	}
	captured := false
	for _, r := range referrers(cell) {
		if _, ok := r.(*ssa.MakeClosure); ok {
			captured = true
		}
	}
	mayStore := func(instr ssa.Instruction) bool {
		_, call := instr.(ssa.CallInstruction)
		return captured && call
	}
	for _, instr := range b.Instrs {
		if instr == load {
			break
		}
		if st, ok := instr.(*ssa.Store); ok && st.Addr == cell || mayStore(instr) {
			return nil
		}
	}
	for blk, depth := pred, 0; blk != nil && depth < 4; depth++ {
		for i := len(blk.Instrs) - 1; i >= 0; i-- {
			instr := blk.Instrs[i]
			if st, ok := instr.(*ssa.Store); ok && st.Addr == cell {
				return st.Val
			}
			if mayStore(instr) {
				return nil
			}
		}
		if len(blk.Preds) != 1 {
			return nil
		}
		blk = blk.Preds[0]
	}
	return nil
}

// ownInterface reports whether typ is a named interface declared outside
// the tracked libraries: the program's own, whose implementations the
// engine can read.
func (e *engine) ownInterface(typ types.Type) bool {
	n, ok := types.Unalias(typ).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || e.libraries[n.Obj().Pkg().Path()] {
		return false
	}
	_, ok = n.Underlying().(*types.Interface)
	return ok
}
