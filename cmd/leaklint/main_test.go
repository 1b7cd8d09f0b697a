package main

import (
	"bytes"
	"flag"
	"io"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/leaklint/leaklint/analyzers"
)

func TestVetProtocol(t *testing.T) {
	for _, c := range []struct {
		args []string
		want bool
	}{
		{[]string{"-flags"}, true},
		{[]string{"-V=full"}, true},
		{[]string{"-json", "-rowsclose=false", "/tmp/go-build1/b001/vet.cfg"}, true},
		{[]string{"-V"}, false}, // ours: unitchecker accepts only -V=full
		{[]string{"./..."}, false},
		{[]string{"-f", "sarif", "flags"}, false}, // a package named flags
		{nil, false},
	} {
		if got := vetProtocol(c.args); got != c.want {
			t.Errorf("vetProtocol(%q) = %v, want %v", c.args, got, c.want)
		}
	}
}

// flagged returns two analyzers, the first with a flag.
func flagged() []*analysis.Analyzer {
	a := &analysis.Analyzer{Name: "one", Doc: "one"}
	a.Flags.Int("limit", 10, "a limit")
	return []*analysis.Analyzer{a, {Name: "two", Doc: "two"}}
}

func TestParseArgs(t *testing.T) {
	for _, c := range []struct {
		args      []string
		analyzers []string
		vetFlags  []string
	}{
		{[]string{"./..."}, []string{"one", "two"}, nil},
		{[]string{"-one=false", "./..."}, []string{"two"}, []string{"-one=false"}},
		{[]string{"-two", "./..."}, []string{"two"}, []string{"-two=true"}},
		{[]string{"-one.limit=3", "-tags=x", "./..."}, []string{"one", "two"}, []string{"-one.limit=3"}},
	} {
		all := flagged()
		o, _, err := parseArgs(all, c.args)
		if err != nil {
			t.Errorf("%q: %v", c.args, err)
			continue
		}
		var names []string
		for _, a := range o.analyzers {
			names = append(names, a.Name)
		}
		if !slices.Equal(names, c.analyzers) || !slices.Equal(o.vetFlags, c.vetFlags) {
			t.Errorf("%q: analyzers %q and vet flags %q, want %q and %q", c.args, names, o.vetFlags, c.analyzers, c.vetFlags)
		}
	}
	all := flagged()
	if o, _, _ := parseArgs(all, []string{"-one.limit=3", "-json", "p"}); all[0].Flags.Lookup("limit").Value.String() != "3" || o.format != "json" {
		t.Errorf("-one.limit=3 -json: analyzer flag not set or format %q", o.format)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-nosuch", "./..."},
		{"-f", "xml", "./..."},
		{"-diff", "./..."},
		{},
		{"help", "nosuch"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(analyzers.All(), args, &stdout, &stderr); code != exitUsage {
			t.Errorf("leaklint %q: exit code %d, want %d", args, code, exitUsage)
		}
	}
}

func TestHelp(t *testing.T) {
	all := analyzers.All()
	var buf bytes.Buffer
	if code := run(all, []string{"help"}, &buf, &buf); code != exitOK {
		t.Errorf("help: exit code %d", code)
	}
	for _, a := range all {
		summary, _ := splitDoc(a.Doc)
		if !strings.Contains(buf.String(), a.Name) || !strings.Contains(buf.String(), summary) {
			t.Errorf("help does not list %s with its summary:\n%s", a.Name, &buf)
		}
	}
	for _, a := range all {
		buf.Reset()
		if code := run(all, []string{"help", a.Name}, &buf, &buf); code != exitOK {
			t.Errorf("help %s: exit code %d", a.Name, code)
		}
		if _, long := splitDoc(a.Doc); long == "" || !strings.Contains(buf.String(), long) {
			t.Errorf("help %s does not print the long documentation:\n%s", a.Name, &buf)
		}
	}
	buf.Reset()
	if code := run(all, []string{"-h"}, &buf, &buf); code != exitOK || !strings.Contains(buf.String(), "-"+all[0].Name) {
		t.Errorf("-h: exit code %d, or no -%s flag:\n%s", code, all[0].Name, &buf)
	}
	for _, args := range [][]string{{"version"}, {"-V"}} {
		buf.Reset()
		if code := run(all, args, &buf, &buf); code != exitOK || !strings.HasPrefix(buf.String(), "leaklint ") {
			t.Errorf("%q: exit code %d, output %q", args, code, &buf)
		}
	}
}

func TestTriState(t *testing.T) {
	fs := flag.NewFlagSet("", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var ts triState
	fs.Var(&ts, "x", "")
	if err := fs.Parse([]string{"-x"}); err != nil || ts != setTrue {
		t.Errorf("-x: %v, %v", ts, err)
	}
	if err := fs.Parse([]string{"-x=false"}); err != nil || ts != setFalse {
		t.Errorf("-x=false: %v, %v", ts, err)
	}
	if err := fs.Parse([]string{"-x=maybe"}); err == nil {
		t.Errorf("-x=maybe: no error")
	}
}
