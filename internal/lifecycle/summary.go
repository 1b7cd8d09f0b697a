package lifecycle

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A Fate is what a function does with one of its parameters.
type Fate uint8

const (
	Unknown     Fate = iota // anything else: kept, handed on
	Releases                // released on every path
	Borrows                 // only used: neither released nor kept, the caller still owns it
	Conditional             // released exactly when a result says so (see Summary.Conds)
	Partial                 // released on some paths only, not told by a result: the caller still owns it
)

// Summary is the fact leaklint exports for a function: what it does with
// its parameters and which of its results the caller owns. It is what
// makes helpers precise across packages.
type Summary struct {
	// Params holds the fate of each parameter, the receiver first.
	Params []Fate
	// Names holds the parameters' names, for the fact's text.
	Names []string
	// Owned lists the results that are new resources the caller must release.
	Owned []Owned
	// Reads lists the parameters, of interface type, that the function
	// releases if they are single rows (it calls their Scan).
	Reads []int
	// ErrTrue and ErrFalse list the error parameters whose non-nil value a
	// true (ErrTrue) or false (ErrFalse) bool result shows: isFatal(err),
	// ok(w, err).
	ErrTrue, ErrFalse []int
	// Wraps lists the error parameters that the single error result is
	// nil exactly when: wrap(err, "query").
	Wraps []int
	// Accumulates lists the error parameters that the single error
	// result stands for once the receiver's error field is empty: the
	// function stores the parameter (or an error made of it) into that
	// field when it is not nil and returns the field (gorm's AddError).
	Accumulates []ErrField
	// NilFor lists results that are nil whenever an error parameter is
	// (pq.As(err), a code lookup): where such a result is not nil, neither
	// was the error.
	NilFor []ErrResult
	// NonNil lists the error parameters that are not nil once the
	// function returns: a test helper that stops the test when the call
	// did not fail (mustFail(t, err)).
	NonNil []int
	// NilErr says that the function's last result, an error, is nil on
	// every return (a formatter that keeps an error result for its
	// signature's sake): a caller's "if err != nil" never runs.
	NilErr bool
	// Queries lists the pools the function checks a connection out of:
	// parameters, or pool fields of parameters.
	Queries []Query
	// Forwards lists the function parameters whose results the function
	// returns as its own (nil where it returns none): a runner, retrying
	// or timing the function it is given. What that function returns, a
	// call of the runner returns.
	Forwards []int
	// Next lists the parameters released when the function, which returns
	// a bool, returns false: a wrapper of Rows.Next.
	Next []int
	// Conds lists, for parameters whose fate is Conditional, the result
	// that tells whether the function released them.
	Conds []Cond
	// Held lists the parameters that the function keeps in a result: a
	// constructor's struct, sqlc's q.WithTx(tx), or the parameter itself
	// returned. The caller still owns them (their fate is Borrows), and
	// the result holds them: returning or storing it hands them on.
	Held []Hold
}

// A Cond says that a function releases parameter Param exactly when its
// result Result is as When says: a helper that closes the rows on its
// error path and returns them open on success (WhenErr), or closes them
// when it found no row and says so with a false result (WhenFalse).
type Cond struct {
	Param, Result int
	When          When
}

// A When is the value of a result that goes with a release.
type When uint8

const (
	WhenErr   When = iota + 1 // the error result is not nil
	WhenNoErr                 // the error result is nil
	WhenFalse                 // the boolean result is false
	WhenTrue                  // the boolean result is true
)

// result words what a helper returns when it has released: "no error".
func (w When) result() string {
	switch w {
	case WhenErr:
		return "an error"
	case WhenNoErr:
		return "no error"
	case WhenFalse:
		return "false"
	}
	return "true"
}

// String spells w for a fact's text.
func (w When) String() string {
	return [...]string{"", "err", "nil", "false", "true"}[w]
}

// An ErrResult pairs an error parameter with a result.
type ErrResult struct{ Param, Result int }

// An ErrField names an error parameter and the field, by index, of the
// receiver's struct that accumulates it.
type ErrField struct{ Param, Field int }

// A Hold says that a function keeps parameter Param in result Result:
// inside a struct it returns, or as the result itself (Same).
type Hold struct {
	Param, Result int
	Same          bool
}

// A Query is a pool a function checks a connection out of: parameter
// Param itself (Path ""), or a field of it, Path giving the fields' indices
// (".0" for s.db, ".2.0" for b.store.db); or the package-level variable
// Global (its package path and name), whatever Param says.
type Query struct {
	Param     int
	Path      string
	FieldName string // ".store.db", for the fact's text
	Global    string
}

