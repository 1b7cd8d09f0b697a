// Command bench times leaklint beside the type-checking floor and
// sqlclosecheck, on the same packages in one run, and writes the medians
// to docs/performance.md (make bench).
//
//	cd bench && go run ./cmd/bench [-runs 3] [-smoke] [-out ../docs/performance.md]
//
// Seven configurations run on each workload of packages P:
//
//	go vet -vettool=noopvet -json P        the floor: unitchecker with a no-op analyzer
//	leaklint -json P                       leaklint's front end, which runs go vet
//	go vet -vettool=leaklint -json P
//	go vet -vettool=sqlclosecheck -json P
//	noopload P                             the floor: packages.Load(LoadAllSyntax) + checker, no-op
//	leaklint -cache=false -json P          in-process: packages.Load + checker
//	sqlclosecheck -json P                  in-process: singlechecker
//
// go vet caches a vet tool's results under the hash of the tool's
// executable. Every go vet run here therefore uses a fresh copy of the
// tool with random bytes appended (an ELF file runs the same with a
// trailer): the analysis is cold, while the build cache (cgo output) and
// the module cache stay warm, as on a developer's machine after a build.
//
// Each round runs every configuration once on every workload, in turn, so
// that outside load spreads over all of them; the tables give the median
// of the rounds.
package main

import (
	"crypto/rand"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/leaklint/leaklint/bench/gitrev"
	"github.com/leaklint/leaklint/bench/markdown"
	"github.com/leaklint/leaklint/bench/modules"
	"github.com/leaklint/leaklint/bench/peer"
)

// sqlclosecheckVersion is the peer linter measured beside leaklint.
const sqlclosecheckVersion = peer.Sqlclosecheck

// A workload is a set of packages that every configuration analyzes.
type workload struct {
	name     string
	about    string
	dir      string   // working directory
	env      []string // added to the environment
	patterns []string
}

// A config is one way of analyzing a workload.
type config struct {
	label  string              // its name in tables and logs
	mode   string              // "go vet" or "in-process"
	bin    string              // the executable
	vet    bool                // run as go vet -vettool=bin -json
	args   []string            // arguments before the patterns, when not run by go vet
	ok     []int               // exit statuses that mean success
	role   string              // "floor", "leaklint", "leaklint-vet" or "peer": what the ratios divide
	result map[string][]sample // by workload
}

