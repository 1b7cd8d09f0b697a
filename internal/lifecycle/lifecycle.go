// Package lifecycle is leaklint's engine: the table of resource kinds, the
// matching of SSA calls to kinds, the path search from each acquisition to
// every exit of its function, the interprocedural facts that make helpers
// precise, and the suggested fixes.
//
// The analyzers of leaklint require [New]'s analyzer (or [Analyzer]) and
// only word its [Result]; none of them walks a control-flow graph.
package lifecycle

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"reflect"
	"runtime/debug"
	"sort"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// Config configures an engine: the kinds it tracks beside the built-in
// table.
type Config struct {
	// Kinds are user-declared kinds, added to [Kinds].
	Kinds []*Kind
}

// Analyzer is the engine with the built-in kind table.
var Analyzer = New(Config{})

// Name is the engine analyzer's name. Drivers expose its flag as
// -leaklint.kinds (go vet) but list only the analyzers that report.
const Name = "leaklint"

// New returns an engine analyzer for cfg. Analyzers that word its results
// require it; each distinct configuration needs its own engine. Its flag
// -kinds adds kinds declared as ParseKinds reads them.
func New(cfg Config) *analysis.Analyzer {
	e := &configured{base: cfg.Kinds}
	a := &analysis.Analyzer{
		Name: Name,
		Doc: "track database resources from acquisition to release\n\n" +
			"leaklint's engine: it reports nothing itself; rowsclose, txfinish, connloop " +
			"and globalconn word its results. Its flag -kinds declares resource kinds " +
			"for in-house wrappers (see leaklint help kinds).",
		URL:        "https://github.com/leaklint/leaklint",
		Run:        e.run,
		ResultType: reflect.TypeFor[*Result](),
		FactTypes:  []analysis.Fact{new(Summary), new(usesLibrary), new(noReturn)},
	}
	a.Flags.Var(&e.flag, "kinds", "declare resource `kinds`: acquire=FUNC,… release=METHOD,… "+
		"[next=METHOD] [class=transaction] [name=NOUN]; several separated by ';'")
	return a
}

// configured is an engine's configuration: the kinds of its Config and
// those of its -kinds flag, indexed once the flags are parsed.
type configured struct {
	base []*Kind
	flag kindsFlag
	once sync.Once
	t    *table
}

// run indexes the kinds on first use and analyzes the package.
func (c *configured) run(pass *analysis.Pass) (any, error) {
	c.once.Do(func() {
		c.t = newTable(append(append(append([]*Kind(nil), Kinds...), c.base...), c.flag.kinds...))
	})
	return c.t.run(pass)
}

// kindsFlag is the -kinds flag: the declarations, parsed when set, so that
// a malformed one is an error at start. Given more than once, it adds the
// kinds of each. It must be set before the engine's first run, which
// indexes the kinds.
type kindsFlag struct {
	spec  string
	kinds []*Kind
}

// String returns the declarations as given, separated by semicolons.
func (f *kindsFlag) String() string { return f.spec }

// Set parses spec and adds its kinds.
func (f *kindsFlag) Set(spec string) error {
	kinds, err := ParseKinds(spec)
	if err != nil {
		return err
	}
	if f.spec != "" {
		spec = f.spec + ";" + spec
	}
	f.spec, f.kinds = spec, append(f.kinds, kinds...)
	return nil
}

// Result is what the engine found in one package.
type Result struct {
	// Leaks are resources that reach an exit of their function unreleased.
	Leaks []*Leak
	// Iterations are resources acquired in a loop that are still held when
	// the loop acquires again, though released after it.
	Iterations []*Leak
	// DeferLoops are deferred releases inside loops.
	DeferLoops []*DeferLoop
	// Queries are calls that check a second connection out of a pool while
	// rows or a transaction from it are held.
	Queries []*Held
	// Waits are blocking operations in loops while a transaction is held.
	Waits []*Held
	// Globals are package-level singletons of single-connection values.
	Globals []*Global

	// Errors are functions the engine gave up on (a recovered panic); the
	// analyzers report them once, as an analysis error.
	Errors []error
}

// A Leak is one acquisition and the path on which its resource is lost.
type Leak struct {
	Kind      *Kind
	Pos, End  token.Pos // the acquiring call's extent
	Call      ast.Expr  // the acquiring call, if its syntax was found
	Var       string    // the variable that holds the resource, or the kind's noun
	Callee    string    // the acquiring function's name, e.g. "QueryContext"
	Exit      token.Pos // the return reached unreleased, or the function's closing brace
	Implicit  bool      // Exit is the end of the function body, not a return statement
	Discarded bool      // the resource is never used at all
	Partial   string    // a helper given the resource that releases it on some paths only
	// PartialWhen, if set, says on which paths Partial releases it: as
	// its result says, and the path named is one where it said no.
	PartialWhen When
	ErrOnly     bool      // a single row whose only use is its Err, which does not release it
	Overwrite   token.Pos // where the resource's variable gets another value while it holds it
	Fix         *analysis.SuggestedFix
}

// usesLibrary is the package fact that marks a package which depends on a
// tracked library: the fast path skips every package for which neither it
// nor a direct import is so marked.
type usesLibrary struct{}

func (*usesLibrary) AFact()         {}
func (*usesLibrary) String() string { return "usesLibrary" }

