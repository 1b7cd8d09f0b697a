package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// fixable returns a module in a temporary directory holding a copy of
// testdata/src/leaky.go, and a finding whose fix inserts text at offset.
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
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/leaky\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return file, newSources(dir), insertAt(file)
}

// insertAt returns a function that makes a finding whose fix inserts text
// at offset in file.
func insertAt(file string) func(offset int, text string) *finding {
	return func(offset int, text string) *finding {
		return &finding{analyzer: "rowsclose", diag: jsonDiagnostic{SuggestedFixes: []jsonFix{{
			Message: "Add " + text,
			Edits:   []jsonEdit{{Filename: file, Start: offset, End: offset, New: text}},
		}}}}
	}
}

// testFixer is the command's fixer on src, type-checking with go list.
func testFixer(src *sources) *fixer {
	return newFixer(&options{}, src)
}

// after is the offset of the end of "if err != nil { return }" in leaky.go.
const after = 163

// TestFixOnce checks that the same edit, suggested by two findings (p and
// p [p.test] before deduplication, or two analyzers), is applied once, and
// that a fix conflicting with an accepted one is left out whole.
func TestFixOnce(t *testing.T) {
	file, src, at := fixable(t)
	a, b := at(after, "\n\tdefer rows.Close()"), at(after, "\n\tdefer rows.Close()")
	c := at(after, "\n\trows.Close()") // same place, other text
	noFix := &finding{analyzer: "rowsclose"}
	res := testFixer(src).apply([]*finding{a, b, c, noFix}, false, nil)
	if len(res.errs) > 0 || len(res.skipped) > 0 {
		t.Fatal(res.errs, res.skipped)
	}
	fixed := res.fixed
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
	if res := testFixer(src).apply([]*finding{at(after, "\n    defer   rows.Close()")}, false, nil); len(res.fixed) != 1 {
		t.Fatal(res.errs, res.skipped)
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
	if res := testFixer(src).apply([]*finding{at(after, "\n\tdefer rows.Close()")}, true, &buf); len(res.fixed) != 1 {
		t.Fatal(res.errs, res.skipped)
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

// TestFixTypeChecks checks that edits that would leave their package not
// type-checking are not written, whichever way they break it, and that a
// good fix in another package is written beside them: the one-line
// function of issue 12, where the defer lands after the closing brace,
// an edit that uses an undefined name, and one in a test file.
func TestFixTypeChecks(t *testing.T) {
	file, src, at := fixable(t)
	dir := filepath.Dir(file)
	oneLine := filepath.Join(dir, "one", "one.go")
	const oneSrc = "package one\n\nimport \"database/sql\"\n\nfunc f(db *sql.DB) { rows, _ := db.Query(\"a\"); _ = rows }\n"
	testFile := filepath.Join(dir, "leaky_test.go")
	const testSrc = "package leaky\n\nimport \"testing\"\n\nfunc TestX(t *testing.T) {\n}\n"
	for name, content := range map[string]string{oneLine: oneSrc, testFile: testSrc} {
		os.MkdirAll(filepath.Dir(name), 0o755)
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The engine's edit for the one-line function: after the end of its line.
	broken := insertAt(oneLine)(strings.Index(oneSrc, "}\n")+1, "\n\tdefer rows.Close()")
	undefined := at(after, "\n\tdefer nosuch.Close()")
	inTest := insertAt(testFile)(strings.Index(testSrc, "{\n")+1, "\n\tvar unused int")

	var stderr bytes.Buffer
	o := &options{fix: true, format: "text", context: -1}
	code := finish(o, &report{findings: []*finding{broken, undefined, inTest}}, src, new(bytes.Buffer), &stderr)
	if code != exitFindings {
		t.Errorf("exit code %d, want %d: the findings are left", code, exitFindings)
	}
	for name, content := range map[string]string{oneLine: oneSrc, testFile: testSrc} {
		if got, _ := os.ReadFile(name); string(got) != content {
			t.Errorf("%s was written:\n%s", name, got)
		}
	}
	if got, _ := os.ReadFile(file); strings.Contains(string(got), "nosuch") {
		t.Errorf("leaky.go was written:\n%s", got)
	}
	for _, want := range []string{
		"leaklint: one/one.go: not fixed: the edited package would not type-check: one/one.go:",
		"leaklint: leaky.go: not fixed: the edited package would not type-check: leaky.go:11:8: undefined: nosuch\n",
		"leaklint: leaky_test.go: not fixed: the edited package would not type-check: leaky_test.go:6:6: declared and not used: unused\n",
		"leaklint: fixed 0 of 3 findings\n",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr does not say %q:\n%s", want, &stderr)
		}
	}

	// A good fix of another package is written beside a broken one.
	good := at(after, "\n\tdefer rows.Close()")
	stderr.Reset()
	code = finish(o, &report{findings: []*finding{broken, good}}, src, new(bytes.Buffer), &stderr)
	if got, _ := os.ReadFile(file); code != exitFindings || !strings.Contains(string(got), "defer rows.Close()") ||
		!strings.Contains(stderr.String(), "fixed 1 of 2 findings") {
		t.Errorf("exit %d, leaky.go:\n%s\nstderr:\n%s", code, got, &stderr)
	}
}

// TestFixAllOrNone checks that a file is left as it was when one of its
// edits cannot be applied (the file changed since it was analyzed).
func TestFixAllOrNone(t *testing.T) {
	file, src, at := fixable(t)
	before, _ := os.ReadFile(file)
	good, outside := at(after, "\n\tdefer rows.Close()"), at(len(before)+10, "\n// x")
	res := testFixer(src).apply([]*finding{good, outside}, false, nil)
	if got, _ := os.ReadFile(file); !bytes.Equal(got, before) || len(res.fixed) != 0 {
		t.Errorf("fixed %d, file:\n%s", len(res.fixed), got)
	}
	if len(res.skipped) != 1 || !strings.Contains(res.skipped[0], "the file changed since it was analyzed") {
		t.Errorf("skipped %q, want the file, changed", res.skipped)
	}
}

// TestFixCRLF checks that a file with CRLF line endings keeps them: the
// inserted line ends in CRLF, and gofmt's formatting does not turn the
// file's lines into LF.
func TestFixCRLF(t *testing.T) {
	file, src, _ := fixable(t)
	data, _ := os.ReadFile(file)
	crlf := bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
	if err := os.WriteFile(file, crlf, 0o644); err != nil {
		t.Fatal(err)
	}
	offset := bytes.Index(crlf, []byte("\t}\r\n")) + len("\t}")
	res := testFixer(src).apply([]*finding{insertAt(file)(offset, "\n\tdefer rows.Close()")}, false, nil)
	if len(res.fixed) != 1 {
		t.Fatal(res.errs, res.skipped)
	}
	got, _ := os.ReadFile(file)
	if !bytes.Contains(got, []byte("\t}\r\n\tdefer rows.Close()\r\n\t_ = rows\r\n")) ||
		bytes.Count(got, []byte("\n")) != bytes.Count(got, []byte("\r\n")) {
		t.Errorf("line endings not kept:\n%q", got)
	}
}

// TestFixWriteFails checks that a file that cannot be written is an
// error, exit status 1, and that its findings are not counted as fixed.
func TestFixWriteFails(t *testing.T) {
	file, src, at := fixable(t)
	before, _ := os.ReadFile(file)
	readOnly(t, file)
	var stdout, stderr bytes.Buffer
	f := at(after, "\n\tdefer rows.Close()")
	code := finish(&options{fix: true, format: "text", context: -1}, &report{findings: []*finding{f}}, src, &stdout, &stderr)
	if code != exitError {
		t.Errorf("exit code %d, want %d", code, exitError)
	}
	if got, _ := os.ReadFile(file); !bytes.Equal(got, before) {
		t.Errorf("the read-only file changed")
	}
	if !strings.Contains(stderr.String(), "leaklint: cannot write the fixes of leaky.go:") ||
		!strings.Contains(stderr.String(), "leaklint: fixed 0 of 1 findings") {
		t.Errorf("stderr:\n%s", &stderr)
	}
}

// readOnly makes file impossible to write for this process: read-only
// mode, or for root, which ignores it, the immutable attribute of
// chattr (skipping the test where that fails).
func readOnly(t *testing.T, file string) {
	t.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(file, 0o444); err != nil {
			t.Fatal(err)
		}
		return
	}
	if out, err := exec.Command("chattr", "+i", file).CombinedOutput(); err != nil {
		t.Skipf("running as root, and chattr +i fails: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", file).Run() })
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
	if got, err := edited([]byte("a)cdef"), []edit{{2, 4, "XY"}, {2, 2, "+"}}); string(got) != "a)+XYef" || err != nil {
		t.Errorf("edited = %q, %v; want a)+XYef", got, err)
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