// Owned says that a result is a new resource of a kind.
type Owned struct {
	Result int
	Type   string // the kind's type, e.g. "*database/sql.Rows"
	// Release lists, for a type that is not in the table (a struct that
	// owns rows), the methods that release it, in canonical notation.
	Release []string
	// Next lists, for such a type, the methods whose false result
	// releases it (an interface's Next, like Rows.Next).
	Next       []string
	Class      Class
	Unreleased string
	Verb       string
	Pool       bool // a struct that owns a pool is a pool
	// Also lists other results that hold the same resource (a struct the
	// function returns beside it, holding it): releasing any releases it.
	Also []int
	// Holds says, for such a type, that it keeps a connection checked out
	// while it is open (see Kind.Holds).
	Holds bool
	// MaybeNil says that the function may return the result nil with a
	// nil error (a lookup that found nothing): callers must not release
	// it unchecked.
	MaybeNil bool
}

func (*Summary) AFact() {}

// String prints the fact as the tests expect it:
// "releases(r) borrows(x) returns(*database/sql.Rows)".
func (s *Summary) String() string {
	var parts []string
	for i, f := range s.Params {
		switch f {
		case Releases:
			parts = append(parts, fmt.Sprintf("releases(%s)", s.Names[i]))
		case Borrows:
			parts = append(parts, fmt.Sprintf("borrows(%s)", s.Names[i]))
		case Partial:
			parts = append(parts, fmt.Sprintf("sometimes(%s)", s.Names[i]))
		}
	}
	for _, c := range s.Conds {
		parts = append(parts, fmt.Sprintf("releases(%s if %s)", s.Names[c.Param], c.When))
	}
	for _, i := range s.Reads {
		parts = append(parts, fmt.Sprintf("reads(%s)", s.Names[i]))
	}
	for _, i := range s.Next {
		parts = append(parts, fmt.Sprintf("next(%s)", s.Names[i]))
	}
	for _, q := range s.Queries {
		if q.Global != "" {
			parts = append(parts, fmt.Sprintf("queries(%s)", q.Global))
			continue
		}
		parts = append(parts, fmt.Sprintf("queries(%s%s)", s.Names[q.Param], q.FieldName))
	}
	for _, i := range s.ErrTrue {
		parts = append(parts, fmt.Sprintf("errtrue(%s)", s.Names[i]))
	}
	for _, i := range s.ErrFalse {
		parts = append(parts, fmt.Sprintf("errfalse(%s)", s.Names[i]))
	}
	for _, i := range s.Wraps {
		parts = append(parts, fmt.Sprintf("wraps(%s)", s.Names[i]))
	}
	for _, i := range s.Forwards {
		parts = append(parts, fmt.Sprintf("forwards(%s)", s.Names[i]))
	}
	for _, a := range s.Accumulates {
		parts = append(parts, fmt.Sprintf("accumulates(%s@%d)", s.Names[a.Param], a.Field))
	}
	for _, n := range s.NilFor {
		parts = append(parts, fmt.Sprintf("nilfor(%s@%d)", s.Names[n.Param], n.Result))
	}
	for _, i := range s.NonNil {
		parts = append(parts, fmt.Sprintf("nonnil(%s)", s.Names[i]))
	}
	for _, h := range s.Held {
		verb := "holds"
		if h.Same {
			verb = "passes"
		}
		parts = append(parts, fmt.Sprintf("%s(%s@%d)", verb, s.Names[h.Param], h.Result))
	}
	for _, o := range s.Owned {
		parts = append(parts, fmt.Sprintf("returns(%s)", o.Type))
	}
	if s.NilErr {
		parts = append(parts, "nilerr")
	}
	return strings.Join(parts, " ")
}

// empty reports whether s says nothing worth exporting.
func (s *Summary) empty() bool {
	if s == nil {
		return true
	}
	if len(s.Owned) > 0 || len(s.Next) > 0 || len(s.Reads) > 0 || len(s.Queries) > 0 || len(s.Held) > 0 || len(s.Conds) > 0 ||
		len(s.ErrTrue) > 0 || len(s.ErrFalse) > 0 || len(s.Wraps) > 0 ||
		len(s.Accumulates) > 0 || len(s.Forwards) > 0 || len(s.NilFor) > 0 || len(s.NonNil) > 0 || s.NilErr {
		return false
	}
	for _, f := range s.Params {
		if f != Unknown {
			return false
		}
	}
	return true
}

