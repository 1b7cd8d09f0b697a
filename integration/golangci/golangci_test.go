// Package golangci_test runs leaklint as a golangci-lint v2 module plugin:
// it builds golangci-lint v2.15.0 with the plugin compiled in (build.sh,
// offline from the Go module proxy, cached under the Go build cache) and
// runs it, as a user would, on testdata/leaky.
//
// The build takes 3-15 minutes on 2 cores the first time, so the tests
// run only with LEAKLINT_GOLANGCI=1 and never with -short:
//
//	LEAKLINT_GOLANGCI=1 go test -timeout 30m ./integration/golangci/
//
// LEAKLINT_GOLANGCI_BIN=PATH skips the build and uses that binary.
package golangci_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

// config is the .golangci.yml the tests write, with SETTINGS replaced by
// the plugin's settings. docs/ci.md shows the same file.
const config = `version: "2"
linters:
  default: none
  enable:
    - leaklint
  settings:
    custom:
      leaklint:
        type: module
        description: finds database connection leaks
SETTINGS`

// The findings expected in testdata/leaky, as golangci-lint prints them:
// through helpers of package store, in a test file, and in package report,
// which does not import database/sql (only store's facts make it relevant).
// ListUsers, Delete (correct), Legacy (//nolint:leaklint) and Archive
// (//nolint:rowsclose on the line above) have none. The test file's
// finding is reported once.
const (
	rowsLeak   = "app/app.go:13:15: rowsclose: rows from Users is not closed on the path through the return at line 21 (leaklint)"
	txLeak     = "app/app.go:39:13: txfinish: tx from Begin is neither committed nor rolled back on the path through the return at line 44 (leaklint)"
	testLeak   = "app/app_test.go:11:15: rowsclose: rows from Query is not closed on the path through the return at line 18 (leaklint)"
	reportLeak = "report/report.go:9:15: rowsclose: rows from Recent is not closed on the path through the return at line 16 (leaklint)"
)

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
	lintCache string // GOLANGCI_LINT_CACHE shared by the tests
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "leaklint-gcl-cache")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	lintCache = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// golangciLint returns the custom golangci-lint, building it if needed.
func golangciLint(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: the golangci-lint plugin test builds golangci-lint")
	}
	if os.Getenv("LEAKLINT_GOLANGCI") != "1" {
		t.Skip("set LEAKLINT_GOLANGCI=1 to build golangci-lint with the plugin (3-15 min cold) and run it")
	}
	buildOnce.Do(func() {
		if binary = os.Getenv("LEAKLINT_GOLANGCI_BIN"); binary != "" {
			return
		}
		cmd := exec.Command("bash", "build.sh")
		cmd.Stderr = os.Stderr
		out, err := cmd.Output()
		if err != nil {
			buildErr = fmt.Errorf("build.sh: %v", err)
			return
		}
		binary = strings.TrimSpace(string(out))
		if i := strings.LastIndexByte(binary, '\n'); i >= 0 {
			binary = binary[i+1:]
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binary
}

// consumer copies testdata/leaky to a temporary directory and writes its
// .golangci.yml with the given plugin settings (YAML lines indented
// under "settings:", or "").
func consumer(t *testing.T, settings string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "leaky"))); err != nil {
		t.Fatal(err)
	}
	yml := strings.Replace(config, "SETTINGS", settings, 1)
	if err := os.WriteFile(filepath.Join(dir, ".golangci.yml"), []byte(yml), 0o666); err != nil {
		t.Fatal(err)
	}
	return dir
}

