package lifecycle

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// An atom is a condition that an if can test, up to negation: x == c for
// a value x and a constant c (or another value), or a boolean value.
// Conditions that test the same atom are related: err != nil and
// err == nil are complements, and so are ok and !ok.
type atom struct {
	x     ssa.Value
	y     ssa.Value // the other operand, if it is not a constant
	konst string    // the constant compared to, exactly; "" for a boolean x
}

// A fact is what a path has learnt of the atoms its function tests more
// than once: bit i of known says that atom i was tested, bit i of truth
// what it was found to be.
type fact struct {
	known, truth uint32
	// signs holds, two bits a phi, what the path knows of the integer
	// phis that feed the atoms' phis (see condAtoms.signPhis).
	signs uint32
}

// maxAtoms bounds the atoms a path remembers, and maxSignPhis the phis
// whose sign it remembers, to keep the states of the path search few.
const (
	maxAtoms    = 32
	maxSignPhis = 16
)

// condAtoms indexes the atoms of one function.
type condAtoms struct {
	index map[atom]int
	list  []atom // by index
	// phis maps a phi that atoms compare to a constant to those atoms:
	// the edge a path enters the phi's block by gives its value.
	phis map[*ssa.Phi][]int
	// sign holds what the function's integers are known to be, whatever
	// the path (see signs).
	sign map[ssa.Value]sign
	// signPhis numbers the phis whose sign a path remembers: the atoms'
	// phis and, transitively, the phis that flow into them (cur = 0 after
	// Commit merging with cur+1), at most maxSignPhis.
	signPhis map[*ssa.Phi]int
	// ifs lists, for each atom remembered, the ifs that test it.
	ifs map[int][]*ssa.If
	// kills maps an instruction to the atoms whose operand it defines:
	// passing it again (a loop) makes a new value that the old facts do
	// not describe.
	kills map[ssa.Instruction]uint32
}

// noAtoms remembers nothing: the path search with it knows no
// conditions but the stateless ones (see paths).
var noAtoms = &condAtoms{index: map[atom]int{}, kills: map[ssa.Instruction]uint32{},
	phis: map[*ssa.Phi][]int{}, ifs: map[int][]*ssa.If{}}

// atomOf returns the atom that cond tests and whether cond is the atom
// (true) or its negation (false).
func atomOf(cond ssa.Value) (atom, bool) {
	switch c := cond.(type) {
	case *ssa.UnOp:
		if c.Op == token.NOT {
			a, pol := atomOf(c.X)
			return a, !pol
		}
	case *ssa.BinOp:
		if c.Op != token.EQL && c.Op != token.NEQ {
			break
		}
		x, y := c.X, c.Y
		if _, ok := x.(*ssa.Const); ok {
			x, y = y, x
		}
		a := atom{x: cellOf(x)}
		if k, ok := y.(*ssa.Const); ok {
			a.konst = constKey(k)
		} else {
			a.y = cellOf(y)
		}
		return a, c.Op == token.EQL
	}
	return atom{x: cellOf(cond)}, true
}

// cellOf returns, for a load of a local or captured variable, the
// variable: two loads with no store between are the same value (a named
// error result that a deferred closure reads lives in one).
func cellOf(v ssa.Value) ssa.Value {
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		switch cell := load.X.(type) {
		case *ssa.Alloc:
			if !cell.Heap || capturedOnly(cell) {
				return cell
			}
		case *ssa.FreeVar:
			return cell
		}
	}
	return v
}

