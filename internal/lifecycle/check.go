package lifecycle

import (
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// acquisitionsOf returns the resources that fn acquires, each tracked.
func (e *engine) acquisitionsOf(fn *ssa.Function) []*tracking {
	if trs, ok := e.acquired[fn]; ok {
		return trs
	}
	e.acquired[fn] = nil // recursion through owned results sees none
	var trs []*tracking
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok || e.onClosedPool(call) {
				continue
			}
			for _, a := range e.acquires(call) {
				r := &resource{kind: a.kind, fn: fn, start: call, result: a.result, maybeNil: a.maybeNil, scoped: e.onScopingTx(&call.Call, 3),
					onConn: e.onConn(&call.Call)}
				if a.kind.PoolScoped && !call.Call.IsInvoke() && call.Call.Signature().Recv() != nil {
					if pk := e.kindOf(call.Call.Args[0].Type()); pk != nil && pk.Pool {
						r.pool = call.Call.Args[0] // db.Prepare(…): db.Close() closes it
					}
				}
				if a.kind.Cancels {
					r.cancels = e.cancelsOf(&call.Call, a.kind)
				}
				if tuple, ok := call.Type().(*types.Tuple); ok {
					for _, ref := range *call.Referrers() {
						if x, ok := ref.(*ssa.Extract); ok {
							switch {
							case x.Index == a.result:
								r.roots = append(r.roots, x)
							case slices.Contains(a.also, x.Index):
								r.holderRoots = append(r.holderRoots, x) // the same resource, inside another result
							case x.Index == tuple.Len()-1 && isError(x.Type()):
								r.errVals = append(r.errVals, x)
							}
						}
					}
				} else {
					r.roots = []ssa.Value{call}
				}
				trs = append(trs, e.track(r))
			}
		}
	}
	e.acquired[fn] = trs
	return trs
}

// onClosedPool reports whether call is a method of a pool closed on every
// path before it (db.Close(); db.Query(…)): it cannot take a connection.
func (e *engine) onClosedPool(call *ssa.Call) bool {
	c := &call.Call
	if c.IsInvoke() || len(c.Args) == 0 || c.Signature().Recv() == nil {
		return false
	}
	pool := c.Args[0]
	if k := e.kindOf(pool.Type()); k == nil || !k.Pool {
		return false
	}
	for _, closing := range e.poolCloses(pool) {
		if closing == call {
			continue
		}
		if before(closing, call) {
			return true
		}
	}
	return false
}

// poolCloses returns the calls that release pool (db.Close()), found once
// per pool value: a pool has a referrer per query.
func (e *engine) poolCloses(pool ssa.Value) []*ssa.Call {
	if calls, ok := e.closes[pool]; ok {
		return calls
	}
	var calls []*ssa.Call
	refs := pool.Referrers()
	if refs == nil {
		return nil // a constant: var db *sql.DB never assigned
	}
	for _, r := range *refs {
		closing, ok := r.(*ssa.Call)
		if !ok || len(closing.Call.Args) == 0 || closing.Call.Args[0] != pool {
			continue
		}
		if _, name := e.staticCallee(&closing.Call); e.release[name] {
			calls = append(calls, closing)
		}
	}
	e.closes[pool] = calls
	return calls
}

// An acquire is one result of a call that is a new resource.
type acquire struct {
	kind     *Kind
	result   int
	also     []int // see Owned.Also
	maybeNil bool  // see Owned.MaybeNil
}

