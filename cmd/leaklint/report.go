package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
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
}

// A finding is one diagnostic of one analyzer.
type finding struct {
	pkg, analyzer string
	diag          jsonDiagnostic
	posn, end     position
}

// An analysisError is an analyzer that failed on a package.
type analysisError struct {
	pkg, analyzer, err string
}

// String formats e as "package: analyzer: error", or just the error when
// it is not an analyzer's.
func (e *analysisError) String() string {
	if e.analyzer == "" {
		return e.err
	}
	return fmt.Sprintf("%s: %s: %s", e.pkg, e.analyzer, e.err)
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

// decodeTree reads a stream of JSON trees (go vet prints one per package)
// into a report, dropping duplicates (a file analyzed as part of both p and
// p [p.test]) and findings in generated files.
func decodeTree(r io.Reader, src *sources) (*report, error) {
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
			if k := e.analyzer + "\x00" + je.Err; !seenErr[k] {
				seenErr[k] = true
				rep.errors = append(rep.errors, &analysisError{e.pkg, e.analyzer, je.Err})
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
			f := &finding{pkg: e.pkg, analyzer: e.analyzer, diag: d, posn: parsePosition(d.Posn), end: parsePosition(d.End)}
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

// writeJSON prints rep as one go/analysis JSON tree.
func writeJSON(w io.Writer, rep *report) error {
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
	for _, e := range rep.errors {
		if e.analyzer != "" { // others, such as build errors, are on stderr
			add(e.pkg, e.analyzer)[e.analyzer] = jsonError{e.err}
		}
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}
