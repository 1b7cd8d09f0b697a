package lifecycle

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// An errSet is one error and the values that carry it: conversions, phis
// of it and nil, wrappers that return nil for nil, and loads of a local
// variable that every store reaching the load filled with it (a named
// result, kept in memory because a deferred closure reads it).
type errSet struct {
	tr   *tracking
	vals map[ssa.Value]bool
	// nilEdges says whether a phi of the error and nil is the error: true
	// when nil and the error say the same of the resource (an
	// acquisition's error, a helper's that released it when not nil).
	nilEdges bool
	// cellIn and cellSize memoize stores, valid while the set has the
	// size it had.
	cellIn   map[*ssa.Alloc][]bool
	cellSize map[*ssa.Alloc]int
}

// has reports whether v is the error.
func (s *errSet) has(v ssa.Value) bool { return s != nil && s.vals[v] }

// newErrSet returns the set of the error seeds and the values that carry it.
func (e *engine) newErrSet(tr *tracking, seeds []ssa.Value, nilEdges bool) *errSet {
	s := &errSet{tr: tr, vals: make(map[ssa.Value]bool), nilEdges: nilEdges,
		cellIn: make(map[*ssa.Alloc][]bool), cellSize: make(map[*ssa.Alloc]int)}
	work := append([]ssa.Value(nil), seeds...)
	for _, v := range work {
		s.vals[v] = true
	}
	cells := make(map[*ssa.Alloc]bool)
	for {
		for len(work) > 0 {
			v := work[len(work)-1]
			work = work[:len(work)-1]
			for _, instr := range *v.Referrers() {
				var next ssa.Value
				switch instr := instr.(type) {
				case *ssa.Phi:
					if s.allErrs(instr) {
						next = instr
					}
				case *ssa.ChangeInterface, *ssa.MakeInterface, *ssa.ChangeType:
					next = instr.(ssa.Value)
				case *ssa.Call:
					for i, a := range instr.Call.Args {
						if a != v {
							continue
						}
						if e.wrapsErr(instr, i) || e.accumulatesErr(tr.fn, instr, i) {
							next = instr // err = wrap(err, "query")
						}
						for _, r := range e.nilFor(instr, i) {
							if !s.vals[r] {
								s.vals[r] = true // pe := pq.As(err): pe not nil, err not nil
								work = append(work, r)
							}
						}
					}
				case *ssa.Store:
					if a, ok := instr.Addr.(*ssa.Alloc); ok && instr.Val == v && a.Parent() == tr.fn {
						cells[a] = true
					}
				}
				if next != nil && !s.vals[next] {
					s.vals[next] = true
					work = append(work, next)
				}
			}
		}
		for a := range cells {
			for _, r := range *a.Referrers() {
				if load, ok := r.(*ssa.UnOp); ok && load.Op == token.MUL && !s.vals[load] && s.stored(a, load) {
					s.vals[load] = true
					work = append(work, load)
				}
			}
		}
		if len(work) == 0 {
			return s
		}
	}
}

// nilFor returns the results of call that are nil wherever its argument
// i, an error, is (see Summary.NilFor).
func (e *engine) nilFor(call *ssa.Call, i int) []ssa.Value {
	callee, _ := e.staticCallee(&call.Call)
	if callee == nil {
		return nil
	}
	s := e.summary(callee)
	if s == nil {
		return nil
	}
	var out []ssa.Value
	for _, n := range s.NilFor {
		if n.Param != i {
			continue
		}
		if _, tuple := call.Type().(*types.Tuple); !tuple {
			out = append(out, call)
			continue
		}
		for _, r := range *call.Referrers() {
			if x, ok := r.(*ssa.Extract); ok && x.Index == n.Result {
				out = append(out, x)
			}
		}
	}
	return out
}

// trackErrs computes the set of the errors returned beside the resource
// (or, for a kind with an error field, the loads of tx.Error).
func (e *engine) trackErrs(tr *tracking) {
	work := append([]ssa.Value(nil), tr.errVals...)
	if tr.kind.ErrField != "" {
		// Only the acquisition's own error field: tx.Create(u).Error is the
		// error of a statement in the transaction, which stays open.
		for _, v := range tr.roots {
			work = append(work, errFieldLoads(e.chainEnd(tr, v), tr.kind.ErrField)...)
		}
		for v, a := range tr.aliases {
			if load, ok := v.(*ssa.UnOp); ok && a&viaCell != 0 && a.direct() && load.Op == token.MUL {
				work = append(work, errFieldLoads(v, tr.kind.ErrField)...) // tx captured by a closure
			}
		}
	}
	tr.errs = e.newErrSet(tr, work, true)
}

// stored reports whether every store into cell that reaches load stores
// the error: a later `_, err = tx.Exec(…)` is another error. The stores
// reaching each block are computed once per cell, by a forward dataflow
// over the function (see cellStores).
func (s *errSet) stored(cell *ssa.Alloc, load ssa.Instruction) bool {
	b := load.Block()
	for i := indexOf(b, load) - 1; i >= 0; i-- {
		if st, ok := b.Instrs[i].(*ssa.Store); ok && st.Addr == cell {
			return s.vals[st.Val]
		}
	}
	return s.cellStores(cell)[b.Index]
}

// cellStores returns, for each block of the function (by index), whether
// every store into cell that reaches its entry stores the error. The
// initial value of the variable counts as another value.
func (s *errSet) cellStores(cell *ssa.Alloc) []bool {
	if in, ok := s.cellIn[cell]; ok && s.cellSize[cell] == len(s.vals) {
		return in
	}
	blocks := s.tr.fn.Blocks
	// out[b]: 0 no store seen on some path yet (optimistic), 1 the error, 2 another value.
	const (
		unseen = iota
		theErr
		other
	)
	out := make([]int, len(blocks))
	in := make([]int, len(blocks))
	last := make([]int, len(blocks)) // the block's own last store into cell, or unseen
	for _, b := range blocks {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok && st.Addr == cell {
				last[b.Index] = other
				if s.vals[st.Val] {
					last[b.Index] = theErr
				}
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, b := range blocks {
			v := unseen
			if len(b.Preds) == 0 {
				v = other // the initial value
			}
			for _, p := range b.Preds {
				v = max(v, out[p.Index])
			}
			o := v
			if last[b.Index] != unseen {
				o = last[b.Index]
			}
			if v != in[b.Index] || o != out[b.Index] {
				in[b.Index], out[b.Index], changed = v, o, true
			}
		}
	}
	res := make([]bool, len(blocks))
	for i, v := range in {
		res[i] = v == theErr
	}
	s.cellIn[cell], s.cellSize[cell] = res, len(s.vals)
	return res
}

// allErrs reports whether phi is the error on every path from the start:
// each edge is the error, nil (when nil says the same), the phi itself,
// or comes from a block that no path from the start reaches (the other
// branch's own query).
func (s *errSet) allErrs(phi *ssa.Phi) bool {
	for i, v := range phi.Edges {
		if !s.vals[v] && !(isNil(v) && s.nilEdges) && v != phi && s.tr.reachable()[phi.Block().Preds[i]] {
			return false
		}
	}
	return true
}