// run runs golangci-lint with args in dir and returns its stdout, stderr
// and exit code.
func run(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(golangciLint(t), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+lintCache, "GOWORK=off", "NO_COLOR=1")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	t.Logf("golangci-lint %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, &out, &errOut)
	return out.String(), errOut.String(), code
}

// issueLine matches golangci-lint's text output of one leaklint issue.
var issueLine = regexp.MustCompile(`^\S+\.go:\d+:\d+: .* \(leaklint\)$`)

// issues returns the issue lines of golangci-lint's text output.
func issues(stdout string) []string {
	var lines []string
	for _, line := range strings.Split(stdout, "\n") {
		if issueLine.MatchString(line) {
			lines = append(lines, line)
		}
	}
	return lines
}

func TestFindings(t *testing.T) {
	dir := consumer(t, "")
	stdout, _, code := run(t, dir, "run", "./...")
	if got, want := issues(stdout), []string{rowsLeak, txLeak, testLeak, reportLeak}; !slices.Equal(got, want) {
		t.Errorf("issues:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, line := range issues(stdout) {
		if !strings.HasSuffix(line, " (leaklint)") {
			t.Errorf("issue not tagged (leaklint): %s", line)
		}
	}
	if !strings.Contains(stdout, "is not closed") {
		t.Errorf("no finding says 'is not closed'")
	}
	if code != 1 {
		t.Errorf("exit code %d, want 1 (issues found)", code)
	}
}

func TestCleanPackage(t *testing.T) {
	// store has no leak; its facts are what app's findings rely on.
	dir := consumer(t, "")
	stdout, _, code := run(t, dir, "run", "./store/...")
	if got := issues(stdout); len(got) > 0 || code != 0 {
		t.Errorf("clean package: exit %d, issues %q; want exit 0 and none", code, got)
	}
}

// TestFactsFromDependencies runs golangci-lint on report alone: the facts
// of store, which is not an initial package, must still reach it.
func TestFactsFromDependencies(t *testing.T) {
	stdout, _, code := run(t, consumer(t, ""), "run", "./report/...")
	if got, want := issues(stdout), []string{reportLeak}; !slices.Equal(got, want) || code != 1 {
		t.Errorf("run ./report/...: exit %d, issues %q; want exit 1 and %q", code, got, want)
	}
}

func TestSettings(t *testing.T) {
	for _, tc := range []struct {
		settings string
		want     []string
	}{
		{"        settings:\n          disable: [txfinish]\n", []string{rowsLeak, testLeak, reportLeak}},
		{"        settings:\n          enable:\n            - txfinish\n", []string{txLeak}},
	} {
		stdout, _, code := run(t, consumer(t, tc.settings), "run", "./...")
		if got := issues(stdout); !slices.Equal(got, tc.want) || code != 1 {
			t.Errorf("settings\n%s: exit %d, issues %q; want exit 1 and %q", tc.settings, code, got, tc.want)
		}
	}
}

func TestBadSettings(t *testing.T) {
	for _, tc := range []struct {
		settings string
		want     string
	}{
		{"        settings:\n          disabled: [txfinish]\n",
			`plugin(leaklint): newPlugin decoding settings: json: unknown field "disabled"`},
		{"        settings:\n          disable: [rowsclos]\n",
			`plugin(leaklint): newPlugin leaklint settings: disable: unknown analyzer "rowsclos" (known: rowsclose, `},
	} {
		_, stderr, code := run(t, consumer(t, tc.settings), "run", "./...")
		if code != 3 || !strings.Contains(stderr, tc.want) {
			t.Errorf("settings\n%s: exit %d, stderr %q; want exit 3 and %q", tc.settings, code, stderr, tc.want)
		}
	}
}

// finding is one diagnostic, the same whichever driver reported it.
type finding struct {
	Analyzer, Posn, Message string
}

func (f finding) String() string { return f.Posn + ": " + f.Analyzer + ": " + f.Message }

// TestSameAsStandalone checks that golangci-lint reports what the
// standalone command reports on the same module. It is skipped while
// cmd/leaklint does not build.
func TestSameAsStandalone(t *testing.T) {
	dir := consumer(t, "")
	jsonPath := filepath.Join(t.TempDir(), "issues.json")
	run(t, dir, "run", "--output.json.path="+jsonPath, "./...")
	data, err := os.ReadFile(jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	var report struct {
		Issues []struct {
			FromLinter, Text string
			Pos              struct {
				Filename     string
				Line, Column int
			}
		}
	}
	if err := json.Unmarshal(data, &report); err != nil {
		t.Fatalf("golangci-lint JSON: %v", err)
	}
	var plugin []finding
	for _, is := range report.Issues {
		analyzer, msg, _ := strings.Cut(is.Text, ": ")
		plugin = append(plugin, finding{analyzer, fmt.Sprintf("%s:%d:%d", filepath.ToSlash(is.Pos.Filename), is.Pos.Line, is.Pos.Column), msg})
	}

	if len(plugin) == 0 {
		t.Fatal("golangci-lint reports nothing")
	}
	standalone := leaklintFindings(t, dir)
	slices.SortFunc(plugin, func(a, b finding) int { return strings.Compare(a.String(), b.String()) })
	if !slices.Equal(plugin, standalone) {
		t.Errorf("golangci-lint reports\n%v\nthe standalone leaklint reports\n%v", plugin, standalone)
	}
}

// leaklintFindings builds cmd/leaklint from the checkout and returns the
// findings of "leaklint -json ./..." in dir, sorted, paths relative to dir.
func leaklintFindings(t *testing.T, dir string) []finding {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "leaklint")
	build := exec.Command("go", "build", "-o", bin, "./cmd/leaklint")
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Skipf("cmd/leaklint does not build (yet): %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "-json", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Logf("leaklint -json: %v\n%s", err, &stderr) // the exit code is the command's business
	}
	// The go/analysis JSON tree: {package: {analyzer: [diagnostic] | {"error": …}}}.
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(out, &tree); err != nil {
		t.Fatalf("leaklint -json: %v\n%s", err, out)
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	seen := make(map[finding]bool)
	var list []finding
	for _, byAnalyzer := range tree {
		for analyzer, raw := range byAnalyzer {
			var diags []struct{ Posn, Message string }
			if err := json.Unmarshal(raw, &diags); err != nil {
				t.Fatalf("leaklint -json: %s: %s", analyzer, raw)
			}
			for _, d := range diags {
				posn := d.Posn
				for _, prefix := range []string{dir, real} {
					if rel, ok := strings.CutPrefix(posn, prefix+string(filepath.Separator)); ok {
						posn = rel
					}
				}
				f := finding{analyzer, filepath.ToSlash(posn), d.Message}
				if !seen[f] { // p and p [p.test] repeat findings
					seen[f] = true
					list = append(list, f)
				}
			}
		}
	}
	slices.SortFunc(list, func(a, b finding) int { return strings.Compare(a.String(), b.String()) })
	return list
}
