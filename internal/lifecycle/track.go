package lifecycle

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// An engine analyzes one package.
type engine struct {
	*table
	pass      *analysis.Pass
	prog      *ssa.Program
	summaries map[*ssa.Function]*Summary
	acquired  map[*ssa.Function][]*tracking
	funcs     []*ssa.Function                            // the package's source functions
	onceFuncs map[*ssa.Function]bool                     // lazily, see livesForever
	loops     map[*ssa.Function]map[*ssa.BasicBlock]bool // see cyclic
	derived   map[string]*Kind                           // kinds made from facts, by type
	condAtoms map[*ssa.Function]*condAtoms               // see atoms
	implOwns  map[implKey]bool                           // see implementationOwns
	names     map[*types.Func]string                     // see funcName
	closes    map[ssa.Value][]*ssa.Call                  // see poolCloses
	never     map[*types.Func]bool                       // this package's functions that never return
	// computing, guessed, noGuess and summarized serve summary's guess
	// for recursive calls: the functions whose summary is being computed,
	// those a recursive call was given a guess of, those whose guess was
	// wrong, and the order in which summaries were completed.
	computing, guessed, noGuess map[*ssa.Function]bool
	summarized                  []*ssa.Function
	inProgress                  []*ssa.Function // the summaries being computed, outermost first
	syntax                      *syntax
}

// An effect is what one instruction does to a tracked resource.
type effect uint8

const (
	effNone          effect = iota
	effCellOverwrite        // another value is stored into the resource's variable
	effCellStore            // the resource is stored into a local variable
	effHold                 // the resource is stored into a holder the function made
	effTransfer             // ownership leaves the function
	effDeferCell            // a deferred closure releases whatever the variable holds at exit
	effDeferIf              // a deferred closure releases it if an error variable is (not) nil at exit
	effDefer                // a deferred call releases the resource
	effRelease              // the resource is released here
)

// A use is an effect, and how the instruction reaches the resource.
type use struct {
	eff     effect
	viaCell bool // through a load of a variable: holds only while the variable still holds it
	direct  bool // through the resource itself, not a holder: after the acquisition runs again, another resource
}

// An alias says how a value relates to the resource.
type alias uint8

const (
	viaCell alias = 1 << iota // reached through a load of a variable, valid while the variable holds the resource
	holds                     // a struct, array, slice or map that contains the resource (a holder)
	element                   // read out of a collection that holds it: the resource or one of its siblings
	part                      // the same connection seen as another type (conn.PgConn())
)

// direct reports whether a is the resource itself, reached without a holder.
func (a alias) direct() bool { return a&(holds|element) == 0 }

// A resource is a value to follow from a starting point to the exits of
// its function: an acquisition, or a parameter whose fate a fact records.
type resource struct {
	kind   *Kind
	fn     *ssa.Function
	start  *ssa.Call   // the acquiring call; nil for a parameter (tracked from entry)
	result int         // which result of start is the resource
	roots  []ssa.Value // the values that are the resource at the start
	// holderRoots are values that hold the resource at the start: a
	// result that a wrapper returns beside it (see Owned.Also).
	holderRoots []ssa.Value
	errVals     []ssa.Value // errors returned beside it: non-nil means no resource
	cell        ssa.Value   // a captured variable that holds the resource at the start
	// rootFlags say how the roots (or the cell's content) relate to the
	// resource: holds for a holder captured by a closure.
	rootFlags alias
	// maybeNil says that the acquiring wrapper may return the resource
	// nil with a nil error: a deferred release would dereference nil.
	maybeNil bool
	// scoped says that the resource was acquired on a transaction whose
	// end releases it (see Kind.Scopes): it is never reported itself.
	scoped bool
	// pool is the pool a statement was prepared on (see Kind.PoolScoped):
	// a call or a deferred call of its Close releases the statement too.
	pool ssa.Value
	// cancels are the cancel functions of the context it was acquired
	// with (see Kind.Cancels): a call or a deferred call of one releases it.
	cancels []ssa.Value
	// onConn says that it was opened on a dedicated connection (see
	// engine.onConn): holding it holds no connection of its own.
	onConn bool
}

