package main

// The fix check (issue 12): leaklint -fix is applied, without review, by
// -fix, go fix, golangci-lint --fix and IDEs, so its edits must never
// break code. The check copies every module reviewed out of the module
// cache, applies leaklint -fix to the copies, and checks that the analyzed
// packages still build and vet (go vet type-checks the test files too),
// that leaklint no longer reports the findings it fixed and reports nothing
// new, and that a second -fix changes nothing.

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// A module is one module reviewed, as go list names it.
type module struct {
	path, version string
	dir           string // in the module cache
	packages      int    // analyzed packages of the module
}

// id returns module@version, as the reports name it.
func (m module) id() string { return m.path + "@" + m.version }

// listModules returns the modules of the packages that patterns name, in
// the order of patterns, with the number of packages of each.
func listModules(benchDir, tags string, patterns []string) ([]module, error) {
	args := append([]string{"list", "-tags=" + tags, "-f", "{{with .Module}}{{.Path}} {{.Version}} {{.Dir}}{{end}}"}, patterns...)
	out, err := goOutput(benchDir, args...)
	if err != nil {
		return nil, err
	}
	var mods []module
	index := make(map[string]int)
	for line := range strings.Lines(out) {
		f := strings.Fields(line)
		if len(f) != 3 {
			continue
		}
		k := f[0] + "@" + f[1]
		if i, ok := index[k]; ok {
			mods[i].packages++
			continue
		}
		index[k] = len(mods)
		mods = append(mods, module{path: f[0], version: f[1], dir: f[2], packages: 1})
	}
	return mods, nil
}

// A fixResult is the outcome of the fix check for one module.
type fixResult struct {
	module     string
	findings   int      // reported before the fix
	offered    int      // of which with a suggested fix
	fixed      int      // of which leaklint -fix applied
	left       int      // reported after the fix
	files      int      // files the fix changed
	build, vet []string // errors that the fixed copy has and the original has not
	again      []string // fixed findings reported again after the fix
	added      []string // findings after the fix that were not there before
	second     []string // files that a second -fix changes
	nilDefer   []string // applied fixes that defer a call on a value that is nil when the call failed
	onFalse    []string // applied fixes of findings reviewed as false positives
}

// ok reports whether the module passed every check.
func (r *fixResult) ok() bool {
	return len(r.build)+len(r.vet)+len(r.again)+len(r.added)+len(r.second)+len(r.nilDefer) == 0
}

// A fixCheck is the work area of the check: the copies of the modules
// (mods/, laid out as the module cache) and a module that requires them
// as the bench module does and replaces each by its copy (bench/).
type fixCheck struct {
	leaklint  string
	dir       string // the work area
	mods      string // dir/mods
	work      string // dir/bench, where the go commands run
	tags      string
	flags     []string // leaklint flags of this mode
	patterns  []string // the packages analyzed
	buildable []string // those of them with non-test files
	modcache  string
	modules   []module
}