// onScopingTx reports whether c is a method call on a transaction whose
// end releases what is acquired on it (Kind.Scopes), or on a value that a
// method of such a transaction returned (tx.Prepare's statement, tx.Stmt),
// following at most depth calls back.
func (e *engine) onScopingTx(c *ssa.CallCommon, depth int) bool {
	if depth == 0 || c.IsInvoke() || len(c.Args) == 0 {
		return false
	}
	if c.Signature().Recv() == nil {
		// A helper given the transaction (prepare(tx, q)): what it opens
		// is opened on it.
		for _, a := range c.Args {
			if ch, ok := a.(*ssa.MakeInterface); ok {
				a = ch.X
			}
			if k := e.kindOf(a.Type()); k != nil && k.Scopes {
				return true
			}
		}
		return false
	}
	recv := c.Args[0]
	if k := e.kindOf(recv.Type()); k != nil && k.Scopes {
		return true
	}
	if x, ok := recv.(*ssa.Extract); ok {
		recv = x.Tuple
	}
	call, ok := recv.(*ssa.Call)
	return ok && e.onScopingTx(&call.Call, depth-1)
}

// onConn reports whether c is a method of a dedicated connection
// (*sql.Conn, *pgx.Conn, *pgxpool.Conn): what it opens uses that
// connection and takes none from the pool.
func (e *engine) onConn(c *ssa.CallCommon) bool {
	if c.IsInvoke() || len(c.Args) == 0 || c.Signature().Recv() == nil {
		return false
	}
	k := e.kindOf(c.Args[0].Type())
	return k != nil && k.Session && k.Class == ClassResource && !k.Pool
}

// acquires returns the new resources that call returns: by the table,
// by the callee's fact, through an interface by an acquiring method's
// name and result type (sqlc's DBTX.QueryContext returning *sql.Rows), or
// by running a function literal that returns them (see runAcquires).
func (e *engine) acquires(call *ssa.Call) []acquire {
	c := &call.Call
	sig := c.Signature()
	if c.IsInvoke() {
		for _, k := range e.methodNames[c.Method.Name()] {
			if e.kindOf(c.Value.Type()) == k {
				continue // a savepoint (pgx.Tx.Begin): the outer transaction ends it
			}
			for i := 0; i < sig.Results().Len(); i++ {
				if e.kindOf(sig.Results().At(i).Type()) == k {
					return []acquire{{kind: k, result: i}} // interface{ pgx.Rows } too
				}
			}
		}
		if as := e.interfaceAcquires(c); len(as) > 0 {
			return as
		}
		return e.runAcquires(call, nil)
	}
	callee, name := e.staticCallee(c)
	if callee == nil {
		return nil
	}
	if k := e.acquire[name]; k != nil {
		if i := resultOf(sig, k.Type); i >= 0 {
			return []acquire{{kind: k, result: i}}
		}
		return nil
	}
	s := e.summary(callee)
	if s == nil {
		return nil
	}
	var as []acquire
	for _, o := range s.Owned {
		as = append(as, acquire{kind: e.kindFor(o), result: o.Result, also: o.Also, maybeNil: o.MaybeNil})
	}
	if len(as) == 0 && len(s.Forwards) > 0 {
		as = e.runAcquires(call, s.Forwards)
	}
	return as
}

// runAcquires returns the resources that call returns by running a
// function it is given, one whose fact says it returns them (a function
// literal that queries): the callee forwards that argument's results
// (Summary.Forwards: a retrying or timing runner), or, called through an
// interface, its result is the resource's type or an interface the caller
// asserts to it (a service's executor returning any).
func (e *engine) runAcquires(call *ssa.Call, forwards []int) []acquire {
	c := &call.Call
	for i, arg := range c.Args {
		if !c.IsInvoke() && !slices.Contains(forwards, i) {
			continue
		}
		if ct, ok := arg.(*ssa.ChangeType); ok {
			arg = ct.X // a literal given as a named function type
		}
		var fn *ssa.Function
		switch a := arg.(type) {
		case *ssa.MakeClosure:
			fn, _ = a.Fn.(*ssa.Function)
		case *ssa.Function:
			fn = a
		}
		if fn == nil {
			continue
		}
		s := e.summary(fn)
		if s == nil {
			continue
		}
		var as []acquire
		for _, o := range s.Owned {
			k := e.kindFor(o)
			if c.IsInvoke() && !e.resultIs(call, o.Result, k) {
				continue
			}
			as = append(as, acquire{kind: k, result: o.Result, maybeNil: o.MaybeNil})
		}
		if len(as) > 0 {
			return as
		}
	}
	return nil
}