// ownedList returns the owned results of s, none for a nil summary.
func (s *Summary) ownedList() []Owned {
	if s == nil {
		return nil
	}
	return s.Owned
}

// nextParams returns the parameters that a false result releases.
func (s *Summary) nextParams() []int {
	if s == nil {
		return nil
	}
	return s.Next
}

// condOf returns the Conds of parameter i.
func (s *Summary) condOf(i int) []Cond {
	var out []Cond
	for _, c := range s.Conds {
		if c.Param == i {
			out = append(out, c)
		}
	}
	return out
}

// param returns the fate of parameter i.
func (s *Summary) param(i int) Fate {
	if s == nil || i >= len(s.Params) {
		return Unknown
	}
	return s.Params[i]
}

// summary returns what fn does with its parameters and results: computed
// for the functions of this package (recursion sees Unknown), read from
// facts for the others.
func (e *engine) summary(fn *ssa.Function) *Summary {
	if s, ok := e.summaries[fn]; ok {
		if s == nil && e.computing[fn] {
			e.guessed[fn] = true
			return e.guess(fn)
		}
		return s
	}
	if fn.Pkg == nil || fn.Pkg.Pkg != e.pass.Pkg || fn.Blocks == nil {
		s := new(Summary)
		if obj, ok := fn.Object().(*types.Func); ok && fn.Pkg != nil && fn.Pkg.Pkg != e.pass.Pkg {
			if !e.pass.ImportObjectFact(obj, s) {
				s = nil
			}
		}
		e.summaries[fn] = s
		return s
	}
	mark := len(e.summarized)
	e.summaries[fn] = nil // in progress: see guess
	e.computing[fn] = true
	e.inProgress = append(e.inProgress, fn)
	s := e.summarize(fn)
	e.inProgress = e.inProgress[:len(e.inProgress)-1]
	delete(e.computing, fn)
	if e.guessed[fn] && !guessHeld(s, e.guess(fn)) {
		// A recursive call was taken to borrow what it is given, and fn
		// does not: forget what was computed on that guess, and compute
		// fn again with recursive calls seeing no fact.
		for _, g := range e.summarized[mark:] {
			delete(e.summaries, g)
			delete(e.acquired, g)
		}
		e.summarized = e.summarized[:mark]
		delete(e.acquired, fn)
		e.noGuess[fn] = true
		e.summaries[fn] = nil
		e.computing[fn] = true
		s = e.summarize(fn)
		delete(e.computing, fn)
	}
	e.summaries[fn] = s
	e.summarized = append(e.summarized, fn)
	return s
}

// guess returns the summary a recursive call of fn sees while fn's own is
// being computed: every parameter leaklint follows is borrowed (a walker
// that passes its state down, sqlboiler's eager loading). If fn's summary
// then says otherwise, the guess is undone (see summary). With noGuess,
// the call sees no fact.
func (e *engine) guess(fn *ssa.Function) *Summary {
	if e.noGuess[fn] {
		return nil
	}
	g := &Summary{}
	for _, p := range fn.Params {
		g.Names = append(g.Names, p.Name())
		f := Unknown
		if e.paramKind(p.Type()) != nil {
			f = Borrows
		}
		g.Params = append(g.Params, f)
	}
	return g
}

// guessHeld reports whether summary s agrees with guess g: every
// parameter g borrows, s borrows too, and keeps in no result.
func guessHeld(s, g *Summary) bool {
	if g == nil {
		return true
	}
	for i, f := range g.Params {
		if f != Borrows {
			continue
		}
		if s.param(i) != Borrows {
			return false
		}
		for _, h := range s.Held {
			if h.Param == i {
				return false
			}
		}
	}
	return true
}