// newFixCheck lays out the work area in dir (emptied first): a writable
// copy of each module, and a go.mod that is bench/go.mod with every
// module replaced by its copy, so that the copies build offline with the
// bench module's dependency versions (a directory replacement has the
// same go.mod, hence the same module graph, and needs no go.sum line).
// The patterns are expanded to the packages they match, in the bench
// module: a wildcard over a module replaced by a directory makes the go
// command load the whole module graph, which wants go.mod files the bench
// module never needed (and so lacks in go.sum and offline).
func newFixCheck(leaklint, benchDir, dir, modcache, tags string, flags, patterns []string, mods []module) (*fixCheck, error) {
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	list, err := goOutput(benchDir, append([]string{"list", "-tags=" + tags, "-f", "{{.ImportPath}} {{or .GoFiles .CgoFiles | len}}"}, patterns...)...)
	if err != nil {
		return nil, err
	}
	patterns = nil
	var buildable []string // go build refuses a package that has only test files
	for line := range strings.Lines(list) {
		path, files, _ := strings.Cut(strings.TrimSpace(line), " ")
		patterns = append(patterns, path)
		if files != "0" {
			buildable = append(buildable, path)
		}
	}
	c := &fixCheck{leaklint: leaklint, dir: dir, mods: filepath.Join(dir, "mods"), work: filepath.Join(dir, "bench"),
		tags: tags, flags: flags, patterns: patterns, buildable: buildable, modcache: modcache, modules: mods}
	if err := os.MkdirAll(c.work, 0o755); err != nil {
		return nil, err
	}
	for _, name := range []string{"go.mod", "go.sum"} {
		data, err := os.ReadFile(filepath.Join(benchDir, name))
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(c.work, name), data, 0o644); err != nil {
			return nil, err
		}
	}
	edit := []string{"mod", "edit", "-replace=github.com/leaklint/leaklint=" + filepath.Dir(benchDir)}
	missing, err := unlisted(benchDir, tags, patterns)
	if err != nil {
		return nil, err
	}
	for _, m := range missing {
		edit = append(edit, "-require="+m)
	}
	for _, m := range mods {
		rel, err := filepath.Rel(modcache, m.dir)
		if err != nil || strings.HasPrefix(rel, "..") {
			return nil, fmt.Errorf("module %s is not in the module cache (%s)", m.id(), m.dir)
		}
		dst := filepath.Join(c.mods, rel)
		if err := os.CopyFS(dst, os.DirFS(m.dir)); err != nil {
			return nil, fmt.Errorf("copying %s: %v", m.id(), err)
		}
		edit = append(edit, "-replace="+m.path+"="+dst)
	}
	if out, code, err := c.goCommand(edit...); err != nil || code != 0 {
		return nil, fmt.Errorf("go mod edit: %v\n%s", err, out)
	}
	return c, nil
}

// unlisted returns, as path@version, the modules that provide packages to
// the patterns (tests included) but that bench/go.mod does not list: those
// that only the analyzed modules' tests reach (golang-migrate's dktesting
// imports github.com/moby/moby/client). The bench module finds them in the
// analyzed modules' go.mod files; once those modules are replaced by
// directories, the go command looks for them in the whole module graph,
// which wants go.mod files the bench module never needed (and so lacks in
// go.sum, and offline). Listing them at the version selected keeps the
// build list as it is.
func unlisted(benchDir, tags string, patterns []string) ([]string, error) {
	out, err := goOutput(benchDir, append([]string{"list", "-deps", "-test", "-tags=" + tags, "-f", "{{with .Module}}{{if not .Main}}{{.Path}}@{{.Version}}{{end}}{{end}}"}, patterns...)...)
	if err != nil {
		return nil, err
	}
	js, err := goOutput(benchDir, "mod", "edit", "-json")
	if err != nil {
		return nil, err
	}
	var gomod struct{ Require []struct{ Path string } }
	if err := json.Unmarshal([]byte(js), &gomod); err != nil {
		return nil, err
	}
	listed := make(map[string]bool)
	for _, r := range gomod.Require {
		listed[r.Path] = true
	}
	var missing []string
	for _, m := range strings.Fields(out) {
		path, _, _ := strings.Cut(m, "@")
		if !listed[path] && !slices.Contains(missing, m) {
			missing = append(missing, m)
		}
	}
	return missing, nil
}

// env is the environment of every command of the check: offline, in
// module mode, outside any workspace, with go.mod and go.sum read-only.
func (c *fixCheck) env() []string {
	return append(os.Environ(), "GOPROXY=off", "GOWORK=off", "GOFLAGS=-mod=readonly")
}

// goCommand runs go with args in the work module and returns its combined
// output and exit code; a failure to start, or an exit other than 0 and
// 1, is an error.
func (c *fixCheck) goCommand(args ...string) (string, int, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir, cmd.Env = c.work, c.env()
	out, err := cmd.CombinedOutput()
	if cmd.ProcessState == nil {
		return "", 0, err
	}
	code := cmd.ProcessState.ExitCode()
	if code != 0 && code != 1 {
		return "", code, fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out), code, nil
}