// resultIs reports whether result i of call is a resource of kind k: of
// its type, or an interface that the caller asserts to it.
func (e *engine) resultIs(call *ssa.Call, i int, k *Kind) bool {
	tuple, ok := call.Type().(*types.Tuple)
	if !ok || i >= tuple.Len() {
		return false
	}
	if e.kindOf(tuple.At(i).Type()) == k {
		return true
	}
	for _, ref := range referrers(call) {
		x, ok := ref.(*ssa.Extract)
		if !ok || x.Index != i {
			continue
		}
		for _, r := range referrers(x) {
			if ta, ok := r.(*ssa.TypeAssert); ok && e.kindOf(ta.AssertedType) == k {
				return true
			}
		}
	}
	return false
}

// acquiringPrefixes are the names of interface methods that, returning an
// interface shaped like rows, a transaction or a statement of the
// project's own, acquire one: Query, QueryContext, BeginTx, PrepareNamed…
var acquiringPrefixes = []string{"Query", "Begin", "Prepare", "Acquire"}

// interfaceAcquires returns the new resources that c, a call through an
// interface of the project's own, returns: a result of an interface type
// with a releasing method (a kind derived from it, see ifaceKind), when
// the method is named as an acquisition and the result is shaped like
// rows, a transaction or a statement, or when an implementation of the
// method in the packages analyzed returns an owned resource there.
func (e *engine) interfaceAcquires(c *ssa.CallCommon) []acquire {
	sig := c.Signature()
	named := false
	for _, p := range acquiringPrefixes {
		named = named || strings.HasPrefix(c.Method.Name(), p)
	}
	var as []acquire
	for i := 0; i < sig.Results().Len(); i++ {
		k, shaped := e.ifaceKind(sig.Results().At(i).Type())
		if k == nil {
			continue
		}
		if k.Class == ClassTransaction && strings.HasPrefix(c.Method.Name(), "Begin") {
			if rk, _ := e.ifaceKind(c.Value.Type()); rk == k {
				continue // a savepoint on the transaction itself
			}
		}
		if named && shaped || e.implementationOwns(c, i) {
			as = append(as, acquire{kind: k, result: i})
		}
	}
	return as
}

// ifaceKind returns the kind made up for an interface type that is not in
// the table but has a method that releases it (Close, or Commit and
// Rollback), and whether its methods make it look like rows (Next, Scan),
// a transaction (Commit, Rollback) or a statement (Exec or Query).
func (e *engine) ifaceKind(t types.Type) (*Kind, bool) {
	iface, ok := t.Underlying().(*types.Interface)
	if !ok || e.kindOf(t) != nil || isError(t) {
		return nil, false
	}
	if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "database/sql/driver" {
		return nil, false // the driver side: database/sql owns what drivers return
	}
	has := func(name string) bool {
		for i := 0; i < iface.NumMethods(); i++ {
			if iface.Method(i).Name() == name {
				return true
			}
		}
		return false
	}
	key := typeKey(t)
	method := func(name string) string { return "(" + key + ")." + name }
	var k *Kind
	shaped := false
	switch {
	case has("Commit") && has("Rollback"):
		k = &Kind{Class: ClassTransaction, Release: []string{method("Commit"), method("Rollback")},
			Unreleased: "is neither committed nor rolled back", Verb: "committed or rolled back", NoWait: true}
		shaped = true
	case has("Close"):
		k = &Kind{Class: ClassResource, Release: []string{method("Close")},
			Unreleased: "is not closed", Verb: "closed", Fix: "defer %s.Close()"}
		shaped = has("Next") && has("Scan") || has("Exec") || has("Query")
		if has("Next") {
			// Like database/sql's and pgx's, taken to close itself when Next
			// returns false: leaklint stays silent rather than guess otherwise.
			k.AutoRelease = []string{method("Next")}
		}
	default:
		return nil, false
	}
	if old := e.derived[key]; old != nil {
		return old, shaped
	}
	k.Name, k.Type, k.Holds = kindName(t), key, true
	e.derived[key] = k
	return k, shaped
}