// summarize computes the summary of fn, a function of this package.
func (e *engine) summarize(fn *ssa.Function) *Summary {
	s := &Summary{}
	results := fn.Signature.Results()
	boolResult := results.Len() == 1 && types.Identical(results.At(0).Type(), types.Typ[types.Bool])
	errResult := results.Len() == 1 && isError(results.At(0).Type())
	for i, p := range fn.Params {
		s.Names = append(s.Names, p.Name())
		if boolResult && isError(p.Type()) {
			t, f := e.errPolarity(fn, p)
			if t {
				s.ErrTrue = append(s.ErrTrue, i)
			}
			if f {
				s.ErrFalse = append(s.ErrFalse, i)
			}
		}
		if errResult && isError(p.Type()) && e.errWrapper(fn, p) {
			s.Wraps = append(s.Wraps, i)
		} else if errResult && isError(p.Type()) && i > 0 {
			if f, ok := e.errAccumulator(fn, p); ok {
				s.Accumulates = append(s.Accumulates, ErrField{Param: i, Field: f})
			}
		}
		if isError(p.Type()) {
			nilFor, nonNil := e.errParam(fn, p)
			for _, j := range nilFor {
				s.NilFor = append(s.NilFor, ErrResult{Param: i, Result: j})
			}
			if nonNil {
				s.NonNil = append(s.NonNil, i)
			}
		}
		if forwards(fn, p) {
			s.Forwards = append(s.Forwards, i)
		}
		fate := Unknown
		if k := e.paramKind(p.Type()); k != nil {
			tr := e.track(&resource{kind: k, fn: fn, roots: []ssa.Value{p}})
			switch {
			case e.isNextWrapper(tr):
				s.Next = append(s.Next, i)
			default:
				pf := e.fateOf(tr, true)
				fate = pf.fate
				for _, h := range pf.held {
					h.Param = i
					s.Held = append(s.Held, h)
				}
				for _, c := range pf.conds {
					c.Param = i
					s.Conds = append(s.Conds, c)
				}
				if k == closerKind && fate != Releases && e.hasReadMethod(p.Type()) &&
					e.fate(&resource{kind: readerKind, fn: fn, roots: []ssa.Value{p}}) == Releases {
					s.Reads = append(s.Reads, i)
				}
			}
		}
		s.Params = append(s.Params, fate)
	}
	s.NilErr = e.nilErrResult(fn)
	s.Owned = e.owned(fn)
	e.summaries[fn] = s // before queries: recursion sees the parameters' fates
	s.Queries = e.queries(fn)
	return s
}

// forwards reports whether fn returns what its function parameter p
// returns: p's results are fn's, and at every return each result but a
// last error is nil or that result of a call of p (through phis), one of
// them at least.
func forwards(fn *ssa.Function, p *ssa.Parameter) bool {
	sig, ok := p.Type().Underlying().(*types.Signature)
	results := fn.Signature.Results()
	if !ok || results.Len() == 0 || !types.Identical(sig.Results(), results) {
		return false
	}
	n := results.Len()
	found := false
	var fwd func(v ssa.Value, k int, seen map[*ssa.Phi]bool) bool
	fwd = func(v ssa.Value, k int, seen map[*ssa.Phi]bool) bool {
		switch v := v.(type) {
		case *ssa.Const:
			return v.Value == nil // nil, or the zero value of a type parameter
		case *ssa.Extract:
			call, ok := v.Tuple.(*ssa.Call)
			if ok && v.Index == k && call.Call.Value == p {
				found = true
				return true
			}
		case *ssa.Call:
			if n == 1 && v.Call.Value == p {
				found = true
				return true
			}
		case *ssa.Phi:
			if seen[v] {
				return true
			}
			seen[v] = true
			for _, e := range v.Edges {
				if !fwd(e, k, seen) {
					return false
				}
			}
			return true
		case *ssa.UnOp:
			// The result's slot, where a function with defers keeps it:
			// nil until stored, then each value stored.
			slot, ok := v.X.(*ssa.Alloc)
			if v.Op != token.MUL || !ok || slot.Parent() != fn {
				return false
			}
			for _, ref := range referrers(slot) {
				switch ref := ref.(type) {
				case *ssa.Store:
					if ref.Addr != slot || !fwd(ref.Val, k, seen) {
						return false
					}
				case *ssa.UnOp:
				default:
					return false // its address taken
				}
			}
			return true
		}
		return false
	}
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		for k, v := range ret.Results {
			if k == n-1 && n > 1 && isError(results.At(k).Type()) {
				continue // the error may be the function's own (ctx.Err())
			}
			if !fwd(v, k, make(map[*ssa.Phi]bool)) {
				return false
			}
		}
	}
	return found
}

// paramKind returns the kind to follow a parameter of type typ as: its
// kind; for an interface with a releasing method (io.Closer), or a struct
// that owns a tracked field (or a struct field that does: ent's Driver
// embeds a Conn that holds the pool), a kind made up for it; nil for
// anything else.
func (e *engine) paramKind(typ types.Type) *Kind {
	return e.paramKindIn(typ, 3)
}