// run analyzes one package.
func (t *table) run(pass *analysis.Pass) (any, error) {
	res := new(Result)
	never := noReturns(pass) // for every package: callers elsewhere may need it
	if !t.relevant(pass) {
		return res, nil // fast path: nothing here can hold a tracked resource
	}
	pass.ExportPackageFact(new(usesLibrary))

	prog, funcs := buildSSA(pass, func(fn *types.Func) bool { return isNoReturn(pass, never, fn) })
	e := &engine{
		table:     t,
		pass:      pass,
		prog:      prog,
		summaries: make(map[*ssa.Function]*Summary),
		acquired:  make(map[*ssa.Function][]*tracking),
		derived:   make(map[string]*Kind),
		funcs:     funcs,
		loops:     make(map[*ssa.Function]map[*ssa.BasicBlock]bool),
		condAtoms: make(map[*ssa.Function]*condAtoms),
		implOwns:  make(map[implKey]bool),
		names:     make(map[*types.Func]string),
		closes:    make(map[ssa.Value][]*ssa.Call),
		never:     never,
		computing: make(map[*ssa.Function]bool),
		guessed:   make(map[*ssa.Function]bool),
		noGuess:   make(map[*ssa.Function]bool),
	}
	e.syntax = newSyntax(pass)

	for _, fn := range funcs {
		e.guard(fn, res, func() {
			if obj, ok := fn.Object().(*types.Func); ok && fn.Synthetic == "" {
				if s := e.summary(fn); s != nil && !s.empty() {
					pass.ExportObjectFact(obj, s)
				}
			}
		})
	}
	for _, fn := range funcs {
		e.guard(fn, res, func() { e.checkFunc(fn, res) })
	}
	res.Globals = append(e.globals(), res.Globals...)
	res.sort()
	return res, nil
}

// sort orders every finding by position, whatever order maps gave them.
func (res *Result) sort() {
	sort.SliceStable(res.Leaks, func(i, j int) bool { return res.Leaks[i].Pos < res.Leaks[j].Pos })
	sort.SliceStable(res.Iterations, func(i, j int) bool { return res.Iterations[i].Pos < res.Iterations[j].Pos })
	sort.SliceStable(res.DeferLoops, func(i, j int) bool { return res.DeferLoops[i].Defer < res.DeferLoops[j].Defer })
	sort.SliceStable(res.Queries, func(i, j int) bool { return res.Queries[i].Pos < res.Queries[j].Pos })
	sort.SliceStable(res.Waits, func(i, j int) bool { return res.Waits[i].Pos < res.Waits[j].Pos })
	sort.SliceStable(res.Globals, func(i, j int) bool { return res.Globals[i].Pos < res.Globals[j].Pos })
}

// guard runs f, turning a panic into an error that names fn, so that one
// function the engine cannot handle never crashes the user's build. The
// error is one line; with the environment variable LEAKLINT_DEBUG set
// (every driver passes it on), the goroutine's stack follows it.
func (e *engine) guard(fn *ssa.Function, res *Result, f func()) {
	defer func() {
		if r := recover(); r != nil {
			msg := strings.Join(strings.Fields(fmt.Sprint(r)), " ")
			if os.Getenv("LEAKLINT_DEBUG") != "" {
				msg += "\n" + string(debug.Stack())
			}
			where := fn
			for _, g := range e.inProgress {
				// The summary that panicked (the innermost), not the
				// function that asked for it; and never a guess exported
				// as a fact: the functions in progress get none.
				where = g
				delete(e.computing, g)
				e.noGuess[g] = true
				e.summaries[g] = nil
			}
			e.inProgress = e.inProgress[:0]
			res.Errors = append(res.Errors, fmt.Errorf("internal error in %s: %s", where, msg))
		}
	}()
	f()
}

// relevant reports whether the package imports a tracked library, or a
// package that does.
func (t *table) relevant(pass *analysis.Pass) bool {
	for _, imp := range pass.Pkg.Imports() {
		if t.libraries[imp.Path()] || pass.ImportPackageFact(imp, new(usesLibrary)) {
			return true
		}
	}
	return t.libraries[pass.Pkg.Path()]
}

// buildSSA builds the package's SSA form, the way buildssa does, with
// calls of functions that never return ending their blocks, and returns
// its source functions (anonymous ones included) in source order.
// Functions of generated files are included: their facts matter to the
// code that calls them, though their own findings are not reported.
func buildSSA(pass *analysis.Pass, noReturn func(*types.Func) bool) (*ssa.Program, []*ssa.Function) {
	prog := ssa.NewProgram(pass.Fset, 0)
	prog.SetNoReturn(noReturn)
	for _, p := range pass.Pkg.Imports() {
		prog.CreatePackage(p, nil, nil, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()

	var funcs []*ssa.Function
	var add func(*ssa.Function)
	add = func(f *ssa.Function) {
		funcs = append(funcs, f)
		for _, anon := range f.AnonFuncs {
			add(anon)
		}
	}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			if decl, ok := decl.(*ast.FuncDecl); ok {
				if obj, ok := pass.TypesInfo.Defs[decl.Name].(*types.Func); ok {
					if f := prog.FuncValue(obj); f != nil {
						add(f)
					}
				}
			}
		}
	}
	// Package-level variable initializers live in init.
	if f := pkg.Func("init"); f != nil {
		add(f)
	}
	return prog, funcs
}