// kindName names a kind made up for type t: its type name with a lower
// first letter ("cursor"), or "value" for a type without one.
func kindName(t types.Type) string {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return "value"
	}
	name := n.Obj().Name()
	return strings.ToLower(name[:1]) + name[1:]
}

// implementationOwns reports whether a concrete type of the packages the
// engine sees (this one and its imports), outside test files, implements
// the interface of c and returns a new resource at result i of the
// method c calls: the repository's Postgres implementation of its Store.
func (e *engine) implementationOwns(c *ssa.CallCommon, i int) bool {
	key := implKey{c.Method, i}
	if v, ok := e.implOwns[key]; ok {
		return v
	}
	v := e.findImplementationOwns(c, i)
	if v || len(e.computing) == 0 {
		// A negative answer while summaries are in progress may rest on a
		// guess (see summary): it is asked again later.
		e.implOwns[key] = v
	}
	return v
}

// An implKey is a method of an interface and one of its results.
type implKey struct {
	m *types.Func
	i int
}

// findImplementationOwns computes implementationOwns.
func (e *engine) findImplementationOwns(c *ssa.CallCommon, i int) bool {
	return e.someImplementation(c, func(f *ssa.Function) bool {
		for _, o := range e.summary(f).ownedList() {
			if o.Result == i {
				return true
			}
		}
		return false
	})
}

// implementationKeeps reports whether a concrete type of the program's
// own packages implements the interface of c with a method that keeps its
// receiver in a result (its fact says held): openfga's Connection.Query
// returns rows that own the connection. A call of it hands the resource
// on. The methods of the libraries' own types say nothing here.
func (e *engine) implementationKeeps(c *ssa.CallCommon) bool {
	return e.someImplementation(c, func(f *ssa.Function) bool {
		if f.Pkg == nil || e.libraries[f.Pkg.Pkg.Path()] {
			return false
		}
		s := e.summary(f)
		return s != nil && slices.ContainsFunc(s.Held, func(h Hold) bool { return h.Param == 0 })
	})
}

// someImplementation reports whether pred holds for the method that c
// calls of some concrete type, outside test files, of this package or its
// imports that implements c's interface.
func (e *engine) someImplementation(c *ssa.CallCommon, pred func(*ssa.Function) bool) bool {
	iface, ok := c.Value.Type().Underlying().(*types.Interface)
	if !ok {
		return false
	}
	pkgs := append([]*types.Package{e.pass.Pkg}, e.pass.Pkg.Imports()...)
	for _, p := range pkgs {
		scope := p.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || tn.IsAlias() || e.testFile(tn.Pos()) {
				continue
			}
			for _, t := range []types.Type{tn.Type(), types.NewPointer(tn.Type())} {
				if _, isIface := t.Underlying().(*types.Interface); isIface || !types.Implements(t, iface) {
					continue
				}
				obj, _, _ := types.LookupFieldOrMethod(t, true, p, c.Method.Name())
				m, ok := obj.(*types.Func)
				if !ok {
					continue
				}
				if f := e.prog.FuncValue(m.Origin()); f != nil && pred(f) {
					return true
				}
			}
		}
	}
	return false
}

// resultOf returns the index of the result of sig whose type is typ, or -1.
func resultOf(sig *types.Signature, typ string) int {
	for i := 0; i < sig.Results().Len(); i++ {
		if typeKey(sig.Results().At(i).Type()) == typ {
			return i
		}
	}
	return -1
}

