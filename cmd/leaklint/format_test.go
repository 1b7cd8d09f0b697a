package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/leaklint/leaklint/analyzers"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// testAnalyzers stand for leaklint's in the golden files, so that these
// do not change with the real analyzers' documentation.
var testAnalyzers = []*analysis.Analyzer{
	{Name: "rowsclose", Doc: "report rows not closed\n\nA long text.\n\n\tcode()\n\nThe end.", URL: "https://example.com/rowsclose"},
	{Name: "txfinish", Doc: "report transactions not finished"},
}

// fixture returns the report in testdata/tree.json, a go vet -json stream
// about testdata/src, and a file cache rooted at testdata.
func fixture(t *testing.T) (*report, *sources) {
	t.Helper()
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "tree.json"))
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.ReplaceAll(data, []byte("$DIR"), []byte(filepath.ToSlash(filepath.Join(dir, "src"))))
	src := newSources(dir)
	rep, err := decodeTree(bytes.NewReader(data), src, nil)
	if err != nil {
		t.Fatal(err)
	}
	return rep, src
}

// golden compares got with testdata/NAME.golden, or rewrites it with
// -update. Absolute paths to testdata become $DIR, and leaklint's version
// in SARIF (not SARIF's) 0.0.0-test.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	dir, _ := filepath.Abs("testdata")
	got = bytes.ReplaceAll(got, []byte(filepath.ToSlash(dir)), []byte("$DIR"))
	got = regexp.MustCompile(`"(semanticV|v)ersion": "[^"]*"`).ReplaceAllFunc(got, func(b []byte) []byte {
		if bytes.HasSuffix(b, []byte(`"2.1.0"`)) {
			return b
		}
		k, _, _ := bytes.Cut(b, []byte(":"))
		return append(k, `: "0.0.0-test"`...)
	})
	file := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update accepts it):\n%s", file, got)
	}
}

func TestDecodeTree(t *testing.T) {
	rep, _ := fixture(t)
	// The Query leak is in both p and p [p.test]: kept once, under p.
	// gen.go is generated: dropped.
	if len(rep.findings) != 2 {
		t.Fatalf("got %d findings, want 2 (no duplicate, nothing in gen.go)", len(rep.findings))
	}
	if f := rep.findings[0]; f.pkg != "example.com/leaky" || f.posn.line != 7 || f.posn.col != 33 {
		t.Errorf("first finding: got %s at %d:%d, want example.com/leaky at 7:33", f.pkg, f.posn.line, f.posn.col)
	}
	if len(rep.errors) != 1 || rep.errors[0].analyzer != "txfinish" {
		t.Errorf("got errors %v, want the one of txfinish", rep.errors)
	}
}