// A tracking is a resource with its aliases and the effect of every
// instruction on it.
type tracking struct {
	*resource
	aliases map[ssa.Value]alias
	errs    *errSet // the acquisition's error: non-nil, there is no resource
	// conds are errors and booleans that say whether a helper released
	// the resource (see Cond).
	conds []*condValue
	// deferIfs are the deferred closures that release the resource as a
	// captured error says when they run (see effDeferIf).
	deferIfs []*deferIf
	// pending are the calls of helpers with a Cond for the resource,
	// turned into conds once the aliases are known.
	pending []pendingCond
	// partial names a helper, given the resource, that releases it on
	// some paths only: the message says it may leave it open.
	partial string
	cells   map[*ssa.Alloc]bool // local variables the resource (or a holder) is stored in
	uses    map[ssa.Instruction]use
	// fields are the struct fields that a holder of the function keeps
	// the resource (or an inner holder) in, with how the stored value
	// relates to it.
	fields map[fieldKey]alias
	// elems is how the values stored into collections relate to the
	// resource (the resource itself, or holders).
	elems alias
	// elemReleased says that an element read out of a holder is released:
	// a loop over the collection releases what it holds.
	elemReleased bool
	// kept says that the function hands the resource on other than by
	// returning it: then a caller that receives it does not own it.
	kept bool
	// scopeDefers are the deferred releases of what the resource lives
	// in: its pool's Close, its context's cancel (see resource.pool,
	// resource.cancels), which may be registered before it is acquired.
	scopeDefers map[ssa.Instruction]bool
	// escapes says that a closure that captures the resource outlives the
	// call (returned, stored, passed on, run by a goroutine), even one
	// that only reads it: a deferred release would break it.
	escapes bool
	reach   map[*ssa.BasicBlock]bool // lazily, see reachable
	known   map[ssa.Value]known      // lazily, see knownCond
}

// A deferIf is a deferred closure that releases the resource when the
// error variable errVar (of the function) is not nil (WhenErr) or nil
// (WhenNoErr) at exit; cell says that it releases what the resource's
// variable holds then.
type deferIf struct {
	errVar ssa.Value
	when   When
	cell   bool
}

// A condValue is a result of a helper that says whether it released the
// resource: an error (errs, with every value that carries it) or a
// boolean (val).
type condValue struct {
	when When
	errs *errSet
	val  ssa.Value
}

// A pendingCond is a call of a helper whose Cond says when it released
// the resource.
type pendingCond struct {
	call *ssa.Call
	cond Cond
}

// condValues turns the pending conds of tr into condValues.
func (e *engine) condValues(tr *tracking) {
	for _, p := range tr.pending {
		var vals []ssa.Value
		if _, tuple := p.call.Type().(*types.Tuple); !tuple {
			vals = []ssa.Value{p.call}
		} else {
			for _, r := range *p.call.Referrers() {
				if x, ok := r.(*ssa.Extract); ok && x.Index == p.cond.Result {
					vals = append(vals, x)
				}
			}
		}
		switch p.cond.When {
		case WhenErr, WhenNoErr:
			tr.conds = append(tr.conds, &condValue{when: p.cond.When, errs: e.newErrSet(tr, vals, p.cond.When == WhenErr)})
		default:
			for _, v := range vals {
				tr.conds = append(tr.conds, &condValue{when: p.cond.When, val: v})
			}
		}
	}
}

// A fieldKey names a field of a struct type.
type fieldKey struct {
	s *types.Struct
	i int
}