// isError reports whether typ is the error interface.
func isError(typ types.Type) bool {
	return types.Identical(typ, types.Universe.Lookup("error").Type())
}

// kindFor returns the kind of an owned result: a table kind, or one made
// from the fact for a type that owns a resource.
func (e *engine) kindFor(o Owned) *Kind {
	if k := e.byType[o.Type]; k != nil {
		return k
	}
	if k := e.derived[o.Type]; k != nil {
		return k
	}
	name := o.Type[strings.LastIndexAny(o.Type, ".*")+1:]
	if !token.IsIdentifier(name) {
		name = "value"
	}
	k := &Kind{
		Name:        strings.ToLower(name[:1]) + name[1:],
		Type:        o.Type,
		Class:       o.Class,
		Release:     o.Release,
		AutoRelease: o.Next,
		Holds:       o.Holds,
		NoWait:      o.Class == ClassTransaction,
		Unreleased:  o.Unreleased,
		Verb:        o.Verb,
		Pool:        o.Pool,
	}
	for _, r := range o.Release {
		if strings.HasSuffix(r, ".Close") {
			k.Fix = "defer %s.Close()"
		}
	}
	e.derived[o.Type] = k
	return k
}

// owned returns the results of fn that are new resources its callers own:
// every return gives, at that result, nil or a resource fn acquired, or a
// struct fn made that owns one and has a method that releases it.
func (e *engine) owned(fn *ssa.Function) []Owned {
	var rets []*ssa.Return
	for _, b := range fn.Blocks {
		if r, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			rets = append(rets, r)
		}
	}
	trs := e.acquisitionsOf(fn)
	results := fn.Signature.Results()
	// A nil result is fine only if an error beside it tells the caller.
	nilOK := results.Len() > 1 && isError(results.At(results.Len()-1).Type())
	type result struct {
		o    *Owned
		from *tracking
	}
	var found []result
	by := make(map[*tracking]int) // how many results each acquisition supplies
	for j := 0; j < results.Len() && len(rets) > 0; j++ {
		var r result
		maybeNil := false
		for _, ret := range rets {
			v := ret.Results[j]
			if isNil(v) && nilOK {
				// nil, err: fine if err is not nil there; nil, nil leaves the
				// caller a nil resource it must not release.
				maybeNil = maybeNil || e.nilnessAt(ret.Results[len(ret.Results)-1], ret.Block()) != nonNil
				continue
			}
			o, tr := e.ownedValue(trs, v)
			if o == nil || r.o != nil && (r.o.Type != o.Type || r.from != tr) {
				r = result{}
				break
			}
			r = result{o, tr}
		}
		if r.o != nil {
			r.o.Result, r.o.MaybeNil = j, maybeNil
			found = append(found, r)
			by[r.from]++
		}
	}
	// A resource returned in several results (alone and inside a holder:
	// return p, db with p holding db) is one resource for the caller: the
	// result that is it owns it, the others hold it (Owned.Also), and
	// releasing any of them releases it. Returned only inside holders,
	// more than once, it is no one's.
	var owned []Owned
	for _, r := range found {
		if by[r.from] == 1 {
			owned = append(owned, *r.o)
			continue
		}
		if r.o.Type != r.from.kind.Type {
			continue // a holder: listed with the result that is the resource
		}
		o := *r.o
		for _, other := range found {
			if other.from == r.from && other.o != r.o {
				o.Also = append(o.Also, other.o.Result)
			}
		}
		owned = append(owned, o)
	}
	return owned
}

