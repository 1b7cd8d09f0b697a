package plugin

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/leaklint/leaklint/analyzers"
)

// allNames returns the names of leaklint's analyzers, in order.
func allNames() []string {
	var names []string
	for _, a := range analyzers.All() {
		names = append(names, a.Name)
	}
	return names
}

// build runs the plugin's constructor and BuildAnalyzers on conf, the way
// golangci-lint does, and returns the analyzers' names.
func build(t *testing.T, conf any) []string {
	t.Helper()
	p, err := New(conf)
	if err != nil {
		t.Fatalf("New(%v): %v", conf, err)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatalf("BuildAnalyzers(%v): %v", conf, err)
	}
	var names []string
	for _, a := range as {
		names = append(names, a.Name)
	}
	return names
}

func TestRegistered(t *testing.T) {
	newPlugin, err := register.GetPlugin("leaklint")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
		t.Errorf("GetLoadMode() = %q, want %q: the engine builds SSA", got, register.LoadModeTypesInfo)
	}
}

func TestDefaultRunsEveryAnalyzer(t *testing.T) {
	// nil is what golangci-lint passes when there is no settings key.
	for _, conf := range []any{nil, map[string]any{}, map[string]any{"enable": []any{}}} {
		if got, want := build(t, conf), allNames(); !slices.Equal(got, want) {
			t.Errorf("settings %v: analyzers %v, want %v", conf, got, want)
		}
	}
}

func TestDisable(t *testing.T) {
	for _, name := range allNames() {
		if len(allNames()) == 1 {
			break // disabling the only analyzer is an error, tested below
		}
		got := build(t, map[string]any{"disable": []any{name}})
		want := slices.DeleteFunc(allNames(), func(n string) bool { return n == name })
		if !slices.Equal(got, want) {
			t.Errorf("disable %s: analyzers %v, want %v", name, got, want)
		}
	}
}

func TestEnable(t *testing.T) {
	for _, name := range allNames() {
		if got := build(t, map[string]any{"enable": []any{name}}); !slices.Equal(got, []string{name}) {
			t.Errorf("enable %s: analyzers %v, want [%s]", name, got, name)
		}
	}
}

func TestInvalidSettings(t *testing.T) {
	known := strings.Join(allNames(), ", ")
	var every []any
	for _, n := range allNames() {
		every = append(every, n)
	}
	for _, tc := range []struct {
		conf any
		want string
	}{
		{map[string]any{"disabled": []any{"txfinish"}}, `json: unknown field "disabled"`},
		{map[string]any{"disable": "txfinish"}, `cannot unmarshal string`},
		{map[string]any{"disable": []any{"rowsclos"}}, `leaklint settings: disable: unknown analyzer "rowsclos" (known: ` + known + `)`},
		{map[string]any{"enable": []any{"lifecycle"}}, `leaklint settings: enable: unknown analyzer "lifecycle"`},
		{map[string]any{"enable": []any{"rowsclose"}, "disable": []any{"txfinish"}}, `set either enable or disable, not both`},
		{map[string]any{"disable": every}, `disable turns off every analyzer`},
		{map[string]any{"kinds": []any{"acquire=example.com/p.Open"}}, `leaklint settings: kinds: kind 1 ("acquire=example.com/p.Open"): needs acquire= and release=`},
		{map[string]any{"kinds": "acquire=example.com/p.Open"}, `cannot unmarshal string`},
	} {
		_, err := New(tc.conf)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%v) = %v, want an error containing %q", tc.conf, err, tc.want)
		}
	}
}

// TestNoSharedState checks that each plugin builds its own analyzers and
// engine, and leaves the package-level analyzers alone.
func TestNoSharedState(t *testing.T) {
	before := analyzers.All()
	p1, err := New(map[string]any{"enable": []any{"rowsclose"}})
	if err != nil {
		t.Fatal(err)
	}
	p2, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	a1, _ := p1.BuildAnalyzers()
	a2, _ := p2.BuildAnalyzers()
	a3, _ := p2.BuildAnalyzers()
	for _, a := range slices.Concat(a1, a2, a3) {
		if slices.Contains(before, a) {
			t.Errorf("plugin returned the package-level analyzer %s", a.Name)
		}
	}
	if a2[0] == a3[0] || a2[0].Requires[0] == a3[0].Requires[0] {
		t.Errorf("two BuildAnalyzers calls share an analyzer or an engine")
	}
	if after := analyzers.All(); !slices.Equal(before, after) {
		t.Errorf("analyzers.All() changed: %v, then %v", before, after)
	}
	for i, a := range analyzers.All() {
		if !slices.Equal(a.Requires, before[i].Requires) {
			t.Errorf("analyzer %s: Requires changed", a.Name)
		}
	}
}

// findings runs the analyzers the plugin builds from conf on testdata/p
// and returns their messages by analyzer name.
func findings(t *testing.T, conf any) map[string][]string {
	t.Helper()
	p, err := New(conf)
	if err != nil {
		t.Fatal(err)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  filepath.Join("testdata", "p"),
		Env:  append(os.Environ(), "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("testdata/p does not load")
	}
	graph, err := checker.Analyze(as, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := make(map[string][]string)
	for _, act := range graph.Roots {
		if act.Err != nil {
			t.Errorf("%s: %v", act.Analyzer.Name, act.Err)
		}
		for _, d := range act.Diagnostics {
			got[act.Analyzer.Name] = append(got[act.Analyzer.Name], d.Message)
		}
	}
	return got
}

// TestFindings checks that the analyzers the plugin builds report, and
// that the settings decide which do. testdata/p has one leak for rowsclose
// and one for txfinish.
func TestFindings(t *testing.T) {
	const (
		rows = "rows from Query is not closed on the path through the return at line 13"
		tx   = "tx from Begin is neither committed nor rolled back on the path through the return at line 24"
		// declared by the kinds setting only
		cursor = "c from Open is not released on the path through the end of the function at line 40"
	)
	for _, tc := range []struct {
		conf any
		want map[string][]string
	}{
		{nil, map[string][]string{"rowsclose": {rows}, "txfinish": {tx}}},
		{map[string]any{"disable": []any{"txfinish"}}, map[string][]string{"rowsclose": {rows}}},
		{map[string]any{"enable": []any{"txfinish"}}, map[string][]string{"txfinish": {tx}}},
		{
			map[string]any{"kinds": []any{"acquire=example.com/p.Open release=(*example.com/p.Cursor).Close"}},
			map[string][]string{"rowsclose": {rows, cursor}, "txfinish": {tx}},
		},
	} {
		if got := findings(t, tc.conf); !maps.EqualFunc(got, tc.want, slices.Equal) {
			t.Errorf("settings %v: findings %v, want %v", tc.conf, got, tc.want)
		}
	}
}
