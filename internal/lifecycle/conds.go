package lifecycle

import (
	"go/constant"
	"go/token"

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
}

// maxAtoms bounds the atoms a path remembers, to keep the states of the
// path search few.
const maxAtoms = 32

// condAtoms indexes the atoms of one function.
type condAtoms struct {
	index map[atom]int
	// kills maps an instruction to the atoms whose operand it defines:
	// passing it again (a loop) makes a new value that the old facts do
	// not describe.
	kills map[ssa.Instruction]uint32
}

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
	ca := &condAtoms{index: make(map[atom]int), kills: make(map[ssa.Instruction]uint32)}
	for _, b := range fn.Blocks {
		iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		a, _ := atomOf(iff.Cond)
		if _, done := ca.index[a]; done || count[a] < 2 || len(ca.index) == maxAtoms {
			continue
		}
		i := len(ca.index)
		ca.index[a] = i
		for _, v := range []ssa.Value{a.x, a.y} {
			ca.addKills(v, 1<<i)
		}
	}
	e.condAtoms[fn] = ca
	return ca
}

// addKills records, for operand v of the atoms in bits, the instructions
// that give it a new value: its definition; for a variable, its stores,
// and, if a closure captures it, every call (which may run the closure).
func (ca *condAtoms) addKills(v ssa.Value, bits uint32) {
	switch v := v.(type) {
	case *ssa.Alloc, *ssa.FreeVar:
		captured := false
		for _, r := range *v.Referrers() {
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

// kill forgets the facts about the atoms whose operands instr defines.
func (ca *condAtoms) kill(f fact, instr ssa.Instruction) fact {
	if bits, ok := ca.kills[instr]; ok {
		f.known &^= bits
		f.truth &^= bits
	}
	return f
}