// ownedValue says whether v, returned by fn, is a resource fn acquired or
// a new struct that owns one, and that fn did not also hand elsewhere (to
// t.Cleanup, a returned closure, a cache): then the caller does not own it.
func (e *engine) ownedValue(trs []*tracking, v ssa.Value) (*Owned, *tracking) {
	for _, tr := range trs {
		a, ok := tr.aliases[v]
		if !ok || tr.kept || tr.scoped {
			continue
		}
		switch {
		case a.direct() && tr.kind.Type != "":
			return &Owned{Type: tr.kind.Type, Release: tr.kind.Release, Class: tr.kind.Class,
				Unreleased: tr.kind.Unreleased, Verb: tr.kind.Verb, Pool: tr.kind.Pool, Holds: tr.kind.Holds}, tr
		case a&holds != 0:
			// A holder: owned if its type has a method that releases it (or,
			// returned as an interface of the project's, the interface has);
			// otherwise the caller gets it with no way to release it but
			// through its fields, and leaklint stays silent.
			if k, _ := e.ifaceKind(v.Type()); k != nil {
				return &Owned{Type: k.Type, Release: k.Release, Next: k.AutoRelease, Class: k.Class,
					Unreleased: k.Unreleased, Verb: k.Verb, Holds: k.Holds}, tr
			}
			release := e.releasingMethods(v.Type())
			if len(release) == 0 {
				return nil, nil
			}
			return &Owned{Type: types.TypeString(v.Type(), nil), Release: release, Class: tr.kind.Class,
				Unreleased: tr.kind.Unreleased, Verb: tr.kind.Verb, Pool: tr.kind.Pool, Holds: tr.kind.Holds}, tr
		}
	}
	return nil, nil
}

// releasingMethods returns the methods of typ that release their
// receiver: computed here for this package's, read from facts for others;
// a generic type's methods by their origin.
func (e *engine) releasingMethods(typ types.Type) []string {
	var names []string
	mset := types.NewMethodSet(typ)
	for i := 0; i < mset.Len(); i++ {
		m, ok := mset.At(i).Obj().(*types.Func)
		if !ok {
			continue
		}
		m = m.Origin()
		if f := e.prog.FuncValue(m); f != nil && e.summary(f).param(0) == Releases {
			names = append(names, m.FullName())
		}
	}
	return names
}

// checkFunc finds the leaks of the resources fn acquires.
func (e *engine) checkFunc(fn *ssa.Function, res *Result) {
	if e.syntax.generated(fn.Pos()) || e.expectedToPanic(fn) {
		return
	}
	seen := make(map[ssa.Instruction]bool)
	var vars map[*ssa.Call]types.Object // lazily: the variable each acquisition assigns
	for _, tr := range e.acquisitionsOf(fn) {
		if tr.scoped {
			continue // the transaction's end releases it; its own finding covers the rest
		}
		// overwrite is where the resource's variable gets another value
		// while it still holds the resource.
		var overwrite token.Pos
		mine := e.syntax.assignedVar(tr)
		out := e.search(tr, func(instr ssa.Instruction, s state) {
			if overwrite.IsValid() || s&deferred != 0 {
				return
			}
			switch instr := instr.(type) {
			case *ssa.Store:
				// A deferred closure that closes what the variable holds
				// at exit (deferredCell) closes the new value, not this one.
				if tr.uses[instr].eff == effCellOverwrite && s&inCell != 0 {
					overwrite = instr.Pos()
				}
			case *ssa.Call:
				if mine == nil || instr == tr.start || s.releasedAtExit() {
					return
				}
				if vars == nil {
					vars = make(map[*ssa.Call]types.Object)
					for _, other := range e.acquisitionsOf(fn) {
						vars[other.start] = e.syntax.assignedVar(other)
					}
				}
				if vars[instr] == mine {
					overwrite = instr.Pos()
				}
			}
		})
		for _, d := range e.deferLoops(tr) {
			d.Resource = e.leak(tr, nil)
			res.DeferLoops = append(res.DeferLoops, d)
		}
		e.held(tr, res, seen)
		e.globalStores(tr, res)
		if tr.kind.Pool && e.livesForever(fn) {
			continue
		}
		switch {
		case len(out.exits) > 0:
			l := e.leak(tr, out.exits)
			if tr.onlyInVariable() {
				l.Overwrite = overwrite // else another name still holds it: the overwrite loses nothing
			}
			if !l.Discarded {
				l.Fix = e.fix(tr, out)
			}
			res.Leaks = append(res.Leaks, l)
		case out.iteration:
			res.Iterations = append(res.Iterations, e.leak(tr, nil))
		}
	}
}

