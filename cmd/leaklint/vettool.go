package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"
)

// frontendFlag is the vet flag that the front end, and only it, passes to
// go vet: -frontend. It changes two things.
//
// go vet (Go 1.26) caches a vet tool's stdout under an action ID made of
// the tool's ID, the vet flags, the package and its dependencies' facts,
// but not VetxOnly: a package first analyzed as a dependency (facts only,
// no diagnostics printed) is answered later, as a root, from that entry
// and prints nothing; a root's entry answers later for the same package
// as a dependency, and prints its findings. With -frontend, the tool
// prints the diagnostics of every package it analyzes, VetxOnly or not,
// so that every entry holds the package's findings whatever role it was
// analyzed in; the front end keeps those of the packages its patterns
// name. The flag also keeps these entries apart from those of a plain
// "go vet -vettool", since vet flags are part of the action ID.
const frontendFlag = "frontend"

// vetMain serves go vet and go fix through unitchecker. With -frontend
// and a unit.cfg whose VetxOnly is set, it hands unitchecker a copy of the
// config with VetxOnly cleared; see frontendFlag. Not with -fix: a
// dependency's fixes are not to be applied.
func vetMain(list []*analysis.Analyzer) {
	// Registered on the global flag set, which unitchecker parses and
	// lists for go vet's -flags query, so that go vet accepts the flag.
	flag.Bool(frontendFlag, false, "report the findings of dependencies too (set by the leaklint command; see its docs/cli.md)")
	args := os.Args[1:]
	if len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg") &&
		flagSet(args[:len(args)-1], frontendFlag) && !flagSet(args[:len(args)-1], "fix") {
		cfg, err := reportAll(args[len(args)-1])
		if err != nil {
			fmt.Fprintf(os.Stderr, "leaklint: %v\n", err)
			os.Exit(1)
		}
		os.Args[len(os.Args)-1] = cfg
	}
	unitchecker.Main(list...) // does not return
}

// flagSet reports whether args (the flags before the unit.cfg) set the
// boolean flag called name to true.
func flagSet(args []string, flagName string) bool {
	on := false
	for _, a := range args {
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != flagName {
			continue
		}
		on = true
		if hasValue {
			on, _ = strconv.ParseBool(value)
		}
	}
	return on
}

// reportAll returns the name of a unit.cfg that is file with VetxOnly
// false: unitchecker then prints the package's diagnostics whatever role
// go vet gave it. Every other field is kept as written, whatever it is.
// The copy is written beside file, in go's work directory for the
// package, which go removes after the build. A config without VetxOnly
// is returned as it is.
func reportAll(file string) (string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	var cfg map[string]json.RawMessage
	if err := json.Unmarshal(data, &cfg); err != nil {
		return "", fmt.Errorf("reading %s: %v", file, err)
	}
	var vetxOnly bool
	if raw, ok := cfg["VetxOnly"]; !ok || json.Unmarshal(raw, &vetxOnly) != nil || !vetxOnly {
		return file, nil
	}
	cfg["VetxOnly"] = json.RawMessage("false")
	data, err = json.Marshal(cfg)
	if err != nil {
		return "", err
	}
	out := filepath.Join(filepath.Dir(file), "leaklint-frontend.cfg")
	if err := os.WriteFile(out, data, 0o666); err != nil {
		return "", err
	}
	return out, nil
}
