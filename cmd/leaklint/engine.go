package main

import (
	"bytes"
	"errors"
	"fmt"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/version"
	"io"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// vetCaches reports whether the go command on PATH caches the results of
// a vet tool and passes its JSON through on stdout: Go 1.26 and later.
// Go 1.25 prints the JSON on stderr, so leaklint would see no findings.
func vetCaches() bool {
	out, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		return false
	}
	v := strings.TrimSpace(string(out))
	if !version.IsValid(v) {
		return strings.Contains(v, "devel") // a development toolchain is newer
	}
	return version.Compare(v, "go1.26") >= 0
}

// buildFlags returns the go command's flags that o asks for.
func buildFlags(o *options) []string {
	if o.tags != "" {
		return []string{"-tags=" + o.tags}
	}
	return nil
}

// vetAnalyze runs leaklint on the packages through "go vet
// -vettool=<self> -json -frontend", so that the go command caches each
// package's results. With -frontend the tool prints the findings of
// every package it analyzes, dependencies included (see frontendFlag);
// those of the packages the patterns name, resolved with go list at the
// same time, are kept. go vet's own messages make the errors when it
// fails (a package does not build), and go to stderr otherwise.
func vetAnalyze(o *options, src *sources, stderr io.Writer) (*report, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	args := []string{"vet", "-vettool=" + self, "-json", "-" + frontendFlag}
	args = append(args, buildFlags(o)...)
	if o.trace {
		args = append(args, "-x")
	}
	args = append(args, o.vetFlags...)
	args = append(args, o.patterns...)
	cmd := exec.Command("go", args...)
	var stdout, errout bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &errout
	if o.trace {
		fmt.Fprintf(stderr, "go %s\n", strings.Join(args, " "))
		cmd.Stderr = stderr
	}

	type resolved struct {
		paths map[string]bool
		pkgs  []*packages.Package
		err   error
	}
	kinds := declaredKinds(o.analyzers)
	named := make(chan resolved, 1)
	go func() {
		paths, pkgs, err := roots(o, len(kinds) > 0)
		named <- resolved{paths, pkgs, err}
	}()
	runErr := cmd.Run()
	r := <-named
	switch {
	case r.err == nil && len(r.paths) == 0:
		return nil, noPackages(o.patterns)
	case r.err != nil && runErr == nil:
		return nil, r.err
	}

	rep, err := decodeTree(&stdout, src, func(id string) bool { return r.paths[pkgPath(id)] })
	if err != nil {
		return nil, err
	}
	if len(kinds) > 0 {
		inProgram, _ := loadedTypes(r.pkgs)
		rep.warnings = kindWarnings(kinds, inProgram, exportTypes(o))
	}
	if runErr != nil {
		errs := goErrors(errout.String())
		if len(errs) == 0 {
			errs = []*analysisError{{err: fmt.Sprintf("go vet failed: %v", runErr)}}
		}
		rep.errors = append(errs, rep.errors...)
		return rep, nil
	}
	stderr.Write(errout.Bytes()) // warnings, such as a pattern matching nothing
	return rep, nil
}

// roots returns the paths of the packages that o's patterns name, with
// their external test packages (p_test) when o.tests, and the packages
// themselves, with their dependencies if deps. go vet reports a package,
// and its test variant p [p.test], under its path.
func roots(o *options, deps bool) (map[string]bool, []*packages.Package, error) {
	mode := packages.NeedName
	if deps {
		mode |= packages.NeedImports | packages.NeedDeps
	}
	cfg := &packages.Config{Mode: mode, Tests: o.tests, BuildFlags: buildFlags(o)}
	pkgs, err := packages.Load(cfg, o.patterns...)
	if err != nil {
		return nil, nil, err
	}
	paths := make(map[string]bool)
	for _, p := range pkgs {
		paths[pkgPath(p.ID)] = true
	}
	return paths, pkgs, nil
}

// noPackages is the error of patterns that match no package, the same
// in both engines.
func noPackages(patterns []string) error {
	q := make([]string, len(patterns))
	for i, p := range patterns {
		q[i] = strconv.Quote(p)
	}
	return fmt.Errorf("%s matched no packages", strings.Join(q, " "))
}

// goErrors splits the error output of the go command into errors, one
// per message, each under the package of the "# pkg" line above it (a
// test variant's under its package). Indented lines continue the message
// above them. They are sorted by package, in order within each, without
// duplicates (the errors of p and p [p.test]).
func goErrors(text string) []*analysisError {
	var errs []*analysisError
	pkg := ""
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\r\n")
		switch {
		case strings.TrimSpace(line) == "":
			continue
		case strings.HasPrefix(line, "# "):
			pkg = pkgPath(line[len("# "):])
			continue
		case (line[0] == ' ' || line[0] == '\t') && len(errs) > 0 && errs[len(errs)-1].pkg == pkg:
			errs[len(errs)-1].err += "\n" + line
			continue
		}
		errs = append(errs, &analysisError{pkg: pkg, err: line})
	}
	return sortErrors(errs)
}

