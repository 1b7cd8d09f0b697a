package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/leaklint/leaklint/analyzers"
)

// options are what the front end's arguments ask for.
type options struct {
	format    string
	json      bool
	context   int
	fix       bool
	diff      bool
	tags      string
	tests     bool
	cache     bool
	trace     bool
	version   bool
	analyzers []*analysis.Analyzer // the analyzers to run
	vetFlags  []string             // analyzer flags set on the command line, for go vet
	patterns  []string             // the packages
}

// parseArgs parses the front end's arguments with a flag set of its own:
// the global one belongs to unitchecker.
func parseArgs(all []*analysis.Analyzer, args []string) (*options, *flag.FlagSet, error) {
	fs := flag.NewFlagSet("leaklint", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // the caller prints errors and usage
	o := &options{}
	fs.StringVar(&o.format, "f", "text", "output `format`: text, json, sarif or github")
	fs.BoolVar(&o.json, "json", false, "same as -f json (the go/analysis JSON tree)")
	fs.IntVar(&o.context, "c", -1, "with -f text, print the offending line with this many lines of context")
	fs.BoolVar(&o.fix, "fix", false, "apply the suggested fixes, then report what is left")
	fs.BoolVar(&o.diff, "diff", false, "with -fix, print a unified diff instead of writing the files")
	fs.StringVar(&o.tags, "tags", "", "comma-separated `list` of build tags")
	fs.BoolVar(&o.tests, "tests", true, "analyze test files too (-tests=false implies -cache=false)")
	fs.BoolVar(&o.cache, "cache", true, "run through go vet, which caches results (needs Go 1.26 or later)")
	fs.BoolVar(&o.trace, "x", false, "print the go vet command and its -x trace")
	fs.BoolVar(&o.version, "V", false, "print the version and exit")
	enabled, isAnalyzerFlag := analyzerFlags(fs, all)
	engineFlags(fs, all, isAnalyzerFlag)
	if err := fs.Parse(args); err != nil {
		return nil, fs, err
	}
	formatSet := false
	fs.Visit(func(f *flag.Flag) {
		if name, ok := isAnalyzerFlag[f.Name]; ok {
			o.vetFlags = append(o.vetFlags, "-"+name+"="+f.Value.String())
		}
		formatSet = formatSet || f.Name == "f"
	})
	o.analyzers, o.patterns = selected(all, enabled), fs.Args()
	for _, p := range o.patterns {
		if strings.HasPrefix(p, "-") { // no package path starts with a dash
			name, _, _ := strings.Cut(strings.TrimLeft(p, "-"), "=")
			return nil, fs, fmt.Errorf("flag -%s after the packages: flags go first (leaklint [flags] packages...)", name)
		}
	}
	switch {
	case o.json && formatSet && o.format != "json":
		return nil, fs, fmt.Errorf("-json and -f %s ask for two formats: give one", o.format)
	case o.json:
		o.format = "json"
	}
	switch {
	case o.version:
	case !strings.Contains(" text json sarif github ", " "+o.format+" "):
		return nil, fs, fmt.Errorf("unknown format %q (want text, json, sarif or github)", o.format)
	case o.diff && !o.fix:
		return nil, fs, errors.New("-diff requires -fix")
	case len(o.patterns) == 0:
		return nil, fs, errors.New("no packages to analyze (try ./...)")
	}
	return o, fs, nil
}

// analyzerFlags registers, for each analyzer, -NAME to enable or disable
// it and -NAME.FLAG for each of its flags, as go vet knows them. It
// returns the enable flags and the names it registered, each mapped to
// the name go vet knows it by.
func analyzerFlags(fs *flag.FlagSet, analyzers []*analysis.Analyzer) (map[*analysis.Analyzer]*triState, map[string]string) {
	enabled := make(map[*analysis.Analyzer]*triState)
	names := make(map[string]string)
	for _, a := range analyzers {
		ts := new(triState)
		enabled[a] = ts
		fs.Var(ts, a.Name, fmt.Sprintf("enable the %s analyzer (-%s=false disables it)", a.Name, a.Name))
		names[a.Name] = a.Name
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
			names[a.Name+"."+f.Name] = a.Name + "." + f.Name
		})
	}
	return enabled, names
}

// engineFlags registers the flags of the engine the analyzers share, as
// -leaklint.FLAG (go vet's name) and -FLAG, and records them in names.
func engineFlags(fs *flag.FlagSet, all []*analysis.Analyzer, names map[string]string) {
	engine := analyzers.Engine(all)
	if engine == nil {
		return
	}
	engine.Flags.VisitAll(func(f *flag.Flag) {
		vetName := engine.Name + "." + f.Name
		fs.Var(f.Value, vetName, f.Usage)
		fs.Var(f.Value, f.Name, f.Usage+" (same as -"+vetName+")")
		names[vetName], names[f.Name] = vetName, vetName
	})
}

// selected returns the analyzers to run: those set to true if any is,
// otherwise all but those set to false (go vet's rule).
func selected(analyzers []*analysis.Analyzer, enabled map[*analysis.Analyzer]*triState) []*analysis.Analyzer {
	var on, notOff []*analysis.Analyzer
	for _, a := range analyzers {
		switch *enabled[a] {
		case setTrue:
			on = append(on, a)
			notOff = append(notOff, a)
		case unset:
			notOff = append(notOff, a)
		}
	}
	if len(on) > 0 {
		return on
	}
	return notOff
}

// A triState is a boolean flag that remembers whether it was set.
type triState int

const (
	unset triState = iota
	setTrue
	setFalse
)

// Set implements flag.Value.
func (ts *triState) Set(s string) error {
	b, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	*ts = setFalse
	if b {
		*ts = setTrue
	}
	return nil
}

// String implements flag.Value.
func (ts *triState) String() string {
	if ts != nil && *ts == setFalse {
		return "false"
	}
	return "true"
}

// IsBoolFlag makes -NAME mean -NAME=true.
func (ts *triState) IsBoolFlag() bool { return true }
