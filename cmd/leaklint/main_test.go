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

// TestUsageErrors checks that bad usage is one line on stderr that says
// what is wrong, then a pointer to -h, and exit status 2.
func TestUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-nosuch", "./..."}, "flag provided but not defined: -nosuch"},
		{[]string{"-f", "xml", "./..."}, `unknown format "xml"`},
		{[]string{"-diff", "./..."}, "-diff requires -fix"},
		{[]string{}, "no packages to analyze"},
		{[]string{"help", "nosuch"}, `no analyzer "nosuch"`},
		{[]string{"./...", "-f", "json"}, "flag -f after the packages"},
		{[]string{"-json", "-f", "sarif", "./..."}, "-json and -f sarif"},
		{[]string{"-f", "github", "-json", "./..."}, "-json and -f github"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(analyzers.All(), c.args, &stdout, &stderr)
		lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
		if code != exitUsage || stdout.Len() > 0 || len(lines) != 2 ||
			!strings.HasPrefix(lines[0], "leaklint: ") || !strings.Contains(lines[0], c.want) ||
			lines[1] != `Run "leaklint -h" for usage.` {
			t.Errorf("leaklint %q: exit %d, stdout %q, stderr:\n%s\nwant exit %d, nothing on stdout, and on stderr %q then a pointer to -h",
				c.args, code, &stdout, &stderr, exitUsage, c.want)
		}
	}
	// -json with -f json agrees.
	if _, _, err := parseArgs(analyzers.All(), []string{"-json", "-f", "json", "./..."}); err != nil {
		t.Errorf("-json -f json: %v", err)
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
	// The engine, named leaklint, and its flag, as docs/cli.md says.
	buf.Reset()
	if code := run(all, []string{"help", "leaklint"}, &buf, &buf); code != exitOK ||
		!strings.HasPrefix(buf.String(), "leaklint: track database resources") || !strings.Contains(buf.String(), "-leaklint.kinds") {
		t.Errorf("help leaklint: exit code %d, want the engine's documentation and -leaklint.kinds:\n%s", code, &buf)
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