// paramKindIn is paramKind, looking depth levels of structs deep.
func (e *engine) paramKindIn(typ types.Type, depth int) *Kind {
	if k := e.kindOf(typ); k != nil {
		return k
	}
	if iface, ok := typ.Underlying().(*types.Interface); ok {
		for i := 0; i < iface.NumMethods(); i++ {
			name := iface.Method(i).Name()
			if slices.Contains(e.closeNames, name) || slices.Contains(e.readNames, name) ||
				e.methodNames[name] != nil || e.busyNames[name] {
				return closerKind // io.Closer, a scanner, or sqlc's DBTX that a *sql.Tx is passed as
			}
		}
		return nil
	}
	if s, ok := derefStruct(typ); ok {
		for i := 0; i < s.NumFields(); i++ {
			ft := s.Field(i).Type()
			if e.kindOf(ft) != nil {
				return closerKind
			}
			if _, iface := ft.Underlying().(*types.Interface); iface && e.paramKindIn(ft, 0) != nil {
				return closerKind // sqlc's Queries{db DBTX}
			}
			if _, isStruct := ft.Underlying().(*types.Struct); isStruct && depth > 0 && e.paramKindIn(ft, depth-1) != nil {
				return closerKind
			}
		}
	}
	return nil
}

// hasReadMethod reports whether interface typ has a method that releases
// a single row (Scan).
func (e *engine) hasReadMethod(typ types.Type) bool {
	iface, ok := typ.Underlying().(*types.Interface)
	if !ok {
		return false
	}
	for i := 0; i < iface.NumMethods(); i++ {
		if slices.Contains(e.readNames, iface.Method(i).Name()) {
			return true
		}
	}
	return false
}

// closerKind and readerKind stand for whatever resource a parameter of
// interface or owning-struct type holds: closerKind is released by Close,
// Commit, Rollback and the like; readerKind by those and by Scan, which
// releases only a single row.
var (
	closerKind = &Kind{Name: "value"}
	readerKind = &Kind{Name: "value", Read: true}
)

// fate returns what the function does with the resource r, followed from
// its entry: released on every path, only borrowed, or anything else.
func (e *engine) fate(r *resource) Fate {
	return e.fateOf(e.track(r), false).fate
}

// A paramFate is what a function does with a parameter: its fate, the
// results that keep it, and the result that says whether it was released.
type paramFate struct {
	fate  Fate
	held  []Hold
	conds []Cond
}

// fateOf is fate for a resource already tracked, with the results that
// keep it: a parameter whose only transfers are returns of it, or of a
// holder of it, at one result (sqlc's q.WithTx(tx) returns
// &Queries{db: tx}, a constructor returns &Store{db: db}) is borrowed and
// held by that result. With conditional, a resource released on some
// paths only is Conditional when a result tells which (see condOf), and
// Partial otherwise; without, it is Unknown (a closure that releases
// only on error is its caller's business).
func (e *engine) fateOf(tr *tracking, conditional bool) paramFate {
	out := e.paths(tr, nil, conditional)
	switch {
	case len(out.exits) == 0 && out.released && !out.transferred:
		return paramFate{fate: Releases}
	case len(out.exits) > 0 && !out.released && !out.transferred:
		return paramFate{fate: Borrows}
	case !out.released && !tr.kept:
		if h, ok := e.heldBy(tr); ok {
			return paramFate{fate: Borrows, held: []Hold{h}}
		}
	case conditional && out.released && !out.transferred && len(out.exits) > 0:
		if cs := e.condOf(tr, out); len(cs) > 0 {
			return paramFate{fate: Conditional, conds: cs}
		}
		return paramFate{fate: Partial}
	}
	return paramFate{fate: Unknown}
}