// track computes the aliases and uses of r.
func (e *engine) track(r *resource) *tracking {
	tr := &tracking{
		resource: r,
		aliases:  make(map[ssa.Value]alias),
		cells:    make(map[*ssa.Alloc]bool),
		uses:     make(map[ssa.Instruction]use),
		fields:   make(map[fieldKey]alias),
	}
	var work []ssa.Value
	addAlias := func(v ssa.Value, a alias) {
		if old, ok := tr.aliases[v]; ok && old&^viaCell == a&^viaCell && (old == a || old&viaCell == 0) {
			return
		}
		tr.aliases[v] = a
		work = append(work, v)
	}
	for _, v := range r.roots {
		addAlias(v, r.rootFlags)
	}
	for _, v := range r.holderRoots {
		addAlias(v, holds)
	}
	if r.cell != nil {
		e.trackCell(tr, r.cell, r.rootFlags, addAlias)
	}
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		a := tr.aliases[v]
		refs := v.Referrers()
		if refs == nil {
			continue
		}
		for _, instr := range *refs {
			nexts, eff, handled := e.aliasOf(tr, instr, v, a)
			for _, n := range nexts {
				addAlias(n.v, n.a)
			}
			if !handled {
				eff = e.effectOf(tr, instr, v)
			} else if eff == effNone {
				continue
			}
			if _, ret := instr.(*ssa.Return); eff == effTransfer && !ret {
				tr.kept = true
			}
			if eff == effRelease && a&element != 0 {
				tr.elemReleased = true
			}
			tr.addUse(instr, use{eff, a&viaCell != 0, a.direct()})
			if handled {
				continue
			}
			tr.partsStored(instr, a, 2)
			if st, ok := instr.(*ssa.Store); ok && st.Val == v {
				if cell, ok := st.Addr.(*ssa.Alloc); ok && cell.Parent() == r.fn {
					if !tr.cells[cell] {
						tr.cells[cell] = true
						e.trackCell(tr, cell, a&^viaCell, addAlias)
					}
				}
			}
		}
	}
	if r.pool != nil {
		e.poolReleases(tr)
	}
	for _, cancel := range r.cancels {
		for _, ref := range referrers(cancel) {
			switch ref := ref.(type) {
			case *ssa.Call:
				if ref.Call.Value == cancel {
					tr.addUse(ref, use{eff: effRelease, direct: true})
				}
			case *ssa.Defer:
				if ref.Call.Value == cancel {
					tr.addScopeDefer(ref)
				}
			}
		}
	}
	e.trackErrs(tr)
	e.condValues(tr)
	return tr
}

// samePool reports whether v is pool, or the pool that pool embeds
// (sqlx's db.Close() is database/sql's, called on db.DB).
func samePool(v, pool ssa.Value) bool {
	if v == pool {
		return true
	}
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		if fa, ok := load.X.(*ssa.FieldAddr); ok && fa.X == pool {
			s, ok := derefStruct(pool.Type())
			return ok && s.Field(fa.Field).Embedded()
		}
	}
	return false
}

// poolReleases records the calls and deferred calls that close the pool
// tr's statement was prepared on as releases of the statement.
func (e *engine) poolReleases(tr *tracking) {
	pools := []ssa.Value{tr.pool}
	for _, ref := range referrers(tr.pool) {
		if fa, ok := ref.(*ssa.FieldAddr); ok {
			for _, r := range referrers(fa) {
				if load, ok := r.(ssa.Value); ok && samePool(load, tr.pool) {
					pools = append(pools, load) // sqlx's db.DB
				}
			}
		}
	}
	if load, ok := tr.pool.(*ssa.UnOp); ok && load.Op == token.MUL {
		if cell, ok := load.X.(*ssa.Alloc); ok && cell.Parent() == tr.fn {
			pools = append(pools, cell) // captured by a closure: db lives in a cell
		}
	}
	for _, pool := range pools {
		for _, ref := range referrers(pool) {
			var c *ssa.CallCommon
			eff := effRelease
			switch ref := ref.(type) {
			case *ssa.Call:
				c = &ref.Call
			case *ssa.Defer:
				c, eff = &ref.Call, effDefer
			case *ssa.MakeClosure:
				e.poolClosureReleases(tr, ref, pool)
				continue
			default:
				continue
			}
			if c.IsInvoke() || len(c.Args) == 0 || c.Args[0] != pool {
				continue
			}
			if _, name := e.staticCallee(c); e.release[name] {
				if eff == effDefer {
					tr.addScopeDefer(ref)
				} else {
					tr.addUse(ref, use{eff: eff, direct: true})
				}
			}
		}
	}
}

