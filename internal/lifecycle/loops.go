package lifecycle

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A DeferLoop is a deferred release inside a loop: every iteration's
// resource is held until the function returns.
type DeferLoop struct {
	Defer    token.Pos // the defer keyword
	End      token.Pos // its end: findings highlight the keyword alone
	Call     string    // the deferred call as written, e.g. "rows.Close()"
	Resource *Leak     // the resource it releases
}

// A Held is an operation performed while a resource is held: a query on
// the same pool (a second connection), or a blocking wait in a loop.
type Held struct {
	Pos, End token.Pos // the call or channel operation
	Op       string    // e.g. "QueryRow on the pool", "time.Sleep", "a channel receive"
	Resource *Leak     // the resource held
	Stmt     bool      // the query runs a statement prepared on the pool
}

// blocking lists the calls that wait for something outside the process
// or another goroutine: made while a transaction or connection is held in
// a loop, they keep the connection checked out and idle.
var blocking = map[string]bool{
	"time.Sleep":                               true,
	"(*sync.WaitGroup).Wait":                   true,
	"(*sync.Cond).Wait":                        true,
	"(*net/http.Client).Do":                    true,
	"(*net/http.Client).Get":                   true,
	"(*net/http.Client).Head":                  true,
	"(*net/http.Client).Post":                  true,
	"(*net/http.Client).PostForm":              true,
	"net/http.Get":                             true,
	"net/http.Head":                            true,
	"net/http.Post":                            true,
	"net/http.PostForm":                        true,
	"(*golang.org/x/sync/errgroup.Group).Wait": true,
}

// A poolKey identifies a pool value: the same SSA value, or loads of the
// same path of fields from the same value (s.db twice, e.store.db), or
// from the same global.
type poolKey struct {
	base   ssa.Value
	global *ssa.Global
	path   string // the fields, outermost first: ".3.0"; "" for the value itself
}

// poolKeyOf returns the key of pool value v.
func poolKeyOf(v ssa.Value) poolKey {
	var k poolKey
	var fields []int
	for range 8 {
		switch x := v.(type) {
		case *ssa.UnOp:
			if x.Op == token.MUL {
				if fa, ok := x.X.(*ssa.FieldAddr); ok {
					fields = append(fields, fa.Field)
					v = fa.X
					continue
				}
				if g, ok := x.X.(*ssa.Global); ok {
					k.global = g
					return k.withFields(fields)
				}
			}
		case *ssa.Field:
			fields = append(fields, x.Field)
			v = x.X
			continue
		}
		break
	}
	k.base = v
	return k.withFields(fields)
}

// withFields sets the path of k to fields, given innermost first.
func (k poolKey) withFields(fields []int) poolKey {
	var b strings.Builder
	for i := len(fields) - 1; i >= 0; i-- {
		fmt.Fprintf(&b, ".%d", fields[i])
	}
	k.path = b.String()
	return k
}

// depth returns the number of fields in k's path.
func (k poolKey) depth() int { return strings.Count(k.path, ".") }

// poolOf returns the key of the pool tr was acquired from, if any: for
// rows and transactions, not a dedicated connection, which is taken to
// work beside the pool (a LISTEN loop, an advisory lock).
func (e *engine) poolOf(tr *tracking) (poolKey, bool) {
	dedicated := tr.kind.Session && !tr.kind.NoWait
	if !tr.kind.Holds || dedicated || tr.start == nil || tr.start.Call.IsInvoke() || len(tr.start.Call.Args) == 0 {
		return poolKey{}, false
	}
	recv := tr.start.Call.Args[0]
	if k := e.kindOf(recv.Type()); k == nil || !k.Pool || tr.start.Call.Signature().Recv() == nil {
		return poolKey{}, false
	}
	return poolKeyOf(recv), true
}