// buildErrors runs go build and go vet on the patterns and returns their
// error lines per module, each made independent of line numbers (the fix
// moves lines) so that the original's and the fixed copy's compare. A
// failure that names no file of a copy (the go command could not load the
// packages) is an error of the check itself.
func (c *fixCheck) buildErrors() (build, vet map[string][]string, err error) {
	for _, verb := range []string{"build", "vet"} {
		pkgs := c.patterns
		if verb == "build" {
			pkgs = c.buildable
		}
		out, code, err := c.goCommand(append([]string{verb, "-tags=" + c.tags}, pkgs...)...)
		if err != nil {
			return nil, nil, err
		}
		lines := c.errorLines(out)
		located := len(lines)
		if _, ok := lines[""]; ok {
			located--
		}
		if code != 0 && located == 0 {
			return nil, nil, fmt.Errorf("go %s failed:\n%s", verb, out)
		}
		if verb == "build" {
			build = lines
		} else {
			vet = lines
		}
	}
	return build, vet, nil
}

// errorLineRE matches a compiler or vet error: file:line:col: message.
var errorLineRE = regexp.MustCompile(`^(\S+\.go):\d+(?::\d+)?: (.*)$`)

// errorLines groups the error lines of go build or go vet output by the
// module of the file they name, as "file: message" (file relative to the
// module). Lines naming no file of a copy are kept under "".
func (c *fixCheck) errorLines(out string) map[string][]string {
	lines := make(map[string][]string)
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		m := errorLineRE.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			if strings.HasPrefix(line, "\t") || strings.HasPrefix(line, "  ") {
				continue // continuation of the previous message
			}
			lines[""] = append(lines[""], line)
			continue
		}
		file := m[1]
		if !filepath.IsAbs(file) {
			file = filepath.Join(c.work, file)
		}
		mod := moduleOf(c.mods, file)
		rel := relative(c.mods, file)
		rel = strings.TrimPrefix(rel, mod+"/")
		lines[mod] = append(lines[mod], rel+": "+m[2])
	}
	return lines
}

// analyze runs leaklint on the copies; with fix, it applies the fixes
// first and returns the findings left.
func (c *fixCheck) analyze(extra ...string) ([]finding, []string, error) {
	args := append(append(slices.Clone(c.flags), extra...), "-tags="+c.tags)
	return analyzeIn(c.leaklint, c.work, c.env(), args, c.patterns)
}

// secondFix runs leaklint -fix -diff on the fixed copies and returns the
// files, per module, that it would change again.
func (c *fixCheck) secondFix() (map[string][]string, error) {
	args := append(slices.Clone(c.flags), "-tags="+c.tags, "-fix", "-diff")
	cmd := exec.Command(c.leaklint, append(args, c.patterns...)...)
	cmd.Dir, cmd.Env = c.work, c.env()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if code := cmd.ProcessState.ExitCode(); code != 0 && code != 3 {
		return nil, fmt.Errorf("leaklint -fix -diff: %v\n%s", err, stderr.String())
	}
	changed := make(map[string][]string)
	for line := range strings.Lines(stdout.String()) {
		if !strings.HasPrefix(line, "+++ ") {
			continue
		}
		file := strings.TrimSpace(strings.TrimPrefix(line, "+++ "))
		file, _, _ = strings.Cut(file, "\t")
		if !filepath.IsAbs(file) {
			file = filepath.Join(c.work, file)
		}
		mod := moduleOf(c.mods, file)
		changed[mod] = append(changed[mod], strings.TrimPrefix(relative(c.mods, file), mod+"/"))
	}
	return changed, nil
}

// changedFiles counts, per module, the files of the copy that differ from
// the module cache.
func (c *fixCheck) changedFiles() map[string]int {
	count := make(map[string]int)
	filepath.WalkDir(c.mods, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		rel := relative(c.mods, path)
		if sameFile(path, filepath.Join(c.modcache, rel)) {
			return nil
		}
		count[moduleOf(c.mods, path)]++
		return nil
	})
	return count
}

// sameFile reports whether the files a and b have the same content.
func sameFile(a, b string) bool {
	ha, ea := fileHash(a)
	hb, eb := fileHash(b)
	return ea == nil && eb == nil && ha == hb
}