// poolClosureReleases records, for closure mc that captures pool, the
// defers of it as deferred releases of tr's statement, when the closure
// closes the pool. A closure registered with testing's Cleanup is not
// one: it runs once the test and its subtests have ended, and a
// statement prepared on a test's pool and left open until then is what
// lib/pq fixed in its tests (71daecb).
func (e *engine) poolClosureReleases(tr *tracking, mc *ssa.MakeClosure, pool ssa.Value) {
	pk := e.kindOf(tr.pool.Type())
	if pk == nil {
		return
	}
	_, cell := pool.(*ssa.Alloc)
	releases := false
	for k, b := range mc.Bindings {
		if b == pool {
			if f, _ := e.freeVarFate(pk, mc.Fn.(*ssa.Function), k, cell, 0); f == effRelease {
				releases = true
			}
		}
	}
	if !releases {
		return
	}
	for _, ref := range referrers(mc) {
		switch ref := ref.(type) {
		case *ssa.Defer:
			if ref.Call.Value == mc {
				tr.addScopeDefer(ref)
			}
		}
	}
}

// addScopeDefer records instr, which registers the release of what the
// resource lives in (its pool, its context), as a deferred release of it.
func (tr *tracking) addScopeDefer(instr ssa.Instruction) {
	if tr.scopeDefers == nil {
		tr.scopeDefers = make(map[ssa.Instruction]bool)
	}
	tr.scopeDefers[instr] = true
	tr.addUse(instr, use{eff: effDefer, direct: true})
}

// addUse records u for instr, keeping the strongest effect.
func (tr *tracking) addUse(instr ssa.Instruction, u use) {
	if old, ok := tr.uses[instr]; ok && old.eff >= u.eff {
		return
	}
	tr.uses[instr] = u
}

// A next is a value that aliasOf finds related to the resource.
type next struct {
	v ssa.Value
	a alias
}

// aliasOf reports whether instr, a referrer of v (an alias a), yields
// other values related to the resource, and which; eff is the effect of
// instr itself (a store into a holder).
func (e *engine) aliasOf(tr *tracking, instr ssa.Instruction, v ssa.Value, a alias) (out []next, eff effect, ok bool) {
	one := func(x ssa.Value, b alias) ([]next, effect, bool) { return []next{{x, b}}, effNone, true }
	keep := a & viaCell
	switch instr := instr.(type) {
	case *ssa.Phi, *ssa.ChangeType, *ssa.MakeInterface, *ssa.ChangeInterface:
		return one(instr.(ssa.Value), a)
	case *ssa.TypeAssert:
		return one(instr, a) // with CommaOk, Extract #0 follows
	case *ssa.Extract:
		if _, isNext := instr.Tuple.(*ssa.Next); isNext {
			if instr.Index == 2 && a&holds != 0 {
				return one(instr, keep|element|tr.elems&holds) // the value of a range over a map that holds it
			}
			return nil, effNone, false
		}
		if instr.Index == 0 {
			return one(instr, a) // the value of a comma-ok type assertion
		}
	case *ssa.UnOp:
		if instr.Op != token.MUL {
			break
		}
		switch x := v.(type) {
		case *ssa.FieldAddr:
			if a&holds != 0 {
				return one(instr, a) // a load of the holder's field that keeps it
			}
			if a.direct() {
				return one(instr, a) // a load of an owned field
			}
		case *ssa.IndexAddr:
			if a&element != 0 || a&holds != 0 {
				return one(instr, keep|element|tr.elems&holds)
			}
		default:
			if a&holds != 0 && isLocalContainer(tr.fn, x) {
				return one(instr, a) // the struct value of a holder variable
			}
		}
	case *ssa.Call:
		return e.callAliases(tr, instr, v, a)
	case *ssa.FieldAddr:
		return e.fieldAlias(tr, instr, instr.X.Type(), instr.Field, instr, a)
	case *ssa.Field:
		return e.fieldAlias(tr, instr, instr.X.Type(), instr.Field, instr, a)
	case *ssa.IndexAddr:
		if a&holds != 0 {
			return one(instr, keep|element|tr.elems&holds) // &list[i], read or written
		}
	case *ssa.Index, *ssa.Lookup:
		if a&holds != 0 {
			return one(instr.(ssa.Value), keep|element|tr.elems&holds)
		}
	case *ssa.Slice:
		if a&holds != 0 {
			return one(instr, a)
		}
	case *ssa.Range:
		if a&holds != 0 {
			return one(instr, a)
		}
	case *ssa.Next:
		if a&holds != 0 {
			return one(instr, a)
		}
	case *ssa.Store:
		if instr.Val == v {
			return e.storeIntoHolder(tr, instr.Addr, a)
		}
	case *ssa.MapUpdate:
		if instr.Value == v && (isLocalContainer(tr.fn, instr.Map) || tr.aliases[instr.Map]&holds != 0) {
			tr.elems |= a &^ viaCell
			return []next{{instr.Map, keep | holds}}, effHold, true
		}
	}
	return nil, effNone, false
}