// busyOp describes instr if it checks a connection out of pool: a busy
// method on it, or a call of a function whose fact says it queries the
// pool (or the struct that holds it) passed as an argument.
func (e *engine) busyOp(instr ssa.Instruction, pool poolKey, held *tracking) string {
	call, ok := instr.(*ssa.Call)
	if !ok || call.Call.IsInvoke() {
		return ""
	}
	callee, name := e.staticCallee(&call.Call)
	if callee == nil {
		return ""
	}
	if e.busy[name] {
		if len(call.Call.Args) > 0 && poolKeyOf(call.Call.Args[0]) == pool {
			return callee.Name() + " on the pool"
		}
		return ""
	}
	if e.runs[name] {
		if len(call.Call.Args) > 0 {
			if k, ok := e.preparedOn(call.Call.Args[0]); ok && k == pool {
				return callee.Name() + " on a statement prepared on the pool"
			}
		}
		return ""
	}
	for _, a := range call.Call.Args {
		if held != nil && held.hasAlias(a) {
			return "" // given the transaction too: taken to use it (s.exec(ctx, tx, q))
		}
	}
	for _, q := range e.calleeQueries(call) {
		if q.Global != "" {
			if pool.global != nil && globalName(pool.global) == q.Global {
				return callee.Name() + ", which queries the pool,"
			}
			continue
		}
		if q.Param >= len(call.Call.Args) {
			continue
		}
		a := call.Call.Args[q.Param]
		k := poolKeyOf(a)
		k.path += q.Path
		if k == pool {
			return callee.Name() + ", which queries the pool,"
		}
	}
	return ""
}

// queries returns the pools fn checks a connection out of: its pool
// parameters and the pool fields of its struct parameters, used by a busy
// call or passed to a function that queries them.
func (e *engine) queries(fn *ssa.Function) []Query {
	var out []Query
	seen := make(map[Query]bool)
	spills := spilledParams(fn)
	// Package-level pools, used here or by a helper.
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok || call.Call.IsInvoke() {
				continue
			}
			var globals []string
			for _, a := range call.Call.Args {
				if k := poolKeyOf(a); k.global != nil && e.busyOp(call, k, nil) != "" {
					globals = append(globals, globalName(k.global))
				}
			}
			for _, q := range e.calleeQueries(call) {
				if q.Global != "" {
					globals = append(globals, q.Global)
				}
			}
			for _, g := range globals {
				q := Query{Param: -1, Global: g}
				if !seen[q] {
					seen[q] = true
					out = append(out, q)
				}
			}
		}
	}
	for i, p := range fn.Params {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok || call.Call.IsInvoke() {
					continue
				}
				add := func(path string) {
					if strings.Count(path, ".") > maxQueryDepth {
						return
					}
					q := Query{Param: i, Path: path, FieldName: fieldNames(p.Type(), path)}
					if !seen[q] {
						seen[q] = true
						out = append(out, q)
					}
				}
				for j, a := range call.Call.Args {
					k := poolKeyOf(a)
					if k.base != p && (k.base == nil || spills[k.base] != p) {
						continue
					}
					if (k.path == "" || e.kindOf(a.Type()) != nil) && e.busyOp(call, k, nil) != "" {
						add(k.path) // p.Query(…), p.store.db.Query(…), or a helper given either
					}
					for _, q := range e.calleeQueries(call) {
						if q.Param == j && q.Global == "" && q.Path != "" {
							add(k.path + q.Path) // a helper that queries s.db, given p (or p.store)
						}
					}
				}
			}
		}
	}
	return out
}

// preparedOn returns the pool that statement v was prepared on, when v is
// (a field of) the result of a Prepare on a pool.
func (e *engine) preparedOn(v ssa.Value) (poolKey, bool) {
	for range 3 {
		switch x := v.(type) {
		case *ssa.Extract:
			v = x.Tuple
			continue
		case *ssa.FieldAddr:
			v = x.X // sqlx.Stmt's embedded *sql.Stmt
			continue
		case *ssa.UnOp:
			if x.Op == token.MUL {
				v = x.X
				continue
			}
		case *ssa.Call:
			if x.Call.IsInvoke() || len(x.Call.Args) == 0 {
				return poolKey{}, false
			}
			_, name := e.staticCallee(&x.Call)
			k := e.acquire[name]
			if k == nil || len(k.Runs) == 0 {
				return poolKey{}, false
			}
			recv := x.Call.Args[0]
			if pk := e.kindOf(recv.Type()); pk == nil || !pk.Pool {
				return poolKey{}, false
			}
			return poolKeyOf(recv), true
		}
		break
	}
	return poolKey{}, false
}

// maxQueryDepth bounds the fields a Query fact follows from a parameter.
const maxQueryDepth = 3

