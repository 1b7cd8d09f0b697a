package main

import (
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/leaklint/leaklint/analyzers"
	"github.com/leaklint/leaklint/internal/lifecycle"
)

// usageText introduces the command; the flags follow it.
const usageText = `leaklint finds database connection leaks in Go packages.

Usage:
	leaklint [flags] packages...   analyze packages (as "go vet" would name them)
	leaklint help [analyzer]       list the analyzers, or explain one
	leaklint version               print the version

It also serves "go vet -vettool=$(command -v leaklint)" and
"go fix -fixtool=$(command -v leaklint)".

Exit status: 0 no findings, 3 findings, 1 errors, 2 bad usage.

Flags:
`

// usage prints the command's usage and its flags to w.
func usage(w io.Writer, fs *flag.FlagSet) {
	io.WriteString(w, usageText)
	fs.SetOutput(w)
	fs.PrintDefaults()
}

// help implements "leaklint help [NAME]": the list of analyzers with
// their summaries, or one analyzer's whole documentation and flags (the
// engine's too, named leaklint). An unknown name is bad usage, on stderr.
func help(w, stderr io.Writer, list []*analysis.Analyzer, args []string) int {
	engine := analyzers.Engine(list)
	if len(args) == 0 {
		fmt.Fprintf(w, "leaklint finds database connection leaks. Analyzers (all enabled by default):\n\n")
		for _, a := range list {
			summary, _ := splitDoc(a.Doc)
			fmt.Fprintf(w, "  %-12s %s\n", a.Name, summary)
		}
		fmt.Fprintf(w, "\nRun \"leaklint help NAME\" for an analyzer's documentation, \"leaklint help kinds\" for\nthe resources tracked, \"leaklint help %s\" for the engine they share and its flags,\n\"leaklint -h\" for flags.\n", lifecycle.Name)
		return exitOK
	}
	for _, name := range args {
		if name != "kinds" && find(analyzers.WithEngine(list), name) == nil {
			return usageError(stderr, fmt.Errorf("no analyzer %q (see \"leaklint help\")", name))
		}
	}
	for _, name := range args {
		if name == "kinds" {
			kindTable(w, lifecycle.Kinds)
			continue
		}
		a := find(analyzers.WithEngine(list), name)
		fmt.Fprintf(w, "%s: %s\n", a.Name, strings.TrimSpace(a.Doc))
		a.Flags.VisitAll(func(f *flag.Flag) {
			arg, usage := flag.UnquoteUsage(f)
			fmt.Fprintf(w, "\n  -%s.%s %s\n    \t%s\n", a.Name, f.Name, arg, usage)
			if a == engine {
				fmt.Fprintf(w, "    \t(-%s on leaklint's command line; -%s.%s under go vet)\n", f.Name, a.Name, f.Name)
			}
		})
		if a.URL != "" {
			fmt.Fprintf(w, "\n%s\n", a.URL)
		}
	}
	return exitOK
}

// find returns the analyzer called name, or nil.
func find(analyzers []*analysis.Analyzer, name string) *analysis.Analyzer {
	for _, a := range analyzers {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// splitDoc splits an analyzer's Doc into its first line, the summary, and
// the rest, the long documentation.
func splitDoc(doc string) (summary, long string) {
	summary, long, _ = strings.Cut(strings.TrimSpace(doc), "\n")
	return strings.TrimSpace(summary), strings.TrimSpace(long)
}

// toolVersion returns leaklint's module version ("devel" when built from
// a checkout) and the same as a semantic version without its "v", which
// is "0.0.0-devel" for a checkout.
func toolVersion() (version, semver string) {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version, strings.TrimPrefix(info.Main.Version, "v")
	}
	return "devel", "0.0.0-devel"
}

// printVersion implements "leaklint version" and "leaklint -V".
func printVersion(w io.Writer) int {
	version, _ := toolVersion()
	fmt.Fprintf(w, "leaklint %s %s/%s %s\n", version, runtime.GOOS, runtime.GOARCH, runtime.Version())
	return exitOK
}

// kindTable prints the resource kinds, from the engine's own table: for
// each, its library, type, the analyzer that reports it, and the calls
// that acquire and release it.
func kindTable(w io.Writer, kinds []*lifecycle.Kind) {
	fmt.Fprintf(w, "Resources leaklint tracks (declare more with -kinds; see \"leaklint -h\"):\n")
	for _, k := range kinds {
		reporter := "rowsclose"
		if k.Class == lifecycle.ClassTransaction {
			reporter = "txfinish"
		}
		fmt.Fprintf(w, "\n%s %s (%s)\n", k.Library, k.Type, reporter)
		fmt.Fprintf(w, "  acquired by  %s\n", strings.Join(k.Acquire, "\n               "))
		fmt.Fprintf(w, "  released by  %s\n", strings.Join(k.Release, "\n               "))
		if len(k.AutoRelease) > 0 {
			fmt.Fprintf(w, "  and by       %s returning false\n", strings.Join(k.AutoRelease, ", "))
		}
		if len(k.ErrRelease) > 0 {
			fmt.Fprintf(w, "  and by       %s returning an error\n", strings.Join(k.ErrRelease, ", "))
		}
		if k.Note != "" {
			fmt.Fprintf(w, "  note         %s\n", k.Note)
		}
	}
}
