package integration

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// module is the module the tests analyze: package a wraps Query, package
// b leaks the rows of a.Open in Leak and releases them through a.Close
// (known by a fact from package a) in Closed and Deferred.
var module = map[string]string{
	"go.mod": "module example.com/leakdemo\n\ngo 1.26\n",
	"a/a.go": `// Package a wraps database/sql.
package a

import "database/sql"

// Open runs a query; its caller owns the rows.
func Open(db *sql.DB) (*sql.Rows, error) { return db.Query("q") }

// Close releases rows.
func Close(r *sql.Rows) { r.Close() }
`,
	"b/b.go": `// Package b uses package a.
package b

import (
	"database/sql"

	"example.com/leakdemo/a"
)

// Leak never closes the rows.
func Leak(db *sql.DB) error {
	rows, err := a.Open(db) // LEAK
	if err != nil {
		return err
	}
	_ = rows.Err()
	return nil
}

// Closed closes the rows through package a.
func Closed(db *sql.DB) error {
	rows, err := a.Open(db) // CLOSED
	if err != nil {
		return err
	}
	a.Close(rows)
	return nil
}

// Deferred closes the rows through package a, deferred.
func Deferred(db *sql.DB) error {
	rows, err := a.Open(db) // DEFERRED
	if err != nil {
		return err
	}
	defer a.Close(rows)
	return rows.Err()
}
`,
	"b/b_test.go": `package b

import "testing"

// TestNothing makes b a package with tests: p and p [p.test] both hold b.go.
func TestNothing(t *testing.T) {}
`,
	"b/tagged.go": `//go:build special

package b

import (
	"database/sql"

	"example.com/leakdemo/a"
)

// Tagged leaks, with -tags=special only.
func Tagged(db *sql.DB) {
	a.Open(db) // TAGGED
}
`,
}

// lineOf returns the line of module file name that holds marker.
func lineOf(t *testing.T, name, marker string) int {
	t.Helper()
	for i, line := range strings.Split(module[name], "\n") {
		if strings.Contains(line, "// "+marker) {
			return i + 1
		}
	}
	t.Fatalf("no %s in %s", marker, name)
	return 0
}

// writeModule writes module, and extra files, into a new directory.
func writeModule(t *testing.T, extra map[string]string) string {
	t.Helper()
	return writeFiles(t, module, extra)
}

// writeFiles writes the files of each map, in order, into a new
// directory, and returns it.
func writeFiles(t *testing.T, maps ...map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for _, files := range maps {
		for name, content := range files {
			file := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

var (
	binDir    string // holds the leaklint binary
	buildOnce sync.Once
	buildErr  error
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "leaklint-integration")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// leaklint returns the path of the leaklint command, built once with go
// build. It skips the test in -short mode.
func leaklint(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs leaklint and go vet: skipped with -short")
	}
	bin := filepath.Join(binDir, "leaklint")
	buildOnce.Do(func() {
		out, err := exec.Command("go", "build", "-o", bin, "github.com/leaklint/leaklint/cmd/leaklint").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return bin
}

// result is what a command printed and its exit code.
type result struct {
	stdout, stderr string
	code           int
}

// run runs name with args in dir, offline, and returns what it printed
// and its exit code.
func run(t *testing.T, dir, name string, args ...string) result {
	t.Helper()
	return runEnv(t, dir, nil, name, args...)
}

// runEnv is run with env added to the environment, after run's own
// settings (GOWORK=off, GOFLAGS=, GOPROXY=off), which it can override.
func runEnv(t *testing.T, dir string, env []string, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GOPROXY=off"), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("%s %q: %v", name, args, err)
	}
	return result{stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()}
}

// want fails t unless r exited with code and out (stdout or stderr)
// matches every regexp in match.
func (r result) want(t *testing.T, what string, code int, out string, match ...string) {
	t.Helper()
	if r.code != code {
		t.Errorf("%s: exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", what, r.code, code, r.stdout, r.stderr)
	}
	for _, m := range match {
		if !regexp.MustCompile(m).MatchString(out) {
			t.Errorf("%s: output does not match %s:\n%s\nstderr:\n%s", what, m, out, r.stderr)
		}
	}
}