// fieldNames spells a path of field indices from a value of type typ as
// the fields' names: ".store.db".
func fieldNames(typ types.Type, path string) string {
	var b strings.Builder
	for _, f := range strings.Split(strings.TrimPrefix(path, "."), ".") {
		if f == "" {
			break
		}
		i, err := strconv.Atoi(f)
		s, ok := derefStruct(typ)
		if err != nil || !ok || i >= s.NumFields() {
			return path
		}
		b.WriteString("." + s.Field(i).Name())
		typ = s.Field(i).Type()
	}
	return b.String()
}

// globalName names a package-level variable as Query.Global does.
func globalName(g *ssa.Global) string {
	return g.Pkg.Pkg.Path() + "." + g.Name()
}

// spilledParams maps the local variables that SSA made to hold a
// parameter (a struct receiver whose fields are read by address) to the
// parameter: their only store is the parameter's value.
func spilledParams(fn *ssa.Function) map[ssa.Value]*ssa.Parameter {
	out := make(map[ssa.Value]*ssa.Parameter)
	for _, p := range fn.Params {
		for _, r := range *p.Referrers() {
			st, ok := r.(*ssa.Store)
			if !ok || st.Val != p {
				continue
			}
			cell, ok := st.Addr.(*ssa.Alloc)
			if !ok || cell.Parent() != fn {
				continue
			}
			only := true
			for _, cr := range *cell.Referrers() {
				if s, ok := cr.(*ssa.Store); ok && s != st {
					only = false
				}
			}
			if only {
				out[cell] = p
			}
		}
	}
	return out
}

// calleeQueries returns the Queries fact of call's static callee.
func (e *engine) calleeQueries(call *ssa.Call) []Query {
	if callee, _ := e.staticCallee(&call.Call); callee != nil {
		if s := e.summary(callee); s != nil {
			return s.Queries
		}
	}
	return nil
}

// blockingOp describes instr if it blocks: a channel operation, a select
// without default, or a call from the blocking table.
func (e *engine) blockingOp(instr ssa.Instruction) string {
	switch instr := instr.(type) {
	case *ssa.Send:
		return "a channel send"
	case *ssa.UnOp:
		if instr.Op == token.ARROW {
			return "a channel receive"
		}
	case *ssa.Select:
		if instr.Blocking {
			return "a select"
		}
	case *ssa.Call:
		if callee := instr.Call.StaticCallee(); callee != nil {
			if fn, ok := callee.Object().(*types.Func); ok && blocking[e.funcName(fn)] {
				return shortName(fn)
			}
		}
	}
	return ""
}

// cyclic returns the blocks of fn that lie on a loop, computed once per
// function: the blocks of the strongly connected components of its
// control-flow graph that have a cycle (Tarjan's algorithm, linear in the
// size of the graph).
func (e *engine) cyclic(fn *ssa.Function) map[*ssa.BasicBlock]bool {
	if loop, ok := e.loops[fn]; ok {
		return loop
	}
	loop := make(map[*ssa.BasicBlock]bool)
	e.loops[fn] = loop
	n := len(fn.Blocks)
	index := make([]int, n) // 0: not visited; else the visit order from 1
	low := make([]int, n)
	onStack := make([]bool, n)
	var stack []*ssa.BasicBlock
	counter := 0
	// An explicit stack of (block, next successor) frames: recursion would
	// overflow on a generated function of many thousand blocks.
	type frame struct {
		b    *ssa.BasicBlock
		next int
	}
	for _, root := range fn.Blocks {
		if index[root.Index] != 0 {
			continue
		}
		frames := []frame{{b: root}}
		counter++
		index[root.Index], low[root.Index] = counter, counter
		stack = append(stack, root)
		onStack[root.Index] = true
		for len(frames) > 0 {
			f := &frames[len(frames)-1]
			if f.next < len(f.b.Succs) {
				w := f.b.Succs[f.next]
				f.next++
				switch {
				case index[w.Index] == 0:
					counter++
					index[w.Index], low[w.Index] = counter, counter
					stack = append(stack, w)
					onStack[w.Index] = true
					frames = append(frames, frame{b: w})
				case onStack[w.Index]:
					low[f.b.Index] = min(low[f.b.Index], index[w.Index])
				}
				continue
			}
			v := f.b
			frames = frames[:len(frames)-1]
			if len(frames) > 0 {
				p := frames[len(frames)-1].b
				low[p.Index] = min(low[p.Index], low[v.Index])
			}
			if low[v.Index] != index[v.Index] {
				continue
			}
			// v roots a component: pop it.
			var comp []*ssa.BasicBlock
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w.Index] = false
				comp = append(comp, w)
				if w == v {
					break
				}
			}
			if len(comp) > 1 || slices.Contains(v.Succs, v) {
				for _, w := range comp {
					loop[w] = true
				}
			}
		}
	}
	return loop
}

