package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestFlagSet(t *testing.T) {
	for _, c := range []struct {
		args []string
		want bool
	}{
		{[]string{"-json", "-frontend"}, true},
		{[]string{"--frontend=true"}, true},
		{[]string{"-frontend", "-frontend=false"}, false},
		{[]string{"-json"}, false},
		{[]string{"-frontendx"}, false},
		{nil, false},
	} {
		if got := flagSet(c.args, "frontend"); got != c.want {
			t.Errorf("flagSet(%q, frontend) = %v, want %v", c.args, got, c.want)
		}
	}
}

// TestReportAll checks that the config handed to unitchecker under
// -frontend is go vet's with VetxOnly cleared and every other field,
// known or not, as it was.
func TestReportAll(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "vet.cfg")
	orig := `{"ID":"m/lib","GoFiles":["/m/lib/lib.go"],"VetxOnly":true,"VetxOutput":"/w/vet.out","FutureField":{"x":[1,2]}}`
	if err := os.WriteFile(cfg, []byte(orig), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := reportAll(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(out) != dir || out == cfg {
		t.Errorf("reportAll wrote %s, want a new file beside %s", out, cfg)
	}
	var got, want map[string]any
	data, _ := os.ReadFile(out)
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	json.Unmarshal([]byte(orig), &want)
	want["VetxOnly"] = false
	if !reflect.DeepEqual(got, want) {
		t.Errorf("reportAll wrote %s, want %v", data, want)
	}

	// A root's config is used as it is.
	os.WriteFile(cfg, []byte(`{"ID":"m/app","VetxOnly":false}`), 0o644)
	if out, err := reportAll(cfg); err != nil || out != cfg {
		t.Errorf("reportAll(root) = %s, %v; want %s unchanged", out, err, cfg)
	}
}

func TestGoErrors(t *testing.T) {
	text := `# example.com/m/c
c/c.go:3:23: cannot use "x" (untyped string constant) as int value in return statement
# example.com/m/c [example.com/m/c.test]
c/c.go:3:23: cannot use "x" (untyped string constant) as int value in return statement
# example.com/m/a
a/a.go:4:2: too many arguments in call to f
	have (number)
	want ()
go: warning: something
`
	var got []analysisError
	for _, e := range goErrors(text) {
		got = append(got, *e)
	}
	want := []analysisError{
		{pkg: "example.com/m/a", err: "a/a.go:4:2: too many arguments in call to f\n\thave (number)\n\twant ()"},
		{pkg: "example.com/m/a", err: "go: warning: something"},
		{pkg: "example.com/m/c", err: `c/c.go:3:23: cannot use "x" (untyped string constant) as int value in return statement`},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("goErrors:\n%q\nwant\n%q", got, want)
	}
}

func TestPkgPath(t *testing.T) {
	for id, want := range map[string]string{
		"example.com/p":                           "example.com/p",
		"example.com/p [example.com/p.test]":      "example.com/p",
		"example.com/p_test [example.com/p.test]": "example.com/p_test",
	} {
		if got := pkgPath(id); got != want {
			t.Errorf("pkgPath(%q) = %q, want %q", id, got, want)
		}
	}
}