// fileHash returns the SHA-256 of a file's content.
func fileHash(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}

// stableKey identifies a finding across the fix, which moves lines: its
// file (relative to the module cache or the copies), analyzer, column,
// enclosing function, the text of its line, and its message up to the
// path it names (the path may change with the fix, the finding is the
// same), with the lines it names left out.
func stableKey(base string, f finding) string {
	msg, _, _ := strings.Cut(f.message, " on the path")
	msg = lineNumberRE.ReplaceAllString(msg, "line N")
	return fmt.Sprintf("%s %s col %d in %s: %q: %s", relative(base, f.file), f.analyzer, f.col,
		enclosingFunc(f.file, f.line), strings.TrimSpace(sourceLine(f.file, f.line)), msg)
}

// lineNumberRE matches a line a message names ("overwritten at line 31").
var lineNumberRE = regexp.MustCompile(`line \d+`)

// sourceLine returns line n of file, or "".
func sourceLine(file string, n int) string {
	data, err := os.ReadFile(file)
	if err != nil {
		return ""
	}
	for i, line := range strings.Split(string(data), "\n") {
		if i+1 == n {
			return line
		}
	}
	return ""
}

// run runs the check: the original's build and vet errors, the fix, the
// fixed copy's errors and findings, and a second fix. before are the
// findings of the main run, on the module cache.
func (c *fixCheck) run(before []finding) ([]*fixResult, error) {
	progress("fix check: building and vetting the copies of %d modules", len(c.modules))
	build0, vet0, err := c.buildErrors()
	if err != nil {
		return nil, err
	}
	progress("fix check: leaklint -fix")
	left, errs, err := c.analyze("-fix")
	if err != nil {
		return nil, err
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("leaklint -fix: %s", strings.Join(errs, "; "))
	}
	progress("fix check: building and vetting the fixed copies")
	build1, vet1, err := c.buildErrors()
	if err != nil {
		return nil, err
	}
	progress("fix check: leaklint on the fixed copies, then -fix -diff")
	after, afterErrs, err := c.analyze()
	if err != nil {
		return nil, err
	}
	second, err := c.secondFix()
	if err != nil {
		return nil, err
	}
	files := c.changedFiles()

	results := make(map[string]*fixResult)
	var order []string
	result := func(mod string) *fixResult {
		if results[mod] == nil {
			results[mod] = &fixResult{module: mod}
			order = append(order, mod)
		}
		return results[mod]
	}
	for _, m := range c.modules {
		result(m.id())
	}
	// The findings left unfixed, on the copies, by their place before the
	// fix (-fix reports them as they were before it wrote the files).
	unfixed := make(map[string]int)
	for _, f := range left {
		unfixed[fmt.Sprintf("%s:%d:%d %s %s", relative(c.mods, f.file), f.line, f.col, f.analyzer, f.message)]++
	}
	beforeKeys := make(map[string]int)
	fixedKeys := make(map[string]int)
	for _, f := range before {
		r := result(moduleOf(c.modcache, f.file))
		r.findings++
		beforeKeys[stableKey(c.modcache, f)]++
		if !f.fixable() {
			continue
		}
		r.offered++
		k := fmt.Sprintf("%s:%d:%d %s %s", relative(c.modcache, f.file), f.line, f.col, f.analyzer, f.message)
		if unfixed[k] > 0 {
			unfixed[k]--
			continue
		}
		r.fixed++
		fixedKeys[stableKey(c.modcache, f)]++
		where := fmt.Sprintf("%s:%d", relative(c.modcache, f.file), f.line)
		if why := deferBeforeCheck(f); why != "" {
			r.nilDefer = append(r.nilDefer, where+": "+why)
		}
		if v, ok := Verdicts[f.key(c.modcache)]; ok && !v.Leak {
			r.onFalse = append(r.onFalse, where+": "+f.message)
		}
	}
	for _, f := range after {
		r := result(moduleOf(c.mods, f.file))
		r.left++
		k := stableKey(c.mods, f)
		desc := fmt.Sprintf("%s:%d: %s (%s)", relative(c.mods, f.file), f.line, f.message, f.analyzer)
		switch {
		case fixedKeys[k] > 0:
			fixedKeys[k]--
			beforeKeys[k]--
			r.again = append(r.again, desc)
		case beforeKeys[k] > 0:
			beforeKeys[k]--
		default:
			r.added = append(r.added, desc)
		}
	}
	for mod, lines := range build1 {
		result(mod).build = newLines(build0[mod], lines)
	}
	for _, e := range afterErrs { // an analysis error on the fixed copies
		r := result("")
		r.build = append(r.build, "leaklint: "+e)
	}
	for mod, lines := range vet1 {
		result(mod).vet = newLines(vet0[mod], lines)
	}
	for mod, changed := range second {
		result(mod).second = changed
	}
	for mod, n := range files {
		result(mod).files = n
	}
	var out []*fixResult
	for _, mod := range order {
		if mod == "" && results[mod].ok() {
			continue
		}
		out = append(out, results[mod])
	}
	return out, nil
}