// callAliases handles a call that v, an alias a, is an argument of: a
// chained method of the resource returns it; append of a holder returns a
// holder; a function that keeps its argument in a result (a constructor,
// sqlc's WithTx) returns a holder of it.
func (e *engine) callAliases(tr *tracking, call *ssa.Call, v ssa.Value, a alias) ([]next, effect, bool) {
	c := &call.Call
	if a.direct() && tr.kind.Chains && e.chains(tr.kind, c, v) {
		return []next{{call, a}}, effNone, true
	}
	if _, name := e.staticCallee(c); a.direct() && len(c.Args) > 0 && c.Args[0] == v && slices.Contains(tr.kind.Parts, name) {
		return []next{{call, a | part}}, effNone, true // conn.PgConn(): the same connection
	}
	if b, ok := c.Value.(*ssa.Builtin); ok {
		if b.Name() == "append" && a&holds != 0 {
			return []next{{call, a}}, effNone, true
		}
		return nil, effNone, false
	}
	callee, name := e.staticCallee(c)
	if callee == nil || c.IsInvoke() || e.acquire[name] != nil {
		// A call the table knows acquires (sql.OpenDB(connector)) makes a
		// resource of its own, released as its library says: what it is
		// given is not released with it.
		return nil, effNone, false
	}
	s := e.summary(callee)
	if s == nil {
		return nil, effNone, false
	}
	var out []next
	for i, arg := range c.Args {
		if arg != v {
			continue
		}
		for _, h := range s.Held {
			if h.Param != i {
				continue
			}
			b := a&viaCell | holds
			if h.Same {
				b = a
			}
			if _, tuple := call.Type().(*types.Tuple); !tuple {
				out = append(out, next{call, b})
				continue
			}
			for _, r := range *call.Referrers() {
				if x, ok := r.(*ssa.Extract); ok && x.Index == h.Result {
					out = append(out, next{x, b})
				}
			}
		}
	}
	if len(out) == 0 {
		return nil, effNone, false // not kept in a result: callEffect says what happens
	}
	// Kept in a result, and what else the call does (gorm's Rollback
	// returns its session too).
	return out, e.callEffect(tr, call, c, v), true
}

// fieldAlias handles a field of a struct that v, an alias a, is or points
// to: the field a holder keeps the resource in is the resource (or the
// inner holder); an embedded field or a field of a tracked kind of the
// resource itself is the resource (sqlx.Rows embeds *sql.Rows).
func (e *engine) fieldAlias(tr *tracking, instr ssa.Instruction, typ types.Type, i int, x ssa.Value, a alias) ([]next, effect, bool) {
	if a&holds != 0 {
		s, ok := derefStruct(typ)
		if !ok {
			return nil, effNone, false
		}
		if b, ok := tr.fields[fieldKey{s, i}]; ok {
			return []next{{x, a&viaCell | b}}, effNone, true
		}
		if i < s.NumFields() && e.kindOf(s.Field(i).Type()) == tr.kind && !tr.filled(s) {
			// A holder we did not fill (one a callee returned): its field of
			// the resource's kind is taken to be it.
			return []next{{x, a & viaCell}}, effNone, true
		}
		return nil, effNone, true // another field of the holder: a name, a count
	}
	if a.direct() && e.ownsField(typ, i) {
		return []next{{x, a}}, effNone, true
	}
	return nil, effNone, false
}

// filled reports whether the function stored the resource into a field
// of a struct of type s: then it knows which field holds it.
func (tr *tracking) filled(s *types.Struct) bool {
	for k := range tr.fields {
		if k.s == s {
			return true
		}
	}
	return false
}

