package integration

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

var (
	cacheOnce sync.Once
	cacheDir  string // a GOCACHE of this test binary's own
)

// freshCache returns environment settings that give go a build cache
// made for this test binary: no vet result in it predates the tests. Its
// first user pays for compiling the standard library's export data.
func freshCache(t *testing.T) []string {
	cacheOnce.Do(func() { cacheDir = filepath.Join(binDir, "gocache") })
	return []string{"GOCACHE=" + cacheDir}
}

// appLib returns a module at path where package app imports package lib
// and each leaks rows once, as in issue 12. Without test files, go vet
// analyzes lib under the same action ID whether it is a root or a
// dependency of app; see withTest.
func appLib(path string) map[string]string {
	return map[string]string{
		"go.mod": "module " + path + "\n\ngo 1.26\n",
		"lib/lib.go": `package lib

import "database/sql"

func Lib(db *sql.DB) error {
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	return rows.Err()
}
`,
		"app/app.go": `package app

import (
	"database/sql"

	"` + path + `/lib"
)

func App(db *sql.DB) error {
	if err := lib.Lib(db); err != nil {
		return err
	}
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	return rows.Err()
}
`,
	}
}

// A step runs leaklint with args in a directory and expects findings in
// exactly the files of want (paths as printed).
type step struct {
	dir  string
	args []string
	want []string
}

var findingLine = regexp.MustCompile(`(?m)^([^:\s]+\.go):\d+:\d+: .* \(rowsclose\)$`)

// runSteps runs steps in order with env and checks each one's findings
// and exit code.
func runSteps(t *testing.T, env []string, steps []step) {
	t.Helper()
	bin := leaklint(t)
	for _, s := range steps {
		what := "leaklint " + strings.Join(s.args, " ") + " in " + filepath.Base(s.dir)
		r := runEnv(t, s.dir, env, bin, s.args...)
		var got []string
		for _, m := range findingLine.FindAllStringSubmatch(r.stdout, -1) {
			got = append(got, m[1])
		}
		slices.Sort(got)
		want := slices.Sorted(slices.Values(s.want))
		code := exitOK
		if len(want) > 0 {
			code = exitFindings
		}
		if !slices.Equal(got, want) || r.code != code {
			t.Errorf("%s: findings in %q (exit %d), want %q (exit %d)\nstdout:\n%s\nstderr:\n%s",
				what, got, r.code, want, code, r.stdout, r.stderr)
		}
	}
}

// TestCacheOrder checks that the findings of a run depend on its
// patterns only, not on what earlier runs left in go vet's cache: a
// package analyzed first as a dependency (facts only) and then as a root
// still reports its findings, and a package analyzed first as a root and
// then as a dependency does not. Each case has a module path of its own,
// so that no case finds another's results in the cache.
func TestCacheOrder(t *testing.T) {
	leaklint(t)
	env := freshCache(t)
	app, lib := []string{"app/app.go"}, []string{"lib/lib.go"}
	both := append(slices.Clone(app), lib...)

	t.Run("dependency first", func(t *testing.T) {
		dir := writeFiles(t, appLib("example.com/order/depfirst"))
		runSteps(t, env, []step{
			{dir, []string{"./app"}, app},
			{dir, []string{"./lib"}, lib},
			{dir, []string{"./..."}, both},
		})
		r := runEnv(t, dir, env, leaklint(t), "-json", "./lib")
		if r.code != exitFindings || !strings.Contains(r.stdout, `"example.com/order/depfirst/lib": {`) ||
			strings.Contains(r.stdout, "/app") {
			t.Errorf("leaklint -json ./lib: exit %d, want lib's finding under its path, none of app:\n%s", r.code, r.stdout)
		}
	})

	t.Run("dependency first, with tests", func(t *testing.T) {
		// A root with a test file is analyzed as lib [lib.test], a
		// dependency as lib: two actions.
		files := appLib("example.com/order/tests")
		files["lib/lib_test.go"] = "package lib\n\nimport \"testing\"\n\nfunc TestLib(t *testing.T) {}\n"
		dir := writeFiles(t, files)
		runSteps(t, env, []step{
			{dir, []string{"./app"}, app},
			{dir, []string{"./lib"}, lib},
			{dir, []string{"./app"}, app},
		})
	})

	t.Run("root first", func(t *testing.T) {
		dir := writeFiles(t, appLib("example.com/order/rootfirst"))
		runSteps(t, env, []step{
			{dir, []string{"./..."}, both},
			{dir, []string{"./app"}, app},
			{dir, []string{"./lib"}, lib},
			{dir, []string{"./app"}, app},
		})
	})

	t.Run("workspace", func(t *testing.T) {
		// Two modules of one go.work: app's module uses lib's.
		files := make(map[string]string)
		for name, content := range appLib("example.com/ws") {
			switch {
			case name == "go.mod":
				files["libmod/go.mod"] = "module example.com/ws\n\ngo 1.26\n"
				files["appmod/go.mod"] = "module example.com/wsapp\n\ngo 1.26\n"
			case strings.HasPrefix(name, "lib/"):
				files["libmod/"+name] = content
			default:
				files["appmod/"+name] = content
			}
		}
		files["go.work"] = "go 1.26\n\nuse (\n\t./appmod\n\t./libmod\n)\n"
		dir := writeFiles(t, files)
		appDir, libDir := filepath.Join(dir, "appmod"), filepath.Join(dir, "libmod")
		ws := append(slices.Clone(env), "GOWORK="+filepath.Join(dir, "go.work"))
		runSteps(t, ws, []step{
			{appDir, []string{"./..."}, app},
			{libDir, []string{"./..."}, lib},
			{appDir, []string{"./...", "example.com/ws/lib"}, []string{"app/app.go", filepath.Join(libDir, "lib", "lib.go")}},
			{appDir, []string{"./..."}, app},
		})
	})

	t.Run("vendor", func(t *testing.T) {
		// lib is a dependency, vendored: go vet reads it from vendor/.
		files := make(map[string]string)
		for name, content := range appLib("example.com/vdep") {
			switch {
			case name == "go.mod":
				files["vdep/go.mod"] = content
				files["go.mod"] = "module example.com/vapp\n\ngo 1.26\n\nrequire example.com/vdep v0.0.0\n\nreplace example.com/vdep => ./vdep\n"
			case strings.HasPrefix(name, "lib/"):
				files["vdep/"+name] = content
			default:
				files[name] = content
			}
		}
		dir := writeFiles(t, files)
		if r := runEnv(t, dir, []string{"GOFLAGS=-mod=mod"}, "go", "mod", "vendor"); r.code != 0 {
			t.Fatalf("go mod vendor: %s", r.stderr)
		}
		// The replaced directory is gone: only vendor/ can provide lib.
		if err := os.RemoveAll(filepath.Join(dir, "vdep")); err != nil {
			t.Fatal(err)
		}
		vendored := []string{"vendor/example.com/vdep/lib/lib.go"}
		mod := append(slices.Clone(env), "GOFLAGS=-mod=vendor")
		runSteps(t, mod, []step{
			{dir, []string{"./app"}, app},
			{dir, []string{"example.com/vdep/lib"}, vendored},
			{dir, []string{"./app", "example.com/vdep/lib"}, append(slices.Clone(app), vendored...)},
			{dir, []string{"./app"}, app},
		})
	})
}