// reaches reports whether a path from the blocks from reaches to.
func reaches(from []*ssa.BasicBlock, to *ssa.BasicBlock) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	work := append([]*ssa.BasicBlock(nil), from...)
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if b == to {
			return true
		}
		if seen[b] {
			continue
		}
		seen[b] = true
		work = append(work, b.Succs...)
	}
	return false
}

// deferLoops returns the deferred releases of tr that a later iteration
// of a loop can register again before the function returns.
func (e *engine) deferLoops(tr *tracking) []*DeferLoop {
	if tr.start == nil {
		return nil
	}
	var loops []*DeferLoop
	for instr, u := range tr.uses {
		d, ok := instr.(*ssa.Defer)
		if !ok || u.eff != effDefer && u.eff != effDeferCell {
			continue
		}
		if !tr.after(d) || !e.loopsBack(tr, d) {
			continue // runs once (registered before the acquisition, the loop returns or breaks after it), or released in the iteration anyway
		}
		if tr.kind.Holds && tr.onConn {
			continue // rows of one dedicated connection: no iteration takes another
		}
		if !tr.kind.Holds && !e.everyIteration(tr, d) {
			continue // a statement (no connection) kept open only on some iterations
		}
		loops = append(loops, &DeferLoop{Defer: d.Pos(), End: d.Pos() + token.Pos(len("defer")), Call: e.syntax.deferredCall(d.Pos())})
	}
	return loops
}

// after reports whether a path from the acquisition reaches instr.
func (tr *tracking) after(instr ssa.Instruction) bool {
	b := instr.Block()
	if b == tr.start.Block() {
		return indexOf(b, instr) > indexOf(b, tr.start) || reaches(b.Succs, b)
	}
	return tr.reachable()[b]
}

// loopsBack reports whether a path from defer d reaches the acquisition
// again with the resource still held: not released in the iteration (a
// Commit after the deferred Rollback, Next returning false), only by the
// deferred call, pending until the function returns. The edges on which
// the resource is nil end a path (a lazy "if c == nil { c = acquire();
// defer c.Close() }" acquires once), and so do returns and panics. A
// defer registered before the acquisition in the iteration (defer
// cancel(), then db.BeginTx(ctx, …)) covers what the iteration acquires
// after it: the path is searched from the acquisition.
func (e *engine) loopsBack(tr *tracking, d *ssa.Defer) bool {
	var from ssa.Instruction = d
	if before(d, tr.start) {
		from = tr.start
	}
	return e.walkFrom(tr, from, func(instr ssa.Instruction) bool {
		u, ok := tr.uses[instr]
		return ok && u.direct && (u.eff == effRelease || u.eff == effTransfer)
	})
}

// everyIteration reports whether every path from the acquisition back to
// it passes through defer d: the defer runs on every iteration.
func (e *engine) everyIteration(tr *tracking, d *ssa.Defer) bool {
	return !e.walkFrom(tr, tr.start, func(instr ssa.Instruction) bool { return instr == d })
}

// walkFrom reports whether a path from just after from reaches the
// acquisition again, where stop ends a path at an instruction, and so do
// the edges on which the resource is gone, returns and panics.
func (e *engine) walkFrom(tr *tracking, from ssa.Instruction, stop func(ssa.Instruction) bool) bool {
	if reached, ok := e.walkFromWith(tr, from, stop, e.atoms(tr.fn)); ok {
		return reached
	}
	reached, _ := e.walkFromWith(tr, from, stop, noAtoms)
	return reached
}