// storeIntoHolder handles a store of v, an alias a, at addr: into a field
// or an element of a struct, array, slice or map the function made (or of
// a holder), which then holds the resource.
func (e *engine) storeIntoHolder(tr *tracking, addr ssa.Value, a alias) ([]next, effect, bool) {
	keep := a & viaCell
	switch addr := addr.(type) {
	case *ssa.FieldAddr:
		if !isLocalContainer(tr.fn, addr.X) && tr.aliases[addr.X]&holds == 0 {
			return nil, effNone, false
		}
		s, ok := derefStruct(addr.X.Type())
		if !ok {
			return nil, effNone, false
		}
		tr.fields[fieldKey{s, addr.Field}] |= a &^ (viaCell | element)
		return []next{{addr.X, keep | holds}}, effHold, true
	case *ssa.IndexAddr:
		if !isLocalContainer(tr.fn, addr.X) && tr.aliases[addr.X]&holds == 0 {
			return nil, effNone, false
		}
		tr.elems |= a &^ (viaCell | element)
		return []next{{addr.X, keep | holds}}, effHold, true
	}
	return nil, effNone, false
}

// isLocalContainer reports whether v is a struct, array, slice or map
// that fn itself makes: a holder candidate, not memory of its caller.
func isLocalContainer(fn *ssa.Function, v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.Alloc:
		return v.Parent() == fn
	case *ssa.MakeSlice, *ssa.MakeMap:
		return v.Parent() == fn
	}
	return false
}

// partsStored records as transfers the stores, into memory other than the
// function's own variables, of values read from the resource's fields, to
// depth levels (gorm hands its transaction over with
// stmt.ConnPool = tx.Statement.ConnPool): the resource goes with them.
func (tr *tracking) partsStored(instr ssa.Instruction, a alias, depth int) {
	if !a.direct() {
		return
	}
	var parts []ssa.Value
	switch instr := instr.(type) {
	case *ssa.FieldAddr:
		for _, r := range *instr.Referrers() {
			if load, ok := r.(*ssa.UnOp); ok && load.Op == token.MUL {
				parts = append(parts, load)
			}
		}
	case *ssa.Field:
		parts = append(parts, instr)
	}
	for _, p := range parts {
		if _, basic := p.Type().Underlying().(*types.Basic); basic {
			continue // a name, a count: not a part of the resource
		}
		for _, r := range *p.Referrers() {
			if st, ok := r.(*ssa.Store); ok && st.Val == p && !isCell(tr.fn, st.Addr) && !intoLocal(tr.fn, st.Addr) {
				tr.kept = true
				tr.addUse(st, use{eff: effTransfer, viaCell: a&viaCell != 0, direct: true})
			} else if depth > 1 {
				tr.partsStored(r, a, depth-1)
			}
		}
	}
}

// intoLocal reports whether addr is a field or an element of a struct,
// array or slice the function makes (variadic arguments, a local struct).
func intoLocal(fn *ssa.Function, addr ssa.Value) bool {
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		return isLocalContainer(fn, a.X)
	case *ssa.IndexAddr:
		return isLocalContainer(fn, a.X)
	}
	return false
}

// chains reports whether c, a call of a method of kind k on v, returns the
// same resource (a chainable API).
func (e *engine) chains(k *Kind, c *ssa.CallCommon, v ssa.Value) bool {
	if c.IsInvoke() || len(c.Args) == 0 || c.Args[0] != v || c.Signature().Recv() == nil {
		return false
	}
	if _, name := e.staticCallee(c); e.release[name] {
		return false // Commit and Rollback return the session too, but release it
	}
	res := c.Signature().Results()
	return res.Len() == 1 && e.kindOf(res.At(0).Type()) == k
}

// chainEnd follows v through chained calls that are its only use
// (db.Begin().Debug()): the value the acquiring expression yields.
func (e *engine) chainEnd(tr *tracking, v ssa.Value) ssa.Value {
	for tr.kind.Chains {
		var next ssa.Value
		for _, instr := range *v.Referrers() {
			switch instr := instr.(type) {
			case *ssa.DebugRef:
				continue
			case *ssa.Call:
				if next == nil && e.chains(tr.kind, &instr.Call, v) {
					next = instr
					continue
				}
			}
			return v
		}
		if next == nil {
			return v
		}
		v = next
	}
	return v
}