func TestParsePosition(t *testing.T) {
	for in, want := range map[string]position{
		"/a/b.go:3:4":    {"/a/b.go", 3, 4},
		"/a/b.go:3":      {"/a/b.go", 3, 0},
		"/a/b.go":        {"/a/b.go", 0, 0},
		`C:\a\b.go:12:1`: {`C:\a\b.go`, 12, 1},
		`C:\a\b.go:12`:   {`C:\a\b.go`, 12, 0},
	} {
		if got := parsePosition(in); got != want {
			t.Errorf("parsePosition(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestColumn16 checks the conversion of byte columns to UTF-16 units on
// line 7 of testdata/src/leaky.go: "\t/* «é» 🙂 */ rows, err := db.Query(...)",
// where «, é and » take 2 bytes and 1 unit, and 🙂 4 bytes and 2 units.
func TestColumn16(t *testing.T) {
	_, src := fixture(t)
	file := filepath.Join(src.dir, "src", "leaky.go")
	for col, want := range map[int]int{
		1:   1,  // the tab
		5:   5,  // «
		7:   6,  // é
		9:   7,  // »
		12:  9,  // 🙂
		16:  11, // the space after 🙂
		33:  28, // db.Query
		53:  48, // the end of the line
		60:  55, // beyond the end, bytes
		0:   1,
		-10: 1,
	} {
		if got := src.column16(position{file, 7, col}); got != want {
			t.Errorf("column16(7:%d) = %d, want %d", col, got, want)
		}
	}
}

func TestFormats(t *testing.T) {
	for _, format := range []string{"text", "github", "json", "sarif"} {
		t.Run(format, func(t *testing.T) {
			rep, src := fixture(t)
			var stdout, stderr bytes.Buffer
			code := finish(&options{format: format, context: -1, analyzers: testAnalyzers}, rep, src, &stdout, &stderr)
			if code != exitError {
				t.Errorf("exit code %d, want %d (an analyzer failed)", code, exitError)
			}
			wantErr := "leaklint: example.com/leaky: txfinish: internal error in Leak: boom\n"
			if stderr.String() != wantErr {
				t.Errorf("stderr = %q, want %q", stderr.String(), wantErr)
			}
			golden(t, format, stdout.Bytes())
		})
	}
}

func TestExitCodes(t *testing.T) {
	for _, format := range []string{"text", "github", "json", "sarif"} {
		rep, src := fixture(t)
		rep.errors = nil
		if code := finish(&options{format: format, context: -1, analyzers: testAnalyzers}, rep, src, new(bytes.Buffer), new(bytes.Buffer)); code != exitFindings {
			t.Errorf("-f %s with findings: exit code %d, want %d", format, code, exitFindings)
		}
		if code := finish(&options{format: format, context: -1, analyzers: testAnalyzers}, new(report), src, new(bytes.Buffer), new(bytes.Buffer)); code != exitOK {
			t.Errorf("-f %s without findings: exit code %d, want %d", format, code, exitOK)
		}
	}
}

func TestTextContext(t *testing.T) {
	rep, src := fixture(t)
	var buf bytes.Buffer
	writeText(&buf, rep.findings[:1], src, 1)
	want := `src/leaky.go:7:33: rows from Query is not closed on the path through the return at line 9 (rowsclose)
	6	func Leak(db *sql.DB) {
	7		/* «é» 🙂 */ rows, err := db.Query("SELECT 1")
	8		if err != nil {
`
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}

// TestGitHubEscaping checks that the escaping of workflow commands is
// undone by the runner's unescaping (actions/toolkit's command.ts).
func TestGitHubEscaping(t *testing.T) {
	unescapeData := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%25", "%")
	unescapeProperty := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")
	for _, s := range []string{"plain", "100% odd: a, b\r\nc", "%0A is not a newline", "a:b,c=d"} {
		if got := unescapeData.Replace(escapeData(s)); got != s {
			t.Errorf("data %q round-trips to %q", s, got)
		}
		p := escapeProperty(s)
		if strings.ContainsAny(p, ":,\r\n") {
			t.Errorf("property %q escapes to %q, which still holds a separator", s, p)
		}
		if got := unescapeProperty.Replace(p); got != s {
			t.Errorf("property %q round-trips to %q", s, got)
		}
	}
}

// TestSARIF checks what GitHub code scanning relies on, beyond the golden
// file: rules documented from Doc, relative URIs, UTF-16 columns,
// fingerprints, fixes, and the failed invocation.
func TestSARIF(t *testing.T) {
	rep, src := fixture(t)
	var buf bytes.Buffer
	if err := writeSARIF(&buf, testAnalyzers, rep, src); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q with %d runs, want 2.1.0 with 1", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if run.ColumnKind != "utf16CodeUnits" {
		t.Errorf("columnKind %q", run.ColumnKind)
	}
	rules := run.Tool.Driver.Rules
	if len(rules) != 2 || rules[0].ShortDescription.Text != "report rows not closed" ||
		rules[0].FullDescription.Text != "A long text.\n\n\tcode()\n\nThe end." || rules[0].Help.Markdown == "" ||
		rules[1].FullDescription.Text != "report transactions not finished" {
		t.Errorf("rules not documented from Doc: %+v", rules)
	}
	if len(run.Results) != 2 {
		t.Fatalf("got %d results, want 2", len(run.Results))
	}
	r := run.Results[0]
	loc := r.Locations[0].PhysicalLocation
	if loc.ArtifactLocation != (sarifArtifact{"src/leaky.go", "%SRCROOT%"}) {
		t.Errorf("artifact %+v", loc.ArtifactLocation)
	}
	if loc.Region != (sarifRegion{7, 28, 7, 48}) {
		t.Errorf("region %+v, want 7:28-7:48 in UTF-16 units", loc.Region)
	}
	if len(r.Fixes) != 1 || r.Fixes[0].ArtifactChanges[0].Replacements[0].DeletedRegion != (sarifRegion{10, 3, 10, 3}) {
		t.Errorf("fixes %+v, want an insertion at 10:3", r.Fixes)
	}
	fp0, fp1 := r.PartialFingerprints["leaklint/v1"], run.Results[1].PartialFingerprints["leaklint/v1"]
	if fp0 == "" || fp0 == fp1 {
		t.Errorf("fingerprints %q and %q, want distinct", fp0, fp1)
	}
	if inv := run.Invocations[0]; inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 {
		t.Errorf("invocation %+v, want a failure with one notification", inv)
	}
}

// TestFingerprintStable checks that a finding keeps its fingerprint when
// lines move, which changes the line numbers in its message.
func TestFingerprintStable(t *testing.T) {
	rep, src := fixture(t)
	f := *rep.findings[0]
	a := fingerprint(&f, src, map[string]int{})
	f.diag.Message = strings.Replace(f.diag.Message, "line 9", "line 19", 1)
	if b := fingerprint(&f, src, map[string]int{}); a != b {
		t.Errorf("fingerprint changed with the line number: %s, %s", a, b)
	}
}

// TestRulesOfAll checks that every analyzer of leaklint documents a rule
// the way GitHub requires: a summary, a full description and help.
func TestRulesOfAll(t *testing.T) {
	for _, a := range analyzers.All() {
		r := sarifRuleOf(a)
		if r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" || r.HelpURI == "" {
			t.Errorf("%s: incomplete rule %+v", a.Name, r)
		}
		if strings.Contains(r.ShortDescription.Text, "\n") {
			t.Errorf("%s: summary spans lines: %q", a.Name, r.ShortDescription.Text)
		}
	}
}

// TestTextColumnZero checks that a position without a column (a //line
// directive that gives none) prints as file:line, as go vet prints it.
func TestTextColumnZero(t *testing.T) {
	src := newSources("/src")
	var buf bytes.Buffer
	writeText(&buf, []*finding{{analyzer: "rowsclose", diag: jsonDiagnostic{Message: "m"}, posn: position{"/src/ln/parser.y", 11, 0}}}, src, -1)
	if got, want := buf.String(), "ln/parser.y:11: m (rowsclose)\n"; got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
}
