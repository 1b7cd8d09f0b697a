package lifecycle

import (
	"fmt"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A Fate is what a function does with one of its parameters.
type Fate uint8

const (
	Unknown  Fate = iota // anything else: kept, handed on, released on some paths only
	Releases             // released on every path
	Borrows              // only used: neither released nor kept, the caller still owns it
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
	// Queries lists the pools the function checks a connection out of:
	// parameters, or pool fields of parameters.
	Queries []Query
	// Next lists the parameters released when the function, which returns
	// a bool, returns false: a wrapper of Rows.Next.
	Next []int
}

// A Query is a pool a function checks a connection out of: parameter
// Param itself (Field -1), or its field Field (s.db).
type Query struct {
	Param, Field int
	FieldName    string // ".db", for the fact's text
}

// Owned says that a result is a new resource of a kind.
type Owned struct {
	Result int
	Type   string // the kind's type, e.g. "*database/sql.Rows"
	// Release lists, for a type that is not in the table (a struct that
	// owns rows), the methods that release it, in canonical notation.
	Release    []string
	Class      Class
	Unreleased string
	Verb       string
	Pool       bool // a struct that owns a pool is a pool
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
		}
	}
	for _, i := range s.Reads {
		parts = append(parts, fmt.Sprintf("reads(%s)", s.Names[i]))
	}
	for _, i := range s.Next {
		parts = append(parts, fmt.Sprintf("next(%s)", s.Names[i]))
	}
	for _, q := range s.Queries {
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
	for _, o := range s.Owned {
		parts = append(parts, fmt.Sprintf("returns(%s)", o.Type))
	}
	return strings.Join(parts, " ")
}

// empty reports whether s says nothing worth exporting.
func (s *Summary) empty() bool {
	if s == nil {
		return true
	}
	if len(s.Owned) > 0 || len(s.Next) > 0 || len(s.Reads) > 0 || len(s.Queries) > 0 ||
		len(s.ErrTrue) > 0 || len(s.ErrFalse) > 0 || len(s.Wraps) > 0 {
		return false
	}
	for _, f := range s.Params {
		if f != Unknown {
			return false
		}
	}
	return true
}

// nextParams returns the parameters that a false result releases.
func (s *Summary) nextParams() []int {
	if s == nil {
		return nil
	}
	return s.Next
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
	e.summaries[fn] = nil // in progress: a recursive call sees no fact
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
		}
		fate := Unknown
		if k := e.paramKind(p.Type()); k != nil {
			tr := e.track(&resource{kind: k, fn: fn, roots: []ssa.Value{p}})
			switch {
			case e.isNextWrapper(tr):
				s.Next = append(s.Next, i)
			default:
				fate = e.fateOf(tr)
				if k == closerKind && fate != Releases && e.hasReadMethod(p.Type()) &&
					e.fate(&resource{kind: readerKind, fn: fn, roots: []ssa.Value{p}}) == Releases {
					s.Reads = append(s.Reads, i)
				}
			}
		}
		s.Params = append(s.Params, fate)
	}
	s.Owned = e.owned(fn)
	e.summaries[fn] = s // before queries: recursion sees the parameters' fates
	s.Queries = e.queries(fn)
	return s
}

// paramKind returns the kind to follow a parameter of type typ as: its
// kind; for an interface with a releasing method (io.Closer), or a struct
// that owns a tracked field, a kind made up for it; nil for anything else.
func (e *engine) paramKind(typ types.Type) *Kind {
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
			if e.kindOf(s.Field(i).Type()) != nil {
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
	return e.fateOf(e.track(r))
}

// fateOf is fate for a resource already tracked. A parameter only stored
// into a struct the function makes, whose type has no method that
// releases it (sqlc's q.WithTx(tx) returns &Queries{db: tx}), is
// borrowed: the caller still owns it and must finish it.
func (e *engine) fateOf(tr *tracking) Fate {
	out := e.search(tr, nil)
	switch {
	case len(out.exits) == 0 && out.released && !out.transferred:
		return Releases
	case len(out.exits) > 0 && !out.released && !out.transferred:
		return Borrows
	case !out.released && !tr.kept && e.onlyWrapped(tr):
		return Borrows
	}
	return Unknown
}

// closeNamed reports whether typ has a method named as a release is
// (Close, Release, Commit…), whatever its body: a generic holder's Close
// may release a field whose type is a type parameter.
func (e *engine) closeNamed(typ types.Type) bool {
	mset := types.NewMethodSet(typ)
	for i := 0; i < mset.Len(); i++ {
		if slices.Contains(e.closeNames, mset.At(i).Obj().Name()) {
			return true
		}
	}
	return false
}

// onlyWrapped reports whether every transfer of tr is a store into a
// struct the function makes, of a type with no releasing method.
func (e *engine) onlyWrapped(tr *tracking) bool {
	wrapped := false
	for instr, u := range tr.uses {
		if u.eff != effTransfer {
			continue
		}
		st, ok := instr.(*ssa.Store)
		if !ok || !tr.intoField(instr) {
			return false // returned, kept, or handed on
		}
		s := st.Addr.(*ssa.FieldAddr).X.(*ssa.Alloc)
		if e.closeNamed(s.Type()) || len(e.releasingMethods(s.Type())) > 0 {
			return false // a holder with a Close of its own owns it
		}
		wrapped = true
	}
	return wrapped
}

// freeVarFate returns what closure fn does, to a resource of the given kind, with its free variable k:
// effRelease, effNone (only reads it) or effTransfer. cell says whether the
// free variable is the captured variable (the usual case) rather than the
// value.
func (e *engine) freeVarFate(kind *Kind, fn *ssa.Function, k int, cell bool) effect {
	fv := fn.FreeVars[k]
	r := &resource{kind: kind, fn: fn}
	if cell {
		r.cell = fv
	} else {
		r.roots = []ssa.Value{fv}
	}
	switch e.fate(r) {
	case Releases:
		return effRelease
	case Borrows:
		return effNone
	}
	return effTransfer
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