// onlyInVariable reports whether the resource is held by its variable
// alone: no conversion, type assertion or holder gives it another name.
func (tr *tracking) onlyInVariable() bool {
	for v, a := range tr.aliases {
		if !a.direct() {
			return false
		}
		switch v.(type) {
		case *ssa.Phi, *ssa.Extract, *ssa.Call:
		case *ssa.UnOp:
			if a&viaCell == 0 {
				return false // a load of a field
			}
		default:
			return false
		}
	}
	return true
}

// livesForever reports whether a pool that fn opens is the program's
// pool, which lives as long as the process: fn runs once, see runsOnce.
func (e *engine) livesForever(fn *ssa.Function) bool {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	if e.onceFuncs == nil {
		e.onceFuncs = runsOnce(e.funcs)
	}
	return e.onceFuncs[fn]
}

// runsOnce returns the functions of funcs that run once per process:
// main.main, init functions, TestMain, and functions of package main
// that only they (or tests) call (the run() that main calls), never used
// as values (a handler). A test itself is not one: -count and b.N run it
// again.
func runsOnce(funcs []*ssa.Function) map[*ssa.Function]bool {
	callers := make(map[*ssa.Function][]*ssa.Function)
	escapes := make(map[*ssa.Function]bool)
	once := make(map[*ssa.Function]bool)
	for _, f := range funcs {
		name := f.Name()
		if f.Parent() == nil && f.Signature.Recv() == nil &&
			(name == "main" && f.Pkg.Pkg.Name() == "main" || name == "init" || strings.HasPrefix(name, "init#") || name == "TestMain") {
			once[f] = true
		}
		top := f
		for top.Parent() != nil {
			top = top.Parent()
		}
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				var rands []*ssa.Value
				for _, op := range instr.Operands(rands) {
					g, ok := (*op).(*ssa.Function)
					if !ok || g.Parent() != nil {
						continue
					}
					if c, ok := instr.(ssa.CallInstruction); ok && c.Common().Value == g {
						callers[g] = append(callers[g], top)
					} else {
						escapes[g] = true
					}
				}
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for g, cs := range callers {
			if once[g] || escapes[g] || g.Pkg == nil || g.Pkg.Pkg.Name() != "main" {
				continue
			}
			all := true
			for _, c := range cs {
				all = all && (once[c] || isTest(c)) // a test may call run() as main does
			}
			if all {
				once[g], changed = true, true
			}
		}
	}
	return once
}

// leak builds the finding for tr, lost through the earliest of exits.
func (e *engine) leak(tr *tracking, exits []*ssa.Return) *Leak {
	l := &Leak{Kind: tr.kind}
	// The exit named is the one a reader believes first: an ordinary
	// return before one that needs another acquisition to fail, then the
	// earliest.
	var first token.Pos
	var firstRet *ssa.Return
	firstSecond := true
	for _, ret := range exits {
		p := ret.Pos()
		if !p.IsValid() {
			p = e.syntax.end(tr.fn)
		}
		second := e.afterOtherFailure(tr, ret)
		if first == token.NoPos || firstSecond && !second || second == firstSecond && p < first {
			first, firstSecond, firstRet = p, second, ret
		}
	}
	l.Exit = first
	if len(exits) > 0 {
		l.Implicit = first == e.syntax.end(tr.fn)
	}
	l.Callee = calleeName(tr.start)
	l.Partial = tr.partial
	if l.Partial == "" && firstRet != nil {
		// A helper that releases it as its result says, called on the
		// way to the exit named: the result said no.
		for _, p := range tr.pending {
			if before(p.call, firstRet) {
				l.Partial, l.PartialWhen = calleeName(p.call), p.cond.When
				break
			}
		}
	}
	l.ErrOnly = e.errOnly(tr)
	named := e.syntax.describe(l, tr)
	l.Discarded = !named && unused(tr.roots) && len(tr.holderRoots) == 0
	if l.Discarded {
		l.Fix = nil
	}
	return l
}

