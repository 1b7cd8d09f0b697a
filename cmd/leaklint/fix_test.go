package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixable returns a copy of testdata/src/leaky.go in a temporary
// directory and a finding whose fix inserts text at offset.
func fixable(t *testing.T) (file string, src *sources, at func(offset int, text string) *finding) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "src", "leaky.go"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file = filepath.Join(dir, "leaky.go")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	at = func(offset int, text string) *finding {
		return &finding{analyzer: "rowsclose", diag: jsonDiagnostic{SuggestedFixes: []jsonFix{{
			Message: "Add " + text,
			Edits:   []jsonEdit{{Filename: file, Start: offset, End: offset, New: text}},
		}}}}
	}
	return file, newSources(dir), at
}

// TestFixOnce checks that the same edit, suggested by two findings (p and
// p [p.test] before deduplication, or two analyzers), is applied once, and
// that a fix conflicting with an accepted one is left out whole.
func TestFixOnce(t *testing.T) {
	file, src, at := fixable(t)
	const after = 163 // the end of the "if err != nil { return }" in leaky.go
	a, b := at(after, "\n\tdefer rows.Close()"), at(after, "\n\tdefer rows.Close()")
	c := at(after, "\n\trows.Close()") // same place, other text
	noFix := &finding{analyzer: "rowsclose"}
	fixed, err := applyFixes([]*finding{a, b, c, noFix}, src, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !fixed[a] || !fixed[b] || fixed[c] || fixed[noFix] {
		t.Errorf("fixed %v, want a and b only", fixed)
	}
	if left := unfixed([]*finding{a, b, c, noFix}, fixed); len(left) != 2 {
		t.Errorf("%d findings left, want 2", len(left))
	}
	got, _ := os.ReadFile(file)
	if n := strings.Count(string(got), "defer rows.Close()"); n != 1 {
		t.Errorf("defer rows.Close() inserted %d times, want once:\n%s", n, got)
	}
	if strings.Contains(string(got), "\trows.Close()\n") {
		t.Errorf("the conflicting fix was applied:\n%s", got)
	}
}

// TestFixFormats checks that a gofmt-formatted file stays formatted when
// a fix's text is not.
func TestFixFormats(t *testing.T) {
	file, src, at := fixable(t)
	if _, err := applyFixes([]*finding{at(163, "\n    defer   rows.Close()")}, src, false, nil); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(file)
	if !strings.Contains(string(got), "\t}\n\tdefer rows.Close()\n\t_ = rows\n") {
		t.Errorf("fixed file not formatted:\n%s", got)
	}
}

func TestFixDiff(t *testing.T) {
	file, src, at := fixable(t)
	before, _ := os.ReadFile(file)
	var buf bytes.Buffer
	if _, err := applyFixes([]*finding{at(163, "\n\tdefer rows.Close()")}, src, true, &buf); err != nil {
		t.Fatal(err)
	}
	want := `--- a/leaky.go
+++ b/leaky.go
@@ -8,5 +8,6 @@
 	if err != nil {
 		return
 	}
+	defer rows.Close()
 	_ = rows
 }
`
	if buf.String() != want {
		t.Errorf("diff:\n%s\nwant:\n%s", buf.String(), want)
	}
	if after, _ := os.ReadFile(file); !bytes.Equal(before, after) {
		t.Errorf("-diff wrote the file")
	}
}

func TestConflicts(t *testing.T) {
	for _, c := range []struct {
		a, b edit
		want bool
	}{
		{edit{1, 5, "x"}, edit{3, 8, "y"}, true},  // overlap
		{edit{1, 5, "x"}, edit{5, 8, "y"}, false}, // adjacent
		{edit{4, 4, "x"}, edit{4, 4, "y"}, true},  // two insertions at one place
		{edit{4, 4, "x"}, edit{4, 6, "y"}, false}, // an insertion before a replacement
		{edit{5, 5, "x"}, edit{4, 6, "y"}, true},  // an insertion inside a replacement
	} {
		if got := conflicts(c.a, c.b); got != c.want {
			t.Errorf("conflicts(%v, %v) = %v", c.a, c.b, got)
		}
		if got := conflicts(c.b, c.a); got != c.want {
			t.Errorf("conflicts(%v, %v) = %v", c.b, c.a, got)
		}
	}
	// An insertion at the start of a replacement goes before it.
	if got := string(apply([]byte("abcdef"), []edit{{2, 4, "XY"}, {2, 2, "+"}})); got != "ab+XYef" {
		t.Errorf("apply = %q, want ab+XYef", got)
	}
}

// TestFixableFiles checks which files a suggested fix may edit: the
// offsets of an edit are those of the file the analyzer parsed, which for
// a file that imports "C" is cgo's rewrite of it, and its file name is
// the one a //line directive gives.
func TestFixableFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"plain.go": "package p\n\nfunc F() {}\n",
		"cgo.go":   "package p\n\n// int one(void) { return 1; }\nimport \"C\"\n\nfunc G() {}\n",
		"cgo2.go":  "package p\n\nimport (\n\t\"fmt\"\n\t\"C\"\n)\n\nvar _ = fmt.Sprint\n",
		"line.go":  "package p\n\n//line parser.y:10\nfunc H() {}\n",
		"line2.go": "package p\n\nfunc H() { /*line x.y:3:1*/ }\n",
		"bad.go":   "package p\n\nfunc {\n",
		"parser.y": "%%\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src := newSources(dir)
	for name, want := range map[string]bool{
		"plain.go": true, "bad.go": true, // a syntax error after the imports: the type check decides
		"cgo.go": false, "cgo2.go": false, "line.go": false, "line2.go": false,
		"parser.y": false, "missing.go": false,
	} {
		if got := src.fixable(filepath.Join(dir, name)); got != want {
			t.Errorf("fixable(%s) = %v, want %v", name, got, want)
		}
	}
}
