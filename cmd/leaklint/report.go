package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// The JSON types below are the go/analysis JSON tree, as printed by
// unitchecker and checker.Graph.PrintJSON: package ID -> analyzer name ->
// diagnostics, or an error.

// jsonDiagnostic is one diagnostic of the JSON tree.
type jsonDiagnostic struct {
	Category       string        `json:"category,omitempty"`
	Posn           string        `json:"posn"`
	End            string        `json:"end"`
	Message        string        `json:"message"`
	SuggestedFixes []jsonFix     `json:"suggested_fixes,omitempty"`
	Related        []jsonRelated `json:"related,omitempty"`
}

// jsonFix is a suggested fix of the JSON tree.
type jsonFix struct {
	Message string     `json:"message"`
	Edits   []jsonEdit `json:"edits"`
}

// jsonEdit replaces the bytes [Start, End) of Filename by New.
type jsonEdit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

// jsonRelated is a related location of the JSON tree.
type jsonRelated struct {
	Posn    string `json:"posn"`
	End     string `json:"end"`
	Message string `json:"message"`
}

// jsonError is an analyzer's error in the JSON tree.
type jsonError struct {
	Err string `json:"error"`
}

// A report is what a run found, deduplicated.
type report struct {
	findings []*finding
	errors   []*analysisError
	warnings []string // mistakes that do not stop the run, such as a -kinds typo
}

// A finding is one diagnostic of one analyzer.
type finding struct {
	pkg, analyzer string // pkg is the package's path (see pkgPath)
	diag          jsonDiagnostic
	posn, end     position
}

// An analysisError is an analyzer that failed on a package, or, without
// an analyzer, an error of the build: a package that does not compile,
// or the go command failing.
type analysisError struct {
	pkg, analyzer, err string
}

// String formats e as "package: analyzer: error", "package: error" for
// a package's build error, or just the error.
func (e *analysisError) String() string {
	switch {
	case e.analyzer != "":
		return fmt.Sprintf("%s: %s: %s", e.pkg, e.analyzer, e.err)
	case e.pkg != "":
		return fmt.Sprintf("%s: %s", e.pkg, e.err)
	}
	return e.err
}

// pkgPath returns the package path of a package ID: the ID of a test
// variant, "p [p.test]", without its bracket. Reports are keyed by it, so
// that both engines, which analyze p or p [p.test] depending on the
// patterns and on the test files, give the same keys.
func pkgPath(id string) string {
	path, _, _ := strings.Cut(id, " [")
	return path
}

// A position is a parsed "file:line:col" (col in bytes, from 1).
type position struct {
	file      string
	line, col int
}

// parsePosition parses "file:line:col", "file:line" or "file".
func parsePosition(s string) position {
	var p position
	for _, n := range []*int{&p.col, &p.line} {
		i := strings.LastIndexByte(s, ':')
		if i < 0 {
			break
		}
		v, err := strconv.Atoi(s[i+1:])
		if err != nil {
			break
		}
		*n, s = v, s[:i]
	}
	if p.line == 0 {
		p.line, p.col = p.col, 0 // "file:line"
	}
	p.file = s
	return p
}

// String formats p as parsePosition reads it.
func (p position) String() string {
	switch {
	case p.line == 0:
		return p.file
	case p.col == 0:
		return fmt.Sprintf("%s:%d", p.file, p.line)
	}
	return fmt.Sprintf("%s:%d:%d", p.file, p.line, p.col)
}

