// Command noopload loads packages as leaklint's in-process engine does
// (packages.Load with LoadAllSyntax, test variants included) and runs
// the no-op analyzer over them with x/tools' checker: the floor of
// "leaklint -cache=false" in make bench.
//
//	noopload [-tests=false] packages...
package main

import (
	"flag"
	"fmt"
	"os"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/leaklint/leaklint/bench/noop"
)

func main() {
	tests := flag.Bool("tests", true, "load test variants too")
	flag.Parse()
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Tests: *tests}
	pkgs, err := packages.Load(cfg, flag.Args()...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "noopload:", err)
		os.Exit(1)
	}
	if n := packages.PrintErrors(pkgs); n > 0 {
		os.Exit(1)
	}
	if _, err := checker.Analyze([]*analysis.Analyzer{noop.Analyzer}, pkgs, nil); err != nil {
		fmt.Fprintln(os.Stderr, "noopload:", err)
		os.Exit(1)
	}
}
