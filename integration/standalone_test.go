package integration

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/leaklint/leaklint/analyzers"
)

// Exit codes of the leaklint command (docs/cli.md).
const (
	exitOK       = 0
	exitError    = 1
	exitUsage    = 2
	exitFindings = 3
)

// TestStandalone runs "leaklint [flags] ./..." on the module, in every
// output format, and checks the findings and the exit codes: one finding
// in Leak, reported once although b.go is in both b and b [b.test], and
// none in Closed or Deferred, which release the rows through package a.
func TestStandalone(t *testing.T) {
	bin := leaklint(t)
	dir := writeModule(t, nil)
	leak, closed, deferred := lineOf(t, "b/b.go", "LEAK"), lineOf(t, "b/b.go", "CLOSED"), lineOf(t, "b/b.go", "DEFERRED")
	line := fmt.Sprintf(`b/b\.go:%d:15: rows from Open is not closed .*\(rowsclose\)\n`, leak)
	finding := `\A` + line + `\z` // the only one

	tool := regexp.MustCompile(`(?m)leaklint -json .*vet\.cfg$`) // go vet -x running the tool
	text := run(t, dir, bin, "-x", "./...")
	text.want(t, "text", exitFindings, text.stdout, finding)
	if !tool.MatchString(text.stderr) {
		t.Errorf("first run: go vet -x does not show leaklint analyzing a package:\n%s", text.stderr)
	}
	for _, line := range []int{closed, deferred} {
		if strings.Contains(text.stdout, fmt.Sprintf("b/b.go:%d:", line)) {
			t.Errorf("finding on line %d, where a.Close releases the rows:\n%s", line, text.stdout)
		}
	}

	t.Run("cache", func(t *testing.T) {
		// The first run analyzed the module through go vet; this one is
		// answered from go vet's cache: go vet -x shows no run of the tool.
		r := run(t, dir, bin, "-x", "./...")
		r.want(t, "second run", exitFindings, r.stdout, finding)
		if tool.MatchString(r.stderr) {
			t.Errorf("second run was not cached: go vet ran the tool:\n%s", r.stderr)
		}
	})

	t.Run("in-process", func(t *testing.T) {
		// Without the cache, the checker engine runs: same findings,
		// the test variant's duplicate removed.
		for _, flag := range []string{"-cache=false", "-tests=false"} {
			r := run(t, dir, bin, flag, "./...")
			r.want(t, flag, exitFindings, r.stdout, finding)
		}
	})

	t.Run("json", func(t *testing.T) {
		r := run(t, dir, bin, "-json", "./...")
		r.want(t, "-json", exitFindings, r.stdout)
		var tree map[string]map[string][]struct {
			Posn           string
			Message        string
			SuggestedFixes []json.RawMessage `json:"suggested_fixes"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &tree); err != nil {
			t.Fatalf("-json: %v\n%s", err, r.stdout)
		}
		diags := tree["example.com/leakdemo/b"]["rowsclose"]
		if len(tree) != 1 || len(diags) != 1 ||
			!strings.HasSuffix(filepath.ToSlash(diags[0].Posn), fmt.Sprintf("/b/b.go:%d:15", leak)) ||
			len(diags[0].SuggestedFixes) != 1 {
			t.Errorf("-json: want one rowsclose diagnostic at b/b.go:%d:15 with a fix:\n%s", leak, r.stdout)
		}
	})

	t.Run("sarif", func(t *testing.T) {
		r := run(t, dir, bin, "-f", "sarif", "./...")
		r.want(t, "-f sarif", exitFindings, r.stdout)
		var log struct {
			Runs []struct {
				Tool struct {
					Driver struct{ Rules []struct{ ID string } }
				}
				Results []struct {
					RuleID    string
					Locations []struct {
						PhysicalLocation struct {
							ArtifactLocation struct{ URI, URIBaseID string }
							Region           struct{ StartLine, StartColumn int }
						}
					}
				}
			}
		}
		if err := json.Unmarshal([]byte(r.stdout), &log); err != nil {
			t.Fatalf("-f sarif: %v\n%s", err, r.stdout)
		}
		run := log.Runs[0]
		if len(run.Tool.Driver.Rules) != len(analyzers.All()) {
			t.Errorf("%d rules, want one per analyzer (%d)", len(run.Tool.Driver.Rules), len(analyzers.All()))
		}
		if len(run.Results) != 1 {
			t.Fatalf("%d results, want 1:\n%s", len(run.Results), r.stdout)
		}
		loc := run.Results[0].Locations[0].PhysicalLocation
		if run.Results[0].RuleID != "rowsclose" || loc.ArtifactLocation.URI != "b/b.go" ||
			loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || loc.Region.StartLine != leak {
			t.Errorf("result %+v, want rowsclose at %%SRCROOT%% b/b.go:%d", run.Results[0], leak)
		}
	})

	t.Run("github", func(t *testing.T) {
		r := run(t, dir, bin, "-f", "github", "./...")
		r.want(t, "-f github", exitFindings, r.stdout, fmt.Sprintf(
			`^::error file=b/b\.go,line=%d,endLine=%d,col=15,endColumn=25,title=rowsclose::rows from Open is not closed .*\n$`, leak, leak))
	})

	t.Run("flags", func(t *testing.T) {
		r := run(t, dir, bin, "./a")
		r.want(t, "clean package", exitOK, r.stdout, `^$`)
		r = run(t, dir, bin, "-rowsclose=false", "./...")
		r.want(t, "-rowsclose=false", exitOK, r.stdout, `^$`)
		r = run(t, dir, bin, "-tags=special", "./...")
		r.want(t, "-tags=special", exitFindings, r.stdout, `(?m)^`+line,
			fmt.Sprintf(`(?m)^b/tagged\.go:%d:\d+: .*\(rowsclose\)$`, lineOf(t, "b/tagged.go", "TAGGED")))
		r = run(t, dir, bin, "-nosuch", "./...")
		r.want(t, "-nosuch", exitUsage, r.stderr, `flag provided but not defined: -nosuch`)
	})

	t.Run("errors", func(t *testing.T) {
		broken := writeModule(t, map[string]string{"c/c.go": "package c\n\nfunc F() int { return \"x\" }\n"})
		for _, format := range []string{"text", "sarif"} {
			r := run(t, broken, bin, "-f", format, "./...")
			r.want(t, "broken package, -f "+format, exitError, r.stderr, `c/c\.go:3:\d+: cannot use "x"`)
		}
		r := run(t, broken, bin, "-cache=false", "./...")
		r.want(t, "broken package, -cache=false", exitError, r.stderr, `c/c\.go:3:\d+: cannot use "x"`)
	})
}

// TestFix runs "leaklint -fix -diff", then "leaklint -fix": the module
// compiles afterwards and leaklint finds nothing more.
func TestFix(t *testing.T) {
	bin := leaklint(t)
	dir := writeModule(t, nil)
	b := filepath.Join(dir, "b", "b.go")

	r := run(t, dir, bin, "-fix", "-diff", "./...")
	r.want(t, "-fix -diff", exitFindings, r.stdout, `(?m)^--- a/b/b\.go\n\+\+\+ b/b/b\.go\n@@ `, `(?m)^\+\tdefer rows\.Close\(\)$`)
	if data, _ := os.ReadFile(b); string(data) != module["b/b.go"] {
		t.Errorf("-fix -diff changed b/b.go")
	}

	r = run(t, dir, bin, "-fix", "./...")
	r.want(t, "-fix", exitOK, r.stdout, `^$`)
	data, _ := os.ReadFile(b)
	if n := strings.Count(string(data), "defer rows.Close()"); n != 1 {
		t.Errorf("-fix inserted %d defer rows.Close(), want 1:\n%s", n, data)
	}
	run(t, dir, "go", "build", "./...").want(t, "go build after -fix", 0, "")
	r = run(t, dir, bin, "./...")
	r.want(t, "leaklint after -fix", exitOK, r.stdout, `^$`)
}

// fixModule has leaks whose fixes test -fix's safety: one in a one-line
// function, where an inserted line lands after the closing brace; one in
// a file with CRLF line endings; and one in a file that cannot be
// written.
var fixModule = map[string]string{
	"one/one.go": "package one\n\nimport \"database/sql\"\n\nfunc f(db *sql.DB) { rows, _ := db.Query(\"a\"); _ = rows }\n",
	"crlf/crlf.go": strings.ReplaceAll(`package crlf

import "database/sql"

func Leak(db *sql.DB) error {
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	return rows.Err()
}
`, "\n", "\r\n"),
	"ro/ro.go": `package ro

import "database/sql"

func Leak(db *sql.DB) error {
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	return rows.Err()
}
`,
}

// TestFixSafety runs "leaklint -fix" on fixModule: the module still
// builds and vets afterwards, the CRLF file keeps its line endings, the
// file that cannot be written is an error (exit 1) and its finding is
// still reported, and "fixed N of M" counts exactly the findings that
// went away.
func TestFixSafety(t *testing.T) {
	bin := leaklint(t)
	dir := writeFiles(t, map[string]string{"go.mod": "module example.com/fixsafety\n\ngo 1.26\n"}, fixModule)
	ro := filepath.Join(dir, "ro", "ro.go")
	if os.Geteuid() == 0 {
		if out, err := exec.Command("chattr", "+i", ro).CombinedOutput(); err != nil {
			t.Skipf("running as root, and chattr +i fails: %v %s", err, out)
		}
		t.Cleanup(func() { exec.Command("chattr", "-i", ro).Run() })
	} else if err := os.Chmod(ro, 0o444); err != nil {
		t.Fatal(err)
	}

	before := run(t, dir, bin, "./...")
	before.want(t, "leaklint before -fix", exitFindings, before.stdout)
	r := run(t, dir, bin, "-fix", "./...")
	r.want(t, "leaklint -fix", exitError, r.stderr, `(?m)^leaklint: cannot write the fixes of ro/ro\.go: `)
	r.want(t, "leaklint -fix", exitError, r.stdout, `(?m)^ro/ro\.go:6:15: rows from Query is not closed`)

	run(t, dir, "go", "vet", "./...").want(t, "go vet after -fix", 0, "")
	data, _ := os.ReadFile(filepath.Join(dir, "crlf", "crlf.go"))
	if !strings.Contains(string(data), "defer rows.Close()\r\n") || strings.Count(string(data), "\n") != strings.Count(string(data), "\r\n") {
		t.Errorf("crlf.go after -fix: not fixed, or LF line endings:\n%q", data)
	}

	after := run(t, dir, bin, "./...")
	fixed := strings.Count(before.stdout, "\n") - strings.Count(after.stdout, "\n")
	m := regexp.MustCompile(`fixed (\d+) of (\d+) findings`).FindStringSubmatch(r.stderr)
	if m == nil || m[1] != strconv.Itoa(fixed) || m[2] != strconv.Itoa(strings.Count(before.stdout, "\n")) {
		t.Errorf("-fix says %q; %d of %d findings went away:\nbefore:\n%s\nafter:\n%s", m, fixed, strings.Count(before.stdout, "\n"), before.stdout, after.stdout)
	}
	if strings.Contains(after.stdout, "crlf.go") {
		t.Errorf("the CRLF file's finding is still reported:\n%s", after.stdout)
	}
}