func main() {
	runs := flag.Int("runs", 3, "rounds; the tables give the median")
	smoke := flag.Bool("smoke", false, "a few packages per workload, one round, no file written unless -out is given")
	out := flag.String("out", "", "markdown file whose bench section is rewritten (default ../docs/performance.md; none with -smoke)")
	only := flag.String("workloads", "", "comma-separated workloads to run (default all)")
	keep := flag.Bool("keep", false, "keep the work directory")
	flag.Parse()
	if *smoke {
		*runs = 1
	} else if *out == "" {
		*out = filepath.Join("..", "docs", "performance.md")
	}
	if err := run(*runs, *smoke, *out, *only, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// run builds the tools, measures every configuration on every workload
// once per round, and writes the report to out (stdout if empty).
func run(runs int, smoke bool, out, only string, keep bool) error {
	began, loadBefore := time.Now(), loadAverage()
	benchDir, err := moduleDir()
	if err != nil {
		return err
	}
	root := filepath.Dir(benchDir)
	work, err := os.MkdirTemp("", "leaklint-bench-")
	if err != nil {
		return err
	}
	if !keep {
		defer os.RemoveAll(work)
	}

	logf("building the tools in %s", work)
	bin := func(name string) string { return filepath.Join(work, name) }
	if err := goCmd(root, nil, "build", "-o", bin("leaklint"), "./cmd/leaklint"); err != nil {
		return err
	}
	source := gitrev.Describe(root) // now: the tree may move during the run
	if err := goCmd(benchDir, nil, "build", "-o", work+string(filepath.Separator), "./cmd/noopvet", "./cmd/noopload"); err != nil {
		return err
	}
	if err := goCmd(work, []string{"GOBIN=" + work}, "install", sqlclosecheckVersion); err != nil {
		return err
	}

	workloads := []*workload{
		{
			name:     "std",
			about:    "the standard library (`std`): no database code except database/sql itself",
			dir:      benchDir,
			patterns: []string{"std"},
		},
		{
			name:  "testdata",
			about: "leaklint's analysistest corpus, testdata/src, loaded in GOPATH mode (`GO111MODULE=off GOPATH=testdata`, pattern `./...` in testdata/src)",
			dir:   filepath.Join(root, "testdata", "src"),
			env: []string{
				"GO111MODULE=off",
				"GOPATH=" + filepath.Join(root, "testdata"),
				"GOFLAGS=", // -mod and the like are module-mode flags
			},
			patterns: []string{"./..."},
		},
		{
			name:     "db-heavy",
			about:    "the database modules of bench/modules (pgx, sqlx, gorm, goose, migrate, bun), by import path from the bench module",
			dir:      benchDir,
			patterns: modules.Patterns,
		},
	}
	if smoke {
		workloads[0].patterns = []string{"database/sql"}
		workloads[1].patterns = []string{"./txfinish/..."}
		workloads[2].patterns = modules.Smoke
	}
	if only != "" {
		names := strings.Split(only, ",")
		workloads = slices.DeleteFunc(workloads, func(w *workload) bool { return !slices.Contains(names, w.name) })
	}

	vetOK, leaklintOK, checkerOK := []int{0}, []int{0, 3}, []int{0, 3}
	configs := []*config{
		{label: "floor: go vet -vettool=noopvet", mode: "go vet", bin: bin("noopvet"), vet: true, ok: vetOK, role: "floor"},
		{label: "leaklint (front end, via go vet)", mode: "go vet", bin: bin("leaklint"), args: []string{"-json"}, ok: leaklintOK, role: "leaklint"},
		{label: "go vet -vettool=leaklint", mode: "go vet", bin: bin("leaklint"), vet: true, ok: vetOK, role: "leaklint-vet"},
		{label: "go vet -vettool=sqlclosecheck", mode: "go vet", bin: bin("sqlclosecheck"), vet: true, ok: vetOK, role: "peer"},
		{label: "floor: noopload (in-process)", mode: "in-process", bin: bin("noopload"), ok: []int{0}, role: "floor"},
		{label: "leaklint -cache=false (in-process)", mode: "in-process", bin: bin("leaklint"), args: []string{"-cache=false", "-json"}, ok: leaklintOK, role: "leaklint"},
		{label: "sqlclosecheck (in-process)", mode: "in-process", bin: bin("sqlclosecheck"), args: []string{"-json"}, ok: checkerOK, role: "peer"},
	}
	for _, c := range configs {
		c.result = make(map[string][]sample)
	}

	for _, w := range workloads {
		logf("warming the build cache for %s (go list -compiled -deps -test)", w.name)
		args := append([]string{"list", "-compiled", "-deps", "-test", "-f", "{{.ImportPath}}"}, w.patterns...)
		if err := goCmd(w.dir, w.env, args...); err != nil {
			return err
		}
	}

	for r := 1; r <= runs; r++ {
		for _, w := range workloads {
			for _, c := range configs {
				cmd, err := c.command(work, w)
				if err != nil {
					return err
				}
				s := measure(cmd, c.ok...)
				c.result[w.name] = append(c.result[w.name], s)
				logf("round %d/%d  %-9s %-36s %7.1fs wall %7.1fs cpu %6s max %6s tree %4d findings%s",
					r, runs, w.name, c.label, s.wall.Seconds(), s.cpu.Seconds(), mb(s.maxRSS), mb(s.treeRSS), s.findings, failNote(s))
			}
		}
	}

	elapsed := time.Since(began)
	machine := describeMachine(bin("leaklint"), source, loadBefore)
	command := "make bench"
	if smoke {
		command = "cd bench && go run ./cmd/bench -smoke"
	} else if runs != 3 {
		command = fmt.Sprintf("make bench BENCHFLAGS=-runs=%d", runs)
	}
	text := report(workloads, configs, runs, machine, command, elapsed)
	if out == "" {
		fmt.Print(text)
	} else if err := markdown.ReplaceSection(out, beginMark, endMark, text); err != nil {
		return err
	} else {
		logf("wrote %s", out)
	}
	logf("done in %s", elapsed.Round(time.Second))
	for _, c := range configs {
		for _, samples := range c.result {
			for _, s := range samples {
				if s.failed != "" {
					return fmt.Errorf("%s failed: %s", c.label, s.failed)
				}
			}
		}
	}
	return nil
}

// command returns the command that runs c on w. A go vet run, direct or
// through leaklint's front end, gets a fresh copy of the tool, so that go
// vet cannot answer from its cache.
func (c *config) command(work string, w *workload) (*exec.Cmd, error) {
	bin := c.bin
	if c.mode == "go vet" {
		var err error
		if bin, err = freshCopy(work, c.bin); err != nil {
			return nil, err
		}
	}
	var cmd *exec.Cmd
	if c.vet {
		args := append([]string{"vet", "-vettool=" + bin, "-json"}, w.patterns...)
		cmd = exec.Command("go", args...)
	} else {
		cmd = exec.Command(bin, append(slices.Clone(c.args), w.patterns...)...)
	}
	cmd.Dir = w.dir
	cmd.Env = append(os.Environ(), w.env...)
	return cmd, nil
}

// freshCopy copies the executable bin into work with 32 random bytes
// appended: the same program under a new hash, hence a new go vet tool ID.
func freshCopy(work, bin string) (string, error) {
	data, err := os.ReadFile(bin)
	if err != nil {
		return "", err
	}
	data = append(data, []byte(rand.Text())...)
	name := filepath.Join(work, "fresh", filepath.Base(bin)+"-"+rand.Text()[:8])
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return "", err
	}
	// The file is replaced by the next copy; go vet needs it only while it runs.
	return name, os.WriteFile(name, data, 0o755)
}

// moduleDir returns the directory of the bench module (the current one).
func moduleDir() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", err
	}
	gomod := strings.TrimSpace(string(out))
	if filepath.Base(filepath.Dir(gomod)) != "bench" {
		return "", fmt.Errorf("run from the bench module (go env GOMOD is %q)", gomod)
	}
	return filepath.Dir(gomod), nil
}

// goCmd runs the go command in dir, with extra environment, showing its
// errors.
func goCmd(dir string, env []string, args ...string) error {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout = io.Discard
	out := new(strings.Builder)
	cmd.Stderr = out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go %s (in %s): %v\n%s", strings.Join(args, " "), dir, err, out)
	}
	return nil
}

// logf prints a progress line on stderr.
func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}

// failNote marks a failed run in the progress log.
func failNote(s sample) string {
	if s.failed == "" {
		return ""
	}
	return "  FAILED: " + s.failed
}