// ownsField reports whether field i of the struct that typ points to (or
// is) is the resource itself for tracking purposes: an embedded field,
// whose methods are promoted (sqlx.Rows embeds *sql.Rows), or a field of
// a tracked kind (a receiver whose Close releases the rows it owns; inside
// a library, a Row whose Scan closes its rows).
func (e *engine) ownsField(typ types.Type, i int) bool {
	s, ok := derefStruct(typ)
	if !ok || i >= s.NumFields() {
		return false
	}
	f := s.Field(i)
	return f.Embedded() || e.kindOf(f.Type()) != nil
}

// derefStruct returns the struct that typ is or points to.
func derefStruct(typ types.Type) (*types.Struct, bool) {
	if p, ok := typ.Underlying().(*types.Pointer); ok {
		typ = p.Elem()
	}
	s, ok := typ.Underlying().(*types.Struct)
	return s, ok
}

// trackCell follows a variable (a local Alloc, or a captured variable's
// FreeVar) that holds the resource (or a holder, as a says): its loads,
// and the fields of it that fieldAlias follows (a struct kept in a
// variable: a value receiver), are aliases, valid while the variable
// still holds it; stores of other values overwrite it.
func (e *engine) trackCell(tr *tracking, cell ssa.Value, a alias, add func(ssa.Value, alias)) {
	for _, instr := range *cell.Referrers() {
		switch instr := instr.(type) {
		case *ssa.UnOp:
			if instr.Op == token.MUL {
				add(instr, a|viaCell)
				continue
			}
		case *ssa.FieldAddr:
			nexts, _, _ := e.fieldAlias(tr, instr, instr.X.Type(), instr.Field, instr, a|viaCell)
			for _, n := range nexts {
				add(n.v, n.a)
			}
			continue // another field of the struct the variable holds: not the resource
		case *ssa.Store:
			if _, captured := cell.(*ssa.FreeVar); instr.Addr == cell && !captured {
				tr.addUse(instr, use{eff: effCellOverwrite, direct: a.direct()}) // a store of the resource itself wins
				continue
			}
		case *ssa.MakeClosure:
			e.closureUses(tr, instr, cell, a, true)
			continue
		case *ssa.DebugRef:
			continue
		}
		tr.kept = true
		tr.addUse(instr, use{eff: effTransfer, viaCell: true, direct: a.direct()}) // &rows passed on
	}
}

// errFieldLoads returns the loads of v's field called name.
func errFieldLoads(v ssa.Value, name string) []ssa.Value {
	var out []ssa.Value
	for _, instr := range *v.Referrers() {
		switch instr := instr.(type) {
		case *ssa.FieldAddr:
			if s, ok := derefStruct(instr.X.Type()); ok && s.Field(instr.Field).Name() == name {
				for _, r := range *instr.Referrers() {
					if load, ok := r.(*ssa.UnOp); ok && load.Op == token.MUL {
						out = append(out, load)
					}
				}
			}
		case *ssa.Field:
			if s, ok := derefStruct(instr.X.Type()); ok && s.Field(instr.Field).Name() == name {
				out = append(out, instr)
			}
		}
	}
	return out
}

// knownCond says whether every path to the acquisition fixed the value of
// cond, and which: an if on cond one of whose edges dominates it. Only
// conditions computed and tested outside loops count: in a loop the same
// SSA value is computed anew on each iteration. The ifs are found from
// cond's own uses, so the cost does not grow with the depth of the
// dominator tree.
func (e *engine) knownCond(tr *tracking, cond ssa.Value) (value, ok bool) {
	if tr.start == nil {
		return false, false
	}
	if v, ok := tr.known[cond]; ok {
		return v.value, v.ok
	}
	if tr.known == nil {
		tr.known = make(map[ssa.Value]known)
	}
	loop := e.cyclic(tr.fn)
	ab := tr.start.Block()
	var k known
	if def, isInstr := cond.(ssa.Instruction); !isInstr || !loop[def.Block()] {
		for _, r := range referrers(cond) {
			iff, isIf := r.(*ssa.If)
			if !isIf || iff.Cond != cond {
				continue
			}
			d := iff.Block()
			if loop[d] || d == ab || !d.Dominates(ab) {
				continue
			}
			if side := edgeTo(d, ab); side >= 0 {
				k = known{value: side == 0, ok: true}
				break
			}
		}
	}
	tr.known[cond] = k
	return k.value, k.ok
}

