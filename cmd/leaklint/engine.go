package main

import (
	"bytes"
	"fmt"
	"go/version"
	"io"
	"os"
	"os/exec"
	"strings"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// vetCaches reports whether the go command on PATH caches the results of
// a vet tool and passes its JSON through on stdout: Go 1.26 and later.
// Go 1.25 prints the JSON on stderr, so leaklint would see no findings.
func vetCaches() bool {
	out, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		return false
	}
	v := strings.TrimSpace(string(out))
	if !version.IsValid(v) {
		return strings.Contains(v, "devel") // a development toolchain is newer
	}
	return version.Compare(v, "go1.26") >= 0
}

// vetAnalyze runs leaklint on the packages through "go vet
// -vettool=<self> -json", so that the go command caches each package's
// results. go vet's own messages make the error when it fails (a package
// does not build), and go to stderr otherwise.
func vetAnalyze(o *options, src *sources, stderr io.Writer) (*report, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	args := []string{"vet", "-vettool=" + self, "-json"}
	if o.tags != "" {
		args = append(args, "-tags="+o.tags)
	}
	if o.trace {
		args = append(args, "-x")
	}
	args = append(args, o.vetFlags...)
	args = append(args, o.patterns...)
	cmd := exec.Command("go", args...)
	var stdout, errout bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &errout
	if o.trace {
		fmt.Fprintf(stderr, "go %s\n", strings.Join(args, " "))
		cmd.Stderr = stderr
	}
	runErr := cmd.Run()
	rep, err := decodeTree(&stdout, src)
	if runErr != nil {
		return rep, fmt.Errorf("go vet failed (%v):\n%s", runErr, strings.TrimSpace(errout.String()))
	}
	if err != nil {
		return nil, err
	}
	stderr.Write(errout.Bytes()) // warnings, such as a pattern matching nothing
	return rep, nil
}

// checkerAnalyze runs the analyzers in this process, with
// golang.org/x/tools/go/analysis/checker. Nothing is cached.
func checkerAnalyze(o *options, src *sources) (*report, error) {
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Tests: o.tests}
	if o.tags != "" {
		cfg.BuildFlags = []string{"-tags=" + o.tags}
	}
	pkgs, err := packages.Load(cfg, o.patterns...)
	if err != nil {
		return nil, err
	}
	var errs []string
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			errs = append(errs, e.Error())
		}
	})
	if len(errs) > 0 {
		return nil, fmt.Errorf("errors loading packages:\n%s", strings.Join(errs, "\n"))
	}
	graph, err := checker.Analyze(o.analyzers, pkgs, nil)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := graph.PrintJSON(&buf); err != nil {
		return nil, err
	}
	return decodeTree(&buf, src)
}