// afterOtherFailure reports whether ret lies where the error of another
// acquisition was found not nil (if err != nil { return err } after a
// second Query): a path a reader believes less than an ordinary one.
func (e *engine) afterOtherFailure(tr *tracking, ret *ssa.Return) bool {
	other := func(v ssa.Value) bool {
		x, ok := v.(*ssa.Extract)
		if !ok {
			return false
		}
		call, ok := x.Tuple.(*ssa.Call)
		return ok && call != tr.start && len(e.acquires(call)) > 0
	}
	return testedNil(ret.Block(), other, nil) == nonNil
}

// errOnly reports whether the only use of a single row (a kind read by
// Scan) is its Err, which does not release it.
func (e *engine) errOnly(tr *tracking) bool {
	if !tr.kind.Read || len(tr.kind.ErrNil) == 0 {
		return false
	}
	n := 0
	for instr, u := range tr.uses {
		if !u.direct {
			continue
		}
		call, ok := instr.(*ssa.Call)
		if !ok {
			if u.eff != effNone {
				return false
			}
			continue
		}
		if _, name := e.staticCallee(&call.Call); !slices.Contains(tr.kind.ErrNil, name) {
			return false
		}
		n++
	}
	return n > 0
}

// expectedToPanic reports whether fn is a function literal that a
// testify assertion (require.Panics, assert.PanicsWithValue …) expects to
// panic: what it acquires, it does not get.
func (e *engine) expectedToPanic(fn *ssa.Function) bool {
	parent := fn.Parent()
	if parent == nil {
		return false
	}
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			_, name := e.staticCallee(&call.Call)
			if !strings.HasPrefix(strings.TrimPrefix(name, "(*"), "github.com/stretchr/testify/") || !strings.Contains(name, ".Panics") {
				continue
			}
			for _, a := range call.Call.Args {
				if ct, ok := a.(*ssa.ChangeType); ok {
					a = ct.X // func() converted to assert.PanicTestFunc
				}
				if mc, ok := a.(*ssa.MakeClosure); ok && mc.Fn == fn || a == fn {
					return true
				}
			}
		}
	}
	return false
}

// isTest reports whether fn is a test, benchmark, fuzz test, example or
// TestMain of a _test.go file.
func isTest(fn *ssa.Function) bool {
	if fn.Pkg == nil || !strings.HasSuffix(fn.Prog.Fset.Position(fn.Pos()).Filename, "_test.go") {
		return false
	}
	for _, p := range []string{"Test", "Benchmark", "Fuzz", "Example"} {
		if strings.HasPrefix(fn.Name(), p) {
			return true
		}
	}
	return false
}

// calleeName returns the name of the function or method call invokes: for
// a method value's $bound wrapper, the method's.
func calleeName(call *ssa.Call) string {
	c := call.Common()
	switch callee := c.StaticCallee(); {
	case c.IsInvoke():
		return c.Method.Name()
	case callee.Object() != nil:
		return callee.Object().Name()
	default:
		return callee.Name()
	}
}

// unused reports whether no instruction but debug information uses values.
func unused(values []ssa.Value) bool {
	for _, v := range values {
		for _, instr := range *v.Referrers() {
			if _, ok := instr.(*ssa.DebugRef); !ok {
				return false
			}
		}
	}
	return true
}