// decodeTree reads a stream of JSON trees (go vet prints one per package)
// into a report of the packages whose ID keep accepts (all if keep is
// nil), dropping duplicates (a file analyzed as part of both p and
// p [p.test]), findings in generated files, and suggested fixes that edit
// a file whose offsets the analyzer did not see (see sources.fixable).
func decodeTree(r io.Reader, src *sources, keep func(id string) bool) (*report, error) {
	type entry struct {
		pkg, analyzer string
		raw           json.RawMessage
	}
	var entries []entry
	dec := json.NewDecoder(r)
	for {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("reading analysis results: %v", err)
		}
		for pkg, m := range tree {
			if keep != nil && !keep(pkg) {
				continue
			}
			for analyzer, raw := range m {
				entries = append(entries, entry{pkg, analyzer, raw})
			}
		}
	}
	// p sorts before "p [p.test]", so the first copy kept is the plainest.
	sort.Slice(entries, func(i, j int) bool {
		a, b := entries[i], entries[j]
		return a.pkg < b.pkg || a.pkg == b.pkg && a.analyzer < b.analyzer
	})

	rep := new(report)
	seenDiag := make(map[string]bool)
	seenErr := make(map[string]bool)
	for _, e := range entries {
		if bytes.HasPrefix(bytes.TrimSpace(e.raw), []byte("{")) {
			var je jsonError
			if err := json.Unmarshal(e.raw, &je); err != nil {
				return nil, fmt.Errorf("reading error of %s on %s: %v", e.analyzer, e.pkg, err)
			}
			// One error per package and text: the engine's errors (and a
			// package that does not build) come from every analyzer alike;
			// sorted entries keep the first analyzer's name, the same each run.
			if k := pkgPath(e.pkg) + "\x00" + je.Err; !seenErr[k] {
				seenErr[k] = true
				rep.errors = append(rep.errors, &analysisError{pkgPath(e.pkg), e.analyzer, je.Err})
			}
			continue
		}
		var diags []jsonDiagnostic
		if err := json.Unmarshal(e.raw, &diags); err != nil {
			return nil, fmt.Errorf("reading diagnostics of %s on %s: %v", e.analyzer, e.pkg, err)
		}
		for _, d := range diags {
			k := strings.Join([]string{e.analyzer, d.Posn, d.End, d.Message}, "\x00")
			if seenDiag[k] {
				continue
			}
			seenDiag[k] = true
			d.SuggestedFixes = slices.DeleteFunc(d.SuggestedFixes, func(fix jsonFix) bool {
				return slices.ContainsFunc(fix.Edits, func(e jsonEdit) bool { return !src.fixable(e.Filename) })
			})
			f := &finding{pkg: pkgPath(e.pkg), analyzer: e.analyzer, diag: d, posn: parsePosition(d.Posn), end: parsePosition(d.End)}
			if src.generated(f.posn.file) {
				continue // e.g. the test main of p.test
			}
			rep.findings = append(rep.findings, f)
		}
	}
	sort.SliceStable(rep.findings, func(i, j int) bool { return less(rep.findings[i], rep.findings[j]) })
	return rep, nil
}

// less orders findings by file, line, column, analyzer and message.
func less(a, b *finding) bool {
	switch {
	case a.posn.file != b.posn.file:
		return a.posn.file < b.posn.file
	case a.posn.line != b.posn.line:
		return a.posn.line < b.posn.line
	case a.posn.col != b.posn.col:
		return a.posn.col < b.posn.col
	case a.analyzer != b.analyzer:
		return a.analyzer < b.analyzer
	}
	return a.diag.Message < b.diag.Message
}

// writeJSON prints rep as one go/analysis JSON tree, keyed by package
// path. A package that does not build has its errors under each of the
// analyzers, which did not run on it, as checker reports such a package.
func writeJSON(w io.Writer, rep *report, analyzers []*analysis.Analyzer) error {
	tree := make(map[string]map[string]any)
	add := func(pkg, analyzer string) map[string]any {
		if tree[pkg] == nil {
			tree[pkg] = make(map[string]any)
		}
		return tree[pkg]
	}
	for _, f := range rep.findings {
		m := add(f.pkg, f.analyzer)
		diags, _ := m[f.analyzer].([]jsonDiagnostic)
		m[f.analyzer] = append(diags, f.diag)
	}
	build := make(map[string][]string)
	var pkgs []string
	for _, e := range rep.errors {
		switch {
		case e.analyzer != "":
			add(e.pkg, e.analyzer)[e.analyzer] = jsonError{e.err}
		case e.pkg != "": // errors of no package, the go command's, are on stderr only
			if build[e.pkg] == nil {
				pkgs = append(pkgs, e.pkg)
			}
			build[e.pkg] = append(build[e.pkg], e.err)
		}
	}
	for _, pkg := range pkgs {
		for _, a := range analyzers {
			if m := add(pkg, a.Name); m[a.Name] == nil {
				m[a.Name] = jsonError{strings.Join(build[pkg], "\n")}
			}
		}
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}
