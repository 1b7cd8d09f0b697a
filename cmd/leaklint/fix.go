package main

import (
	"bytes"
	"fmt"
	"go/format"
	"io"
	"os"
	"sort"
)

// An edit replaces the bytes [start, end) of a file by text.
type edit struct {
	start, end int
	text       string
}

// conflicts reports whether edits a and b cannot both be applied: their
// ranges overlap, or both insert at the same place.
func conflicts(a, b edit) bool {
	if a.start < b.end && b.start < a.end {
		return true
	}
	return a.start == a.end && b.start == b.end && a.start == b.start
}

// applyFixes applies the first suggested fix of each finding and returns
// the findings it fixed. An edit suggested twice (the same fix found in p
// and in p's test variant, or by two analyzers) is applied once; a fix
// that conflicts with one already accepted is left out whole, for the next
// run. Files that were gofmt-formatted stay so. With diff, it prints a
// unified diff to w instead of writing the files.
func applyFixes(findings []*finding, src *sources, diff bool, w io.Writer) (map[*finding]bool, error) {
	fixed := make(map[*finding]bool)
	edits := make(map[string][]edit)
	for _, f := range findings {
		if len(f.diag.SuggestedFixes) == 0 {
			continue
		}
		if accept(edits, f.diag.SuggestedFixes[0]) {
			fixed[f] = true
		}
	}
	files := make([]string, 0, len(edits))
	for file := range edits {
		files = append(files, file)
	}
	sort.Strings(files)
	for _, file := range files {
		old := src.content(file)
		if old == nil {
			return fixed, fmt.Errorf("cannot read %s to fix it", file)
		}
		fixedSrc := apply(old, edits[file])
		if formatted, err := format.Source(old); err == nil && bytes.Equal(formatted, old) {
			if out, err := format.Source(fixedSrc); err == nil {
				fixedSrc = out
			}
		}
		if diff {
			writeDiff(w, src.rel(file), old, fixedSrc)
			continue
		}
		info, err := os.Stat(file)
		if err != nil {
			return fixed, err
		}
		if err := os.WriteFile(file, fixedSrc, info.Mode().Perm()); err != nil {
			return fixed, err
		}
	}
	return fixed, nil
}

// accept adds the edits of fix to edits, unless one conflicts with an
// edit already there, and reports whether it did. Duplicates are dropped.
func accept(edits map[string][]edit, fix jsonFix) bool {
	var add []jsonEdit
	for _, je := range fix.Edits {
		e := edit{je.Start, je.End, je.New}
		if e.start > e.end {
			return false
		}
		dup := false
		for _, prev := range edits[je.Filename] {
			if prev == e {
				dup = true
			} else if conflicts(prev, e) {
				return false
			}
		}
		if !dup {
			add = append(add, je)
		}
	}
	for _, je := range add {
		edits[je.Filename] = append(edits[je.Filename], edit{je.Start, je.End, je.New})
	}
	return true
}

// apply returns src with edits applied; they do not conflict.
func apply(src []byte, edits []edit) []byte {
	sorted := append([]edit(nil), edits...)
	sort.Slice(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		return a.start > b.start || a.start == b.start && a.end > b.end
	})
	out := append([]byte(nil), src...)
	for _, e := range sorted {
		if e.end > len(out) {
			continue // the file changed since it was analyzed
		}
		out = append(out[:e.start:e.start], append([]byte(e.text), out[e.end:]...)...)
	}
	return out
}

// unfixed returns the findings that are not in fixed.
func unfixed(findings []*finding, fixed map[*finding]bool) []*finding {
	var left []*finding
	for _, f := range findings {
		if !fixed[f] {
			left = append(left, f)
		}
	}
	return left
}