// condOf returns the results of tr's function whose value, where it is
// as a Cond says, shows that the resource was released: every return
// reached with it still held (out.exits) has the other value, and the
// returns reached after the release (out.releasedAt) have this one (or,
// for a result that is not exact on that side, some may). An error not
// nil where it closed the rows on failure, nil where a scanning helper
// returns only after Next found no more rows; a boolean false where it
// found no row. On the other value the caller still owns the resource,
// whether or not the helper released it: closing it twice is harmless.
// A helper may say it by several results ("found bool, err error"):
// each is a Cond, exact ones first.
func (e *engine) condOf(tr *tracking, out outcome) []Cond {
	results := tr.fn.Signature.Results()
	held, released := out.exits, out.releasedAt
	for _, r := range released {
		if slices.Contains(held, r) {
			return nil // the same return, released on one path and not on another
		}
	}
	// all reports whether is(result j at ret) for every return of list;
	// some whether isNot is false for one.
	all := func(list []*ssa.Return, j int, is func(ssa.Value, *ssa.BasicBlock) bool) bool {
		for _, ret := range list {
			if !is(ret.Results[j], ret.Block()) {
				return false
			}
		}
		return true
	}
	some := func(list []*ssa.Return, j int, isNot func(ssa.Value, *ssa.BasicBlock) bool) bool {
		for _, ret := range list {
			if !isNot(ret.Results[j], ret.Block()) {
				return true
			}
		}
		return false
	}
	var conds []Cond
	covered := make(map[int]bool)
	for _, exact := range []bool{true, false} {
		// others says, for the returns that released, that is holds on
		// all (exact) or may hold on some.
		others := func(j int, is, isNot func(ssa.Value, *ssa.BasicBlock) bool) bool {
			if exact {
				return all(released, j, is)
			}
			return some(released, j, isNot)
		}
		for j := results.Len() - 1; j >= 0; j-- {
			if covered[j] {
				continue
			}
			t := results.At(j).Type()
			when := When(0)
			switch {
			case isError(t):
				nonNilAt := func(x ssa.Value, b *ssa.BasicBlock) bool { return e.nilnessAt(x, b) == nonNil }
				nilAt := func(x ssa.Value, b *ssa.BasicBlock) bool { return e.nilnessAt(x, b) == isNilErr }
				switch {
				case all(held, j, nilAt) && others(j, nonNilAt, nilAt):
					when = WhenErr
				case all(held, j, nonNilAt) && others(j, nilAt, nonNilAt):
					when = WhenNoErr
				}
			case types.Identical(t, types.Typ[types.Bool]):
				// is(want) says a returned bool is want: a constant, or the
				// resource's own Next, false exactly where it released it.
				is := func(want bool) func(ssa.Value, *ssa.BasicBlock) bool {
					return func(x ssa.Value, _ *ssa.BasicBlock) bool {
						if c, ok := x.(*ssa.Const); ok && c.Value != nil {
							return constant.BoolVal(c.Value) == want
						}
						call, ok := x.(*ssa.Call)
						return ok && e.autoReleaseCall(tr, &call.Call)
					}
				}
				switch {
				case all(held, j, is(true)) && others(j, is(false), is(true)):
					when = WhenFalse
				case all(held, j, is(false)) && others(j, is(true), is(false)):
					when = WhenTrue
				}
			}
			if when != 0 {
				conds = append(conds, Cond{Result: j, When: when})
				covered[j] = true
			}
		}
	}
	return conds
}

// nilnessAt says whether error x, returned from block b, is nil: the
// constant nil; a new error (errors.New, fmt.Errorf, a pointer to a
// struct); a package-level error variable (a sentinel); a value that an
// if dominating b found not nil (or nil); a phi whose every edge agrees.
func (e *engine) nilnessAt(x ssa.Value, b *ssa.BasicBlock) nilness {
	return e.nilnessIn(x, b, 0)
}

// nilnessIn is nilnessAt, to a bounded depth of phis.
func (e *engine) nilnessIn(x ssa.Value, b *ssa.BasicBlock, depth int) nilness {
	switch v := x.(type) {
	case *ssa.Const:
		if v.IsNil() {
			return isNilErr
		}
	case *ssa.MakeInterface:
		switch v.X.(type) {
		case *ssa.Alloc, *ssa.Const:
			return nonNil
		}
		if _, ptr := v.X.Type().Underlying().(*types.Pointer); !ptr {
			return nonNil // a non-pointer value in an interface is never nil
		}
	case *ssa.UnOp:
		if _, ok := v.X.(*ssa.Global); ok && v.Op == token.MUL {
			return nonNil // var ErrNotFound = errors.New(…)
		}
	case *ssa.Call:
		if _, name := e.staticCallee(&v.Call); newErrors[name] {
			return nonNil
		}
	case *ssa.Phi:
		if depth > 4 {
			break
		}
		n := unknownNil
		for i, edge := range v.Edges {
			m := e.nilnessIn(edge, v.Block().Preds[i], depth+1)
			if m == unknownNil || n != unknownNil && m != n {
				n = unknownNil
				break
			}
			n = m
		}
		if n != unknownNil {
			return n
		}
	}
	// An if that dominates b and tested x: if err != nil { return err }.
	return testedNil(b, func(v ssa.Value) bool { return v == x }, nil)
}