// walkFromWith is walkFrom with the atoms ca; it reports false if it gave
// up at the bound on its states (see paths).
func (e *engine) walkFromWith(tr *tracking, from ssa.Instruction, stop func(ssa.Instruction) bool, ca *condAtoms) (reached, ok bool) {
	bound := stateBound(tr.fn)
	type point struct {
		b *ssa.BasicBlock
		f fact
	}
	seen := make(map[point]bool)
	type pos struct {
		b *ssa.BasicBlock
		i int
		f fact
	}
	push := func(from, b *ssa.BasicBlock, f fact) []pos {
		f = ca.enter(f, b, from)
		if seen[point{b, f}] || len(seen) > bound {
			return nil
		}
		seen[point{b, f}] = true
		return []pos{{b, 0, f}}
	}
	stack := []pos{{from.Block(), indexOf(from.Block(), from) + 1, ca.seed(from.Block())}}
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		f := p.f
	path:
		for i := p.i; i < len(p.b.Instrs); i++ {
			instr := p.b.Instrs[i]
			if instr == tr.start {
				return true, true
			}
			if stop(instr) {
				break path
			}
			if _, phi := instr.(*ssa.Phi); !phi {
				f = ca.kill(f, instr)
			}
			switch instr := instr.(type) {
			case *ssa.If:
				allowed, next := ca.test(f, instr.Cond)
				gone, _ := e.edges(tr, instr.Cond, p.b, nil, false)
				for k, s := range p.b.Succs {
					if allowed[k] && !gone[k] {
						stack = append(stack, push(p.b, s, next[k])...)
					}
				}
			case *ssa.Jump:
				stack = append(stack, push(p.b, p.b.Succs[0], f)...)
			}
		}
	}
	return false, len(seen) <= bound
}

// deferredCall returns the call of the defer statement at pos as written.
func (s *syntax) deferredCall(pos token.Pos) string {
	f := s.file(pos)
	if f == nil {
		return "the deferred call"
	}
	if d := s.index(f).defers[pos]; d != nil {
		if _, lit := d.Call.Fun.(*ast.FuncLit); lit {
			return "func() {…}()"
		}
		return types.ExprString(d.Call)
	}
	return "the deferred call"
}

// held reports what tr's holder does while it holds it: queries on the
// same pool anywhere, blocking waits in loops for transactions. It runs
// the path search with a visitor.
//
// Waits while a dedicated connection (*sql.Conn, *pgxpool.Conn) is held
// are not reported: holding one across waits is what it is for (LISTEN,
// advisory locks, session state), while a transaction held idle keeps its
// locks and an "idle in transaction" backend.
func (e *engine) held(tr *tracking, res *Result, seen map[ssa.Instruction]bool) {
	pool, hasPool := e.poolOf(tr)
	waits := tr.kind.NoWait
	if !hasPool && !waits {
		return
	}
	var loop map[*ssa.BasicBlock]bool
	var resource *Leak
	add := func(list *[]*Held, instr ssa.Instruction, op string) {
		if seen[instr] {
			return
		}
		seen[instr] = true
		if resource == nil {
			resource = e.leak(tr, nil)
		}
		pos, end := e.syntax.callExtent(instr)
		*list = append(*list, &Held{Pos: pos, End: end, Op: op, Resource: resource,
			Stmt: strings.Contains(op, "on a statement")})
	}
	e.search(tr, func(instr ssa.Instruction, s state) {
		if hasPool {
			if op := e.busyOp(instr, pool, tr); op != "" {
				add(&res.Queries, instr, op)
			}
		}
		if waits {
			if op := e.blockingOp(instr); op != "" {
				if loop == nil {
					loop = e.cyclic(tr.fn)
				}
				if loop[instr.Block()] {
					add(&res.Waits, instr, op)
				}
			}
		}
	})
}

// callExtent returns the source extent of instr: the whole call for a
// call (SSA positions a call at its parenthesis), else its position.
func (s *syntax) callExtent(instr ssa.Instruction) (token.Pos, token.Pos) {
	pos := instr.Pos()
	if call, ok := instr.(*ssa.Call); ok {
		if c, _ := s.callAt(call.Pos()); c != nil {
			return c.Pos(), c.End()
		}
	}
	return pos, token.NoPos
}

// Describe returns a short description of the held resource for messages:
// "rows from Query (line 12)".
func (l *Leak) Describe(fset *token.FileSet) string {
	return fmt.Sprintf("%s from %s (line %d)", l.Var, l.Callee, fset.Position(l.Pos).Line)
}

// shortName returns fn's name qualified the way a call reads: time.Sleep,
// WaitGroup.Wait.
func shortName(fn *types.Func) string {
	if recv := fn.Signature().Recv(); recv != nil {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := t.(*types.Named); ok {
			return n.Obj().Name() + "." + fn.Name()
		}
		return fn.Name()
	}
	return fn.Pkg().Name() + "." + fn.Name()
}