// newLines returns the lines of after that before does not have, each
// counted once per occurrence.
func newLines(before, after []string) []string {
	seen := make(map[string]int)
	for _, l := range before {
		seen[l]++
	}
	var added []string
	for _, l := range after {
		if seen[l] > 0 {
			seen[l]--
			continue
		}
		added = append(added, l)
	}
	return added
}

// deferBeforeCheck returns what is wrong when the fix of f inserts
// `defer X.M()` right after the statement that assigns X and, last, an
// error (`X, err := call()`): the error has not been checked yet, so when
// the call fails X is nil and the deferred call dereferences it (a panic
// at the function's return, or in a test that fails the assertion on err,
// as require.NoError does). It returns "" otherwise.
func deferBeforeCheck(f finding) string {
	var fix struct {
		Edits []struct {
			Filename   string `json:"filename"`
			Start, End int
			New        string `json:"new"`
		} `json:"edits"`
	}
	if json.Unmarshal([]byte(f.fix), &fix) != nil {
		return ""
	}
	for _, e := range fix.Edits {
		text := strings.TrimSpace(e.New)
		recv, ok := strings.CutPrefix(text, "defer ")
		if !ok || e.Start != e.End {
			continue
		}
		recv, _, ok = strings.Cut(recv, ".")
		if !ok {
			continue
		}
		if errName := assignedBefore(e.Filename, e.Start, recv); errName != "" {
			return fmt.Sprintf("%s is inserted before %s is checked: %s is nil when the call fails", text, errName, recv)
		}
	}
	return ""
}

// assignedBefore parses file and, when the statement that ends right
// before offset assigns recv and, in its last place, a named variable
// (the error), returns that variable's name.
func assignedBefore(file string, offset int, recv string) string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
	if err != nil {
		return ""
	}
	tf := fset.File(f.Pos())
	if offset > tf.Size() {
		return ""
	}
	at := tf.Pos(offset)
	var name string
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil || name != "" || n.Pos() > at || n.End() < at {
			return false
		}
		list := stmtList(n)
		for i, s := range list {
			if s.End() > at || i+1 < len(list) && list[i+1].Pos() < at {
				continue
			}
			as, ok := s.(*ast.AssignStmt)
			if !ok || len(as.Lhs) < 2 {
				continue
			}
			last, ok := as.Lhs[len(as.Lhs)-1].(*ast.Ident)
			if !ok || last.Name == "_" {
				continue
			}
			for _, l := range as.Lhs[:len(as.Lhs)-1] {
				if id, ok := l.(*ast.Ident); ok && id.Name == recv {
					name = last.Name
				}
			}
		}
		return true
	})
	return name
}

// stmtList returns the statements of a block or case clause, or nil.
func stmtList(n ast.Node) []ast.Stmt {
	switch n := n.(type) {
	case *ast.BlockStmt:
		return n.List
	case *ast.CaseClause:
		return n.Body
	case *ast.CommClause:
		return n.Body
	}
	return nil
}