// newErrors lists functions whose error result is never nil.
var newErrors = map[string]bool{
	"errors.New": true,
	"fmt.Errorf": true,
}

// heldBy reports whether every transfer of tr is a return that gives, at
// one result, the resource itself or a holder of it, and which.
func (e *engine) heldBy(tr *tracking) (Hold, bool) {
	h := Hold{Result: -1}
	for instr, u := range tr.uses {
		if u.eff != effTransfer {
			continue
		}
		ret, ok := instr.(*ssa.Return)
		if !ok {
			return Hold{}, false
		}
		for j, v := range ret.Results {
			a, ok := tr.aliases[v]
			if !ok {
				continue
			}
			same := a.direct()
			if h.Result >= 0 && (h.Result != j || h.Same != same) {
				return Hold{}, false // in two results, or alone and in a holder
			}
			h.Result, h.Same = j, same
		}
	}
	return h, h.Result >= 0
}

// freeVarFate returns what closure fn does, to a resource of the given kind, with its free variable k:
// effRelease, effNone (only reads it) or effTransfer. cell says whether the
// free variable is the captured variable (the usual case) rather than the
// value.
func (e *engine) freeVarFate(kind *Kind, fn *ssa.Function, k int, cell bool, a alias) (effect, *closureCond) {
	fv := fn.FreeVars[k]
	r := &resource{kind: kind, fn: fn, rootFlags: a}
	if cell {
		r.cell = fv
	} else {
		r.roots = []ssa.Value{fv}
	}
	tr := e.track(r)
	switch pf := e.fateOf(tr, false); pf.fate {
	case Releases:
		return effRelease, nil
	case Borrows:
		return effNone, nil
	}
	if cc := e.closureCondOf(tr); cc != nil {
		return effTransfer, cc
	}
	return effTransfer, nil
}

// A closureCond says that a closure releases the resource exactly when
// the error variable it captures as free variable FreeVar is not nil
// (WhenErr) or nil (WhenNoErr) when it runs: the deferred
// "if err != nil { tx.Rollback() }".
type closureCond struct {
	freeVar int
	when    When
}

// closureCondOf finds the captured error variable whose test decides
// whether closure tr.fn releases the resource: on every path through the
// closure, it releases the resource exactly when the variable is not nil
// (or exactly when it is nil), as the path's own ifs found it.
func (e *engine) closureCondOf(tr *tracking) *closureCond {
	fn := tr.fn
	for k, fv := range fn.FreeVars {
		p, ok := fv.Type().(*types.Pointer)
		if !ok || !isError(p.Elem()) {
			continue
		}
		if when, ok := e.decidedBy(tr, fv); ok {
			return &closureCond{freeVar: k, when: when}
		}
	}
	return nil
}

// decidedBy walks every path of tr's function, knowing what its ifs found
// of the variable fv, and reports whether the resource is released
// exactly where fv is not nil (WhenErr) or exactly where it is nil.
func (e *engine) decidedBy(tr *tracking, fv ssa.Value) (When, bool) {
	type point struct {
		b   *ssa.BasicBlock
		n   nilness
		rel bool
	}
	seen := make(map[point]bool)
	stack := []point{{b: tr.fn.Blocks[0]}}
	var relErr, relNil, heldErr, heldNil, unknown bool
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[p] {
			continue
		}
		seen[p] = true
		n, rel := p.n, p.rel
	path:
		for _, instr := range p.b.Instrs {
			if st, ok := instr.(*ssa.Store); ok && st.Addr == fv {
				n = e.nilnessAt(st.Val, st.Block()) // err = tx.Commit()
			}
			switch tr.uses[instr].eff {
			case effRelease:
				rel = true
			case effTransfer, effDefer, effDeferCell, effDeferIf:
				return 0, false
			}
			switch instr := instr.(type) {
			case *ssa.Panic:
				break path
			case *ssa.Return:
				switch {
				case n == unknownNil:
					unknown = true
				case rel && n == nonNil:
					relErr = true
				case rel:
					relNil = true
				case n == nonNil:
					heldErr = true
				default:
					heldNil = true
				}
			case *ssa.If:
				next := [2]nilness{n, n}
				if c, ok := instr.Cond.(*ssa.BinOp); ok && (c.Op == token.EQL || c.Op == token.NEQ) &&
					(cellOf(c.X) == fv && isNil(c.Y) || cellOf(c.Y) == fv && isNil(c.X)) {
					next = [2]nilness{isNilErr, nonNil}
					if c.Op == token.NEQ {
						next = [2]nilness{nonNil, isNilErr}
					}
				}
				for k, succ := range p.b.Succs {
					stack = append(stack, point{succ, next[k], rel})
				}
			case *ssa.Jump:
				stack = append(stack, point{p.b.Succs[0], n, rel})
			}
		}
	}
	switch {
	case unknown:
		return 0, false
	case relErr && heldNil && !relNil && !heldErr:
		return WhenErr, true
	case relNil && heldErr && !relErr && !heldNil:
		return WhenNoErr, true
	}
	return 0, false
}