// sortErrors sorts build errors by package, keeping their order within
// each, and drops duplicates.
func sortErrors(errs []*analysisError) []*analysisError {
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].pkg < errs[j].pkg })
	seen := make(map[analysisError]bool)
	var out []*analysisError
	for _, e := range errs {
		if !seen[*e] {
			seen[*e] = true
			out = append(out, e)
		}
	}
	return out
}

// checkerAnalyze runs the analyzers in this process, with
// golang.org/x/tools/go/analysis/checker. Nothing is cached.
//
// It reports what go vet would: an error for each package that does not
// build (see buildErrors), and the findings of every other package; but only go list's errors when go list cannot load a
// package (an import that does not resolve), since go vet then stops
// before analyzing any.
func checkerAnalyze(o *options, src *sources) (*report, error) {
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Tests: o.tests, BuildFlags: buildFlags(o)}
	pkgs, err := packages.Load(cfg, o.patterns...)
	if err != nil {
		return nil, err
	}
	if len(pkgs) == 0 {
		return nil, noPackages(o.patterns)
	}
	var errs, listErrs []*analysisError
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		errs = append(errs, buildErrors(p, src)...)
		for _, e := range p.Errors {
			if e.Kind == packages.ListError {
				listErrs = append(listErrs, &analysisError{err: e.Error()}) // go vet prints them so, with no package
			}
		}
	})
	if len(listErrs) > 0 {
		return &report{errors: sortErrors(listErrs)}, nil
	}
	graph, err := checker.Analyze(o.analyzers, pkgs, nil)
	if err != nil {
		return nil, err
	}
	keep := make(map[string]bool)
	for _, p := range pkgs {
		keep[p.ID] = !p.IllTyped // else its build errors, or a dependency's, say why
	}
	var buf bytes.Buffer
	if err := graph.PrintJSON(&buf); err != nil {
		return nil, err
	}
	rep, err := decodeTree(&buf, src, func(id string) bool { return keep[id] })
	if err != nil {
		return nil, err
	}
	if kinds := declaredKinds(o.analyzers); len(kinds) > 0 {
		inProgram, typesOf := loadedTypes(pkgs)
		rep.warnings = kindWarnings(kinds, inProgram, typesOf)
	}
	rep.errors = append(sortErrors(errs), rep.errors...)
	return rep, nil
}

// buildErrors returns the error of p that go vet reports for a package
// that does not build: unitchecker stops at the first file that does not
// parse, and prints its errors as go/parser returns them (the first,
// "and N more errors"), or else at the type checker's first error. The
// type checker's errors after a syntax error follow from the broken
// syntax, some without a position. Paths are relative to the current
// directory where they can be, as the go command prints them.
func buildErrors(p *packages.Package, src *sources) []*analysisError {
	var syntax, typ *packages.Error
	for i, e := range p.Errors {
		switch {
		case e.Kind == packages.ListError:
		case e.Kind == packages.ParseError && syntax == nil:
			syntax = &p.Errors[i]
		case e.Kind != packages.ParseError && typ == nil:
			typ = &p.Errors[i]
		}
	}
	var msg string
	switch {
	case syntax != nil:
		msg = firstSyntaxError(p.CompiledGoFiles, src)
		if msg == "" {
			msg = relError(*syntax, src)
		}
	case typ != nil:
		msg = relError(*typ, src)
	default:
		return nil
	}
	return []*analysisError{{pkg: pkgPath(p.ID), err: msg}}
}

// firstSyntaxError parses files in order, as unitchecker does, and
// returns the errors of the first that does not parse, or "".
func firstSyntaxError(files []string, src *sources) string {
	fset := token.NewFileSet()
	for _, name := range files {
		_, err := parser.ParseFile(fset, name, nil, parser.ParseComments|parser.SkipObjectResolution)
		var list scanner.ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			continue
		}
		pos := list[0].Pos
		pos.Filename = src.rel(pos.Filename)
		msg := fmt.Sprintf("%s: %s", pos, list[0].Msg)
		if len(list) > 1 {
			msg += fmt.Sprintf(" (and %d more errors)", len(list)-1)
		}
		return msg
	}
	return ""
}

// relError formats e with its file relative to the current directory.
func relError(e packages.Error, src *sources) string {
	if e.Pos == "" || e.Pos == "-" {
		return e.Msg
	}
	pos := parsePosition(e.Pos)
	pos.file = src.rel(pos.file)
	return pos.String() + ": " + e.Msg
}