// A known is what knownCond found of a condition.
type known struct{ value, ok bool }

// reachable returns the blocks that a path from the start can reach.
func (tr *tracking) reachable() map[*ssa.BasicBlock]bool {
	if tr.reach != nil {
		return tr.reach
	}
	tr.reach = make(map[*ssa.BasicBlock]bool)
	var work []*ssa.BasicBlock
	if tr.start != nil {
		work = append(work, tr.start.Block())
	} else {
		work = append(work, tr.fn.Blocks[0])
	}
	tr.reach[work[0]] = true
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		for _, s := range b.Succs {
			if !tr.reach[s] {
				tr.reach[s] = true
				work = append(work, s)
			}
		}
	}
	return tr.reach
}

// referrers returns the instructions that use v, none for a value that
// does not record them (a constant, a global, a function).
func referrers(v ssa.Value) []ssa.Instruction {
	if refs := v.Referrers(); refs != nil {
		return *refs
	}
	return nil
}

// cancelsOf returns the cancel functions whose call ends the context that
// c, a call of one of k's acquiring functions, acquires with: the context
// made in the function by context.WithCancel, WithTimeout, WithDeadline
// or their Cause forms, directly or through WithValue. A cancel function
// kept in a variable that a closure captures is found through its loads.
// A context from elsewhere (the caller's, context.Background()) has none,
// nor does one that WithoutCancel detaches.
func (e *engine) cancelsOf(c *ssa.CallCommon, k *Kind) []ssa.Value {
	if _, name := e.staticCallee(c); !slices.Contains(k.Acquire, name) {
		return nil // a helper's: what it does with the context is its own
	}
	var ctx ssa.Value
	for _, arg := range c.Args {
		if isContext(arg.Type()) {
			ctx = arg
			break
		}
	}
	var cancels []ssa.Value
	for ctx != nil {
		var made *ssa.Call
		switch v := ctx.(type) {
		case *ssa.Extract:
			made, _ = v.Tuple.(*ssa.Call)
			if made == nil || v.Index != 0 {
				return cancels
			}
		case *ssa.Call:
			made = v
		default:
			return cancels
		}
		fn := made.Call.StaticCallee()
		if fn == nil || fn.Pkg == nil || fn.Pkg.Pkg.Path() != "context" || len(made.Call.Args) == 0 {
			return cancels
		}
		switch fn.Name() {
		case "WithValue":
		case "WithCancel", "WithTimeout", "WithDeadline", "WithCancelCause", "WithTimeoutCause", "WithDeadlineCause":
			for _, ref := range referrers(made) {
				if x, ok := ref.(*ssa.Extract); ok && x.Index == 1 {
					cancels = append(cancels, x)
					cancels = append(cancels, loadsOfCell(x)...)
				}
			}
		default:
			return cancels
		}
		ctx = made.Call.Args[0]
	}
	return cancels
}

// loadsOfCell returns the loads of the local variables that v is stored
// in and nothing else is: a variable captured by a closure lives in a
// cell, and a call of it loads it first.
func loadsOfCell(v ssa.Value) []ssa.Value {
	var loads []ssa.Value
	for _, ref := range referrers(v) {
		st, ok := ref.(*ssa.Store)
		if !ok || st.Val != v {
			continue
		}
		cell, ok := st.Addr.(*ssa.Alloc)
		if !ok {
			continue
		}
		only := true
		for _, r := range referrers(cell) {
			if st2, ok := r.(*ssa.Store); ok && st2.Val != v {
				only = false
			}
		}
		if !only {
			continue
		}
		for _, r := range referrers(cell) {
			if load, ok := r.(*ssa.UnOp); ok && load.Op == token.MUL {
				loads = append(loads, load)
			}
		}
	}
	return loads
}

// isContext reports whether typ is context.Context.
func isContext(typ types.Type) bool {
	named, ok := types.Unalias(typ).(*types.Named)
	return ok && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "context" && named.Obj().Name() == "Context"
}