// testedNil says what an if that dominates block b found of a value that
// match accepts, compared to nil: the nearest such if decides. after, if
// not nil, must accept the block of the if (a store before it).
func testedNil(b *ssa.BasicBlock, match func(ssa.Value) bool, after func(*ssa.BasicBlock) bool) nilness {
	for d := b.Idom(); d != nil; d = d.Idom() {
		iff, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		c, ok := iff.Cond.(*ssa.BinOp)
		if !ok || (c.Op != token.EQL && c.Op != token.NEQ) {
			continue
		}
		if !(match(c.X) && isNil(c.Y) || match(c.Y) && isNil(c.X)) {
			continue
		}
		if after != nil && !after(d) {
			return unknownNil
		}
		if k := edgeTo(d, b); k >= 0 {
			if (k == 0) == (c.Op == token.NEQ) {
				return nonNil
			}
			return isNilErr
		}
	}
	return unknownNil
}

// isNextWrapper reports whether tr's function returns a single bool that,
// on every return, is the resource's own Next (or a wrapper of it): its
// false result releases the resource, as Next's does.
func (e *engine) isNextWrapper(tr *tracking) bool {
	res := tr.fn.Signature.Results()
	if res.Len() != 1 || !types.Identical(res.At(0).Type(), types.Typ[types.Bool]) {
		return false
	}
	n := 0
	for _, b := range tr.fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		call, ok := ret.Results[0].(*ssa.Call)
		if !ok || !e.autoReleaseCall(tr, &call.Call) {
			return false
		}
		n++
	}
	return n > 0
}

// nilErrResult reports whether fn's last result is an error that every
// return of fn gives as nil: the constant, a phi of such, or the error of
// a call of a function that says the same. A function with no return (it
// panics, or loops forever) says nothing, and neither does one with a
// defer (SSA gives it a recover block): a deferred closure may set a
// named error, or recover a panic into one.
func (e *engine) nilErrResult(fn *ssa.Function) bool {
	results := fn.Signature.Results()
	if results.Len() == 0 || !isError(results.At(results.Len()-1).Type()) || fn.Recover != nil {
		return false
	}
	returns := 0
	for _, b := range fn.Blocks {
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			returns++
			if !e.alwaysNilErr(ret.Results[len(ret.Results)-1], make(map[*ssa.Phi]bool)) {
				return false
			}
		}
	}
	return returns > 0
}

// alwaysNilErr reports whether the error v is nil whatever the path: the
// nil constant, a phi of such values, or the last result of a call of a
// function whose fact says it is (see Summary.NilErr).
func (e *engine) alwaysNilErr(v ssa.Value, seen map[*ssa.Phi]bool) bool {
	switch v := v.(type) {
	case *ssa.Const:
		return v.IsNil()
	case *ssa.Phi:
		if seen[v] {
			return true
		}
		seen[v] = true
		for _, edge := range v.Edges {
			if !e.alwaysNilErr(edge, seen) {
				return false
			}
		}
		return true
	case *ssa.Extract:
		call, ok := v.Tuple.(*ssa.Call)
		return ok && v.Index == v.Tuple.Type().(*types.Tuple).Len()-1 && e.callNilErr(&call.Call)
	case *ssa.Call:
		return e.callNilErr(&v.Call)
	}
	return false
}

// callNilErr reports whether the static callee of c returns a nil error
// on every return.
func (e *engine) callNilErr(c *ssa.CallCommon) bool {
	callee, _ := e.staticCallee(c)
	if callee == nil {
		return false
	}
	s := e.summary(callee)
	return s != nil && s.NilErr
}
