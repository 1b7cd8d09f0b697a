package main

import (
	"bytes"
	"fmt"
	"go/format"
	"io"
	"os"
	"slices"
	"sort"

	"golang.org/x/tools/go/packages"
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

// A fixer applies suggested fixes to files.
type fixer struct {
	src *sources
	// check type-checks the packages of the files of overlay with their
	// new content, and returns why each file whose package would not
	// build cannot be written.
	check func(overlay map[string][]byte) map[string]string
	// write writes a file; os.WriteFile but in tests.
	write func(file string, data []byte, perm os.FileMode) error
}

// newFixer returns a fixer that type-checks with the build flags of o.
func newFixer(o *options, src *sources) *fixer {
	return &fixer{
		src:   src,
		check: func(overlay map[string][]byte) map[string]string { return typeCheck(overlay, buildFlags(o), src) },
		write: os.WriteFile,
	}
}

// A fixResult is what applying the fixes did.
type fixResult struct {
	fixed   map[*finding]bool // findings whose every edit was written (or, with -diff, printed)
	skipped []string          // files left as they were, and why
	errs    []error           // files that could not be read or written
}

// apply applies the first suggested fix of each finding, all the edits
// of a file or none, and returns what it did. An edit suggested twice
// (the same fix found in p and in p's test variant, or by two analyzers)
// is applied once; a fix that conflicts with one already accepted is left
// out whole, for the next run. A file keeps its line endings (CRLF
// included), and stays gofmt-formatted if it was. A file is written only
// if every package it belongs to, tests included, still type-checks with
// all the files edited (see typeCheck); otherwise it is left as it was,
// and so is every file a finding's fix touches together with it. With
// diff, the unified diff of the files that would be written goes to w
// instead.
func (fx *fixer) apply(findings []*finding, diff bool, w io.Writer) fixResult {
	res := fixResult{fixed: make(map[*finding]bool)}
	edits := make(map[string][]edit)
	var accepted []*finding
	for _, f := range findings {
		if len(f.diag.SuggestedFixes) > 0 && accept(edits, f.diag.SuggestedFixes[0]) {
			accepted = append(accepted, f)
		}
	}
	files := make([]string, 0, len(edits))
	for file := range edits {
		files = append(files, file)
	}
	sort.Strings(files)

	// The new content of each file, or why it has none.
	fixedSrc := make(map[string][]byte)
	old := make(map[string][]byte)
	for _, file := range files {
		content := fx.src.content(file)
		if content == nil {
			res.errs = append(res.errs, fmt.Errorf("cannot read %s to fix it", fx.src.rel(file)))
			continue
		}
		out, err := edited(content, edits[file])
		if err != nil {
			res.skipped = append(res.skipped, fmt.Sprintf("%s: %v", fx.src.rel(file), err))
			continue
		}
		old[file], fixedSrc[file] = content, out
	}
	// Check what would be written; a finding whose fix spans several
	// files needs all of them, and dropping one means checking the rest
	// again.
	for {
		for file, why := range fx.verified(fixedSrc) {
			res.skipped = append(res.skipped, fmt.Sprintf("%s: %s", fx.src.rel(file), why))
			delete(fixedSrc, file)
		}
		dropped := dropPartial(accepted, fixedSrc)
		for _, file := range dropped {
			res.skipped = append(res.skipped, fmt.Sprintf("%s: not fixed: a fix also edits a file that is not fixed", fx.src.rel(file)))
		}
		if len(dropped) == 0 {
			break
		}
	}
	sort.Strings(res.skipped)
	written := make(map[string]bool)
	for _, file := range files {
		data, ok := fixedSrc[file]
		if !ok {
			continue
		}
		if diff {
			writeDiff(w, fx.src.rel(file), old[file], data)
			written[file] = true
			continue
		}
		perm := os.FileMode(0o644)
		if info, err := os.Stat(file); err == nil {
			perm = info.Mode().Perm()
		}
		if err := fx.write(file, data, perm); err != nil {
			res.errs = append(res.errs, fmt.Errorf("cannot write the fixes of %s: %v", fx.src.rel(file), err))
			continue
		}
		written[file] = true
	}
	for _, f := range accepted {
		if allIn(f.diag.SuggestedFixes[0], written) {
			res.fixed[f] = true
		}
	}
	return res
}

// verified type-checks the files of fixedSrc with their new content and
// returns those that cannot be written, and why. A package that does not
// type-check with all its edited files is tried again with each alone,
// so that one broken edit does not hold back the files beside it; the
// files kept are checked together once more.
func (fx *fixer) verified(fixedSrc map[string][]byte) map[string]string {
	bad := make(map[string]string)
	if len(fixedSrc) == 0 {
		return bad
	}
	failed := fx.check(fixedSrc)
	if len(failed) == 0 {
		return bad
	}
	kept := make(map[string][]byte)
	for file, data := range fixedSrc {
		if _, ok := failed[file]; !ok {
			kept[file] = data
			continue
		}
		if why, ok := fx.check(map[string][]byte{file: data})[file]; ok {
			bad[file] = why
		} else {
			kept[file] = data
		}
	}
	for file, why := range fx.check(kept) {
		bad[file] = why
	}
	return bad
}

// dropPartial removes from fixedSrc the files of each fix of accepted
// that is not in fixedSrc whole, and returns them.
func dropPartial(accepted []*finding, fixedSrc map[string][]byte) []string {
	var dropped []string
	for _, f := range accepted {
		fix := f.diag.SuggestedFixes[0]
		if allIn(fix, fixedSrc) {
			continue
		}
		for _, e := range fix.Edits {
			if _, ok := fixedSrc[e.Filename]; ok {
				delete(fixedSrc, e.Filename)
				dropped = append(dropped, e.Filename)
			}
		}
	}
	return dropped
}

// allIn reports whether every file that fix edits is in files.
func allIn[V any](fix jsonFix, files map[string]V) bool {
	for _, e := range fix.Edits {
		if _, ok := files[e.Filename]; !ok {
			return false
		}
	}
	return true
}

// edited returns src with edits applied, with CRLF line endings in the
// inserted text if src has them, and formatted if src was. It fails if an
// edit lies outside src: the file changed since it was analyzed.
func edited(src []byte, edits []edit) ([]byte, error) {
	crlf := 2*bytes.Count(src, []byte("\r\n")) > bytes.Count(src, []byte("\n"))
	sorted := slices.Clone(edits)
	sort.Slice(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		return a.start > b.start || a.start == b.start && a.end > b.end
	})
	out := slices.Clone(src)
	for _, e := range sorted {
		if e.start < 0 || e.end > len(out) {
			return nil, fmt.Errorf("not fixed: the file changed since it was analyzed")
		}
		text := []byte(e.text)
		if crlf {
			text = bytes.ReplaceAll(bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
		}
		out = append(out[:e.start:e.start], append(text, out[e.end:]...)...)
	}
	return gofmtLike(src, out, crlf), nil
}

// gofmtLike returns fixed formatted by gofmt if src, the file before the
// edits, was gofmt-formatted; gofmt writes LF line endings, so a CRLF
// file is compared and formatted with LF, then given CRLF again.
func gofmtLike(src, fixed []byte, crlf bool) []byte {
	lf := func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")) }
	if crlf {
		src, fixed = lf(src), lf(fixed)
	}
	if formatted, err := format.Source(src); err == nil && bytes.Equal(formatted, src) {
		if out, err := format.Source(fixed); err == nil {
			fixed = out
		}
	}
	if crlf {
		fixed = bytes.ReplaceAll(fixed, []byte("\n"), []byte("\r\n"))
	}
	return fixed
}

// ownCode reports whether m is a main module, or one replaced by a local
// directory: code the user edits, not the module cache's.
func ownCode(m *packages.Module) bool {
	if m == nil {
		return false
	}
	return m.Main || m.Replace != nil && m.Replace.Version == "" && m.Replace.Dir != ""
}

// typeCheck loads the packages of the files of overlay, tests included,
// from src.dir, with overlay's content in place of theirs (go list
// compiles them, and go/types checks them from source), and returns, for
// each file of overlay that belongs to a package with errors, the first
// of them; and for each file of a package outside the user's own code
// (the module cache, vendor/, the standard library) that it is not fixed,
// as go fix does. The user's own code is the main modules and the modules
// replaced by a directory (a monorepo's sibling module). If the packages cannot be loaded at all, every file gets
// that error: nothing is written that was not checked.
func typeCheck(overlay map[string][]byte, buildFlags []string, src *sources) map[string]string {
	bad := make(map[string]string)
	if len(overlay) == 0 {
		return bad
	}
	var patterns []string
	for file := range overlay {
		patterns = append(patterns, "file="+file)
	}
	sort.Strings(patterns)
	cfg := &packages.Config{
		Mode:       packages.NeedName | packages.NeedFiles | packages.NeedModule | packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo,
		Dir:        src.dir,
		Tests:      true,
		BuildFlags: buildFlags,
		Overlay:    overlay,
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		for file := range overlay {
			bad[file] = fmt.Sprintf("not fixed: cannot type-check the edited package: %v", err)
		}
		return bad
	}
	checked := make(map[string]bool)
	for _, p := range pkgs {
		why := firstError(p, src)
		if why != "" {
			why = "not fixed: the edited package would not type-check: " + why
		} else if !ownCode(p.Module) {
			why = "not fixed: not in the main module or a module replaced by a directory"
		}
		for _, file := range p.GoFiles {
			if _, ok := overlay[file]; !ok {
				continue
			}
			checked[file] = true
			if _, seen := bad[file]; !seen && why != "" {
				bad[file] = why
			}
		}
	}
	for file := range overlay {
		if !checked[file] {
			bad[file] = "not fixed: no package of the file could be type-checked"
		}
	}
	return bad
}

// firstError returns p's first syntax error, else its first type error,
// else its first error, or "" if it has none.
func firstError(p *packages.Package, src *sources) string {
	for _, kind := range []packages.ErrorKind{packages.ParseError, packages.TypeError} {
		for _, e := range p.Errors {
			if e.Kind == kind {
				return relError(e, src)
			}
		}
	}
	if len(p.Errors) > 0 {
		return relError(p.Errors[0], src)
	}
	return ""
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