// capturedOnly reports whether a heap variable is used only by loads,
// stores and closures that capture it: no pointer to it leaves otherwise.
func capturedOnly(cell *ssa.Alloc) bool {
	for _, r := range *cell.Referrers() {
		switch r := r.(type) {
		case *ssa.UnOp, *ssa.MakeClosure, *ssa.DebugRef:
		case *ssa.Store:
			if r.Addr != cell {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// constKey spells a constant's value exactly, nil included.
func constKey(c *ssa.Const) string {
	if c.Value == nil {
		return "nil"
	}
	if c.Value.Kind() == constant.String {
		return "s" + c.Value.ExactString()
	}
	return "v" + c.Value.ExactString()
}

// atoms returns the atoms of fn that more than one if tests (the only
// ones whose facts can prune a path), computed once per function.
func (e *engine) atoms(fn *ssa.Function) *condAtoms {
	if ca, ok := e.condAtoms[fn]; ok {
		return ca
	}
	count := make(map[atom]int)
	for _, b := range fn.Blocks {
		if iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok {
			a, _ := atomOf(iff.Cond)
			count[a]++
		}
	}
	ca := &condAtoms{index: make(map[atom]int), kills: make(map[ssa.Instruction]uint32), phis: make(map[*ssa.Phi][]int),
		ifs: make(map[int][]*ssa.If)}
	for _, b := range fn.Blocks {
		iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		a, _ := atomOf(iff.Cond)
		if i, done := ca.index[a]; done {
			ca.ifs[i] = append(ca.ifs[i], iff)
			continue
		}
		if count[a] < 2 || len(ca.index) == maxAtoms {
			continue
		}
		ca.ifs[len(ca.index)] = append(ca.ifs[len(ca.index)], iff)
		i := len(ca.index)
		ca.index[a] = i
		ca.list = append(ca.list, a)
		for _, v := range []ssa.Value{a.x, a.y} {
			ca.addKills(v, 1<<i)
		}
		if phi, ok := a.x.(*ssa.Phi); ok && a.konst != "" {
			ca.phis[phi] = append(ca.phis[phi], i)
		}
	}
	if len(ca.phis) > 0 {
		ca.sign = signs(fn)
		ca.signPhis = make(map[*ssa.Phi]int)
		var work []*ssa.Phi
		for phi := range ca.phis {
			work = append(work, phi)
		}
		slices.SortFunc(work, func(a, b *ssa.Phi) int {
			if d := a.Block().Index - b.Block().Index; d != 0 {
				return d
			}
			return indexOf(a.Block(), a) - indexOf(b.Block(), b)
		})
		for len(work) > 0 && len(ca.signPhis) < maxSignPhis {
			phi := work[0]
			work = work[1:]
			if _, done := ca.signPhis[phi]; done {
				continue
			}
			ca.signPhis[phi] = len(ca.signPhis)
			for _, edge := range phi.Edges {
				if p, ok := edge.(*ssa.Phi); ok {
					work = append(work, p)
				}
			}
		}
	}
	e.condAtoms[fn] = ca
	return ca
}

// seed returns what a path that starts in block b (after the ifs of the
// blocks that dominate it) knows of the atoms: an if whose edge every path
// to b takes found its atom that way. In a loop this holds until the path
// runs the atom's operand's definition again, which kill sees: a
// condition tested before the acquisition in the same iteration (tern's
// "if useTx { tx = Begin(); defer tx.Rollback() } … if useTx { Commit }").
func (ca *condAtoms) seed(b *ssa.BasicBlock) fact {
	var f fact
	for i, ifs := range ca.ifs {
		for _, iff := range ifs {
			d := iff.Block()
			if d == b || !d.Dominates(b) {
				continue
			}
			_, pol := atomOf(iff.Cond)
			if k := edgeTo(d, b); k >= 0 {
				bit := uint32(1) << i
				f.known |= bit
				if (k == 0) == pol {
					f.truth |= bit
				}
			}
		}
	}
	return f
}

// addKills records, for operand v of the atoms in bits, the instructions
// that give it a new value: its definition; for a variable, its stores,
// and, if a closure captures it, every call (which may run the closure).
func (ca *condAtoms) addKills(v ssa.Value, bits uint32) {
	switch v := v.(type) {
	case *ssa.Alloc, *ssa.FreeVar:
		captured := false
		for _, r := range referrers(v) {
			switch r := r.(type) {
			case *ssa.Store:
				ca.kills[r] |= bits
			case *ssa.MakeClosure:
				captured = true
			}
		}
		if _, free := v.(*ssa.FreeVar); captured || free {
			for _, b := range v.Parent().Blocks {
				for _, instr := range b.Instrs {
					if _, ok := instr.(ssa.CallInstruction); ok {
						ca.kills[instr] |= bits
					}
				}
			}
		}
		if a, ok := v.(*ssa.Alloc); ok {
			ca.kills[a] |= bits
		}
	case ssa.Instruction:
		ca.kills[v] |= bits
	}
}

// test returns, for an if on cond, which successors the facts f allow
// (both when they say nothing of it), and the facts on each successor.
func (ca *condAtoms) test(f fact, cond ssa.Value) (allowed [2]bool, next [2]fact) {
	a, pol := atomOf(cond)
	i, ok := ca.index[a]
	if !ok {
		return [2]bool{true, true}, [2]fact{f, f}
	}
	bit := uint32(1) << i
	for k := range 2 {
		truth := (k == 0) == pol // the atom's value when successor k is taken
		if f.known&bit != 0 && (f.truth&bit != 0) != truth {
			continue // the path found the atom the other way
		}
		allowed[k] = true
		next[k] = fact{known: f.known | bit, truth: f.truth &^ bit}
		if truth {
			next[k].truth |= bit
		}
	}
	return allowed, next
}

// enter returns the facts of a path that enters block b from pred: the
// value of each phi of b is the edge's, so the path knows the sign of
// the phis it remembers, and an atom comparing a phi to a constant is
// known when that value is a constant, or a positive integer compared to
// zero or less (a counter: cur := 0, cur++, cur = 0 after Commit).
func (ca *condAtoms) enter(f fact, b, pred *ssa.BasicBlock) fact {
	if len(ca.index) == 0 || pred == nil {
		return f
	}
	i := slices.Index(b.Preds, pred)
	if i < 0 {
		return f
	}
	old := f
	for _, instr := range b.Instrs {
		if phi, ok := instr.(*ssa.Phi); ok && phi.Edges[i] != phi {
			f = ca.kill(f, phi) // a new value: what the path knew of the old is void
		}
	}
	for _, instr := range b.Instrs {
		phi, ok := instr.(*ssa.Phi)
		if !ok {
			break
		}
		v := phi.Edges[i]
		sg := ca.signOn(old, v)
		if j, ok := ca.signPhis[phi]; ok {
			f.signs = f.signs&^(3<<(2*j)) | uint32(sg)<<(2*j)
		}
		if idx, ok := ca.index[atom{x: phi}]; ok {
			// A boolean phi (first := true … first = false): its edge's
			// constant is its value.
			bit := uint32(1) << idx
			if c, isConst := v.(*ssa.Const); isConst && c.Value != nil && c.Value.Kind() == constant.Bool {
				f.known |= bit
				f.truth &^= bit
				if constant.BoolVal(c.Value) {
					f.truth |= bit
				}
			}
		}
		for _, idx := range ca.phis[phi] {
			a := ca.list[idx]
			bit := uint32(1) << idx
			var truth, known bool
			if c, ok := v.(*ssa.Const); ok {
				truth, known = constKey(c) == a.konst, true
			} else if n, ok := zeroOrLess(a.konst); ok && (sg == positive || sg == nonNegative && n < 0) {
				truth, known = false, true
			}
			f.known &^= bit
			f.truth &^= bit
			if known {
				f.known |= bit
				if truth {
					f.truth |= bit
				}
			}
		}
	}
	return f
}

// signOn returns the sign of v on a path with facts f: a remembered phi's
// as the path found it, else whatever every path knows.
func (ca *condAtoms) signOn(f fact, v ssa.Value) sign {
	if phi, ok := v.(*ssa.Phi); ok {
		if j, ok := ca.signPhis[phi]; ok {
			if sg := sign(f.signs >> (2 * j) & 3); sg != anySign {
				return sg
			}
		}
	}
	if c, ok := v.(*ssa.Const); ok {
		return constSign(c)
	}
	return ca.sign[v]
}

// zeroOrLess returns the integer constant a key spells, if it is zero or
// negative.
func zeroOrLess(key string) (int64, bool) {
	v, ok := strings.CutPrefix(key, "v")
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(v, 10, 64)
	return n, err == nil && n <= 0
}

// A sign is what every path knows of an integer value.
type sign uint8

const (
	anySign     sign = iota
	nonNegative      // at least zero
	positive         // at least one
)

// signs finds the integers of fn that are never negative, or never below
// one, whatever the path: constants, len and cap, a value plus a positive
// constant, and phis of such (a counter that starts at zero and only
// grows). A fixed point from the optimistic start, so that a loop's phi
// can depend on itself.
func signs(fn *ssa.Function) map[ssa.Value]sign {
	out := make(map[ssa.Value]sign)
	var vals []ssa.Value
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if v, ok := instr.(ssa.Value); ok {
				if basic, ok := v.Type().Underlying().(*types.Basic); ok && basic.Info()&types.IsInteger != 0 {
					vals = append(vals, v)
					switch v := v.(type) {
					case *ssa.Phi:
						out[v] = positive // optimistic: lowered until it holds
					case *ssa.BinOp:
						if v.Op == token.ADD {
							out[v] = positive
						}
					}
				}
			}
		}
	}
	of := func(v ssa.Value) sign {
		if c, ok := v.(*ssa.Const); ok {
			return constSign(c)
		}
		return out[v]
	}
	for changed := true; changed; {
		changed = false
		for _, v := range vals {
			var s sign
			switch v := v.(type) {
			case *ssa.Phi:
				s = positive
				for _, e := range v.Edges {
					s = min(s, of(e))
				}
			case *ssa.BinOp:
				if v.Op == token.ADD {
					x, y := of(v.X), of(v.Y)
					switch {
					case x == positive && y >= nonNegative || y == positive && x >= nonNegative:
						s = positive
					case x >= nonNegative && y >= nonNegative:
						s = nonNegative
					}
				}
			case *ssa.Call:
				if b, ok := v.Call.Value.(*ssa.Builtin); ok && (b.Name() == "len" || b.Name() == "cap") {
					s = nonNegative
				}
			}
			if s != out[v] {
				out[v], changed = s, true
			}
		}
	}
	return out
}

// constSign returns the sign of an integer constant.
func constSign(c *ssa.Const) sign {
	if c.Value == nil || c.Value.Kind() != constant.Int {
		return anySign
	}
	switch n, _ := constant.Int64Val(c.Value); {
	case n >= 1:
		return positive
	case n == 0:
		return nonNegative
	}
	return anySign
}

// kill forgets the facts about the atoms whose operands instr defines.
func (ca *condAtoms) kill(f fact, instr ssa.Instruction) fact {
	if bits, ok := ca.kills[instr]; ok {
		f.known &^= bits
		f.truth &^= bits
	}
	return f
}
