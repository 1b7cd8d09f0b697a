// Command noopvet is a vet tool that type-checks and reports nothing:
// the floor of "go vet -vettool=…" in make bench.
package main

import (
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/leaklint/leaklint/bench/noop"
)

func main() { unitchecker.Main(noop.Analyzer) }
