// Package noop is an analyzer that does nothing: the drivers that run it
// measure the floor of any analysis, loading and type checking alone.
package noop

import "golang.org/x/tools/go/analysis"

// Analyzer reports nothing, requires nothing and has no facts.
var Analyzer = &analysis.Analyzer{
	Name: "noop",
	Doc:  "do nothing (the type-checking floor of make bench)",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}
