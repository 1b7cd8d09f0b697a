// Command leaklint finds database connection leaks in Go packages.
//
//	leaklint [flags] packages...
//	go vet -vettool=$(command -v leaklint) packages...
//
// Invoked by go vet (or go fix), it speaks the vet protocol through
// unitchecker. Invoked directly, it runs itself through go vet, so that
// results are cached, and formats them as text, JSON, SARIF or GitHub
// Actions annotations; see docs/cli.md.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/leaklint/leaklint/analyzers"
)

// Exit codes, the same in every output format.
const (
	exitOK       = 0 // no findings
	exitError    = 1 // an analysis, load or build error
	exitUsage    = 2 // bad flags or arguments
	exitFindings = 3 // findings and no errors
)

func main() {
	all := analyzers.All()
	if vetProtocol(os.Args[1:]) {
		vetMain(analyzers.WithEngine(all)) // does not return; exposes -leaklint.kinds
	}
	os.Exit(run(all, os.Args[1:], os.Stdout, os.Stderr))
}

// vetProtocol reports whether args come from go vet or go fix: a -flags
// or -V=full query, or a unit.cfg to analyze. They must reach unitchecker
// before anything touches the global flag set, which it owns.
func vetProtocol(args []string) bool {
	for _, a := range args {
		switch a {
		case "-flags", "--flags", "-V=full", "--V=full":
			return true
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}

// run is the front end: it parses args with its own flag set, analyzes
// the packages, prints the findings, and returns the exit code.
func run(all []*analysis.Analyzer, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "help":
			return help(stdout, stderr, all, args[1:])
		case "version":
			return printVersion(stdout)
		}
	}
	o, fs, err := parseArgs(all, args)
	switch {
	case err == flag.ErrHelp:
		usage(stdout, fs)
		return exitOK
	case err != nil:
		return usageError(stderr, err)
	case o.version:
		return printVersion(stdout)
	}
	return analyze(o, stdout, stderr)
}

// usageError prints err, one line, and where to read the usage, as the go
// command does, and returns the exit code of bad usage.
func usageError(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "leaklint: %v\nRun \"leaklint -h\" for usage.\n", err)
	return exitUsage
}

// analyze runs the analyzers on patterns, through go vet when it caches
// results, in this process otherwise, and returns the exit code.
func analyze(o *options, stdout, stderr io.Writer) int {
	dir, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "leaklint: %v\n", err)
		return exitError
	}
	src := newSources(dir)
	var rep *report
	if o.cache && o.tests && vetCaches() {
		rep, err = vetAnalyze(o, src, stderr)
	} else {
		rep, err = checkerAnalyze(o, src)
	}
	if rep == nil {
		rep = new(report)
	}
	if err != nil {
		rep.errors = append(rep.errors, &analysisError{err: err.Error()})
	}
	return finish(o, rep, src, stdout, stderr)
}

// finish prints the errors of rep on stderr, applies the fixes if asked,
// prints the findings in the chosen format and returns the exit code.
func finish(o *options, rep *report, src *sources, stdout, stderr io.Writer) int {
	failed := len(rep.errors) > 0
	for _, w := range rep.warnings {
		fmt.Fprintf(stderr, "leaklint: %s\n", w)
	}
	for _, e := range rep.errors {
		fmt.Fprintf(stderr, "leaklint: %v\n", e)
	}
	out, nfixed, total := stdout, 0, len(rep.findings)
	if o.fix {
		res := newFixer(o, src).apply(rep.findings, o.diff, stdout)
		for _, s := range res.skipped {
			fmt.Fprintf(stderr, "leaklint: %s\n", s)
		}
		for _, err := range res.errs {
			fmt.Fprintf(stderr, "leaklint: %v\n", err)
			failed = true
		}
		rep.findings, nfixed = unfixed(rep.findings, res.fixed), len(res.fixed)
		if o.diff {
			out = stderr // stdout is the diff's
		} else if nfixed > 0 || len(res.skipped) > 0 || len(res.errs) > 0 {
			fmt.Fprintf(stderr, "leaklint: fixed %d of %d findings\n", nfixed, total)
		}
	}
	var err error
	switch o.format {
	case "text":
		writeText(out, rep.findings, src, o.context)
	case "github":
		writeGitHub(out, rep.findings, src)
	case "json":
		err = writeJSON(out, rep, o.analyzers)
	case "sarif":
		err = writeSARIF(out, o.analyzers, rep, src)
	}
	if err != nil {
		fmt.Fprintf(stderr, "leaklint: %v\n", err)
		return exitError
	}
	switch {
	case failed:
		return exitError
	case len(rep.findings) > 0 || o.diff && nfixed > 0:
		return exitFindings
	}
	return exitOK
}
