// Package analyzers lists leaklint's analyzers, for the drivers (the
// command, the golangci-lint plugin) that run them together.
package analyzers

import (
	"golang.org/x/tools/go/analysis"

	"github.com/leaklint/leaklint/analyzers/connloop"
	"github.com/leaklint/leaklint/analyzers/globalconn"
	"github.com/leaklint/leaklint/analyzers/rowsclose"
	"github.com/leaklint/leaklint/analyzers/txfinish"
	"github.com/leaklint/leaklint/internal/lifecycle"
)

// All returns leaklint's analyzers with the default configuration.
func All() []*analysis.Analyzer {
	return []*analysis.Analyzer{rowsclose.Analyzer, txfinish.Analyzer, connloop.Analyzer, globalconn.Analyzer}
}

// New returns leaklint's analyzers sharing one engine configured by cfg.
func New(cfg lifecycle.Config) []*analysis.Analyzer {
	engine := lifecycle.New(cfg)
	return []*analysis.Analyzer{rowsclose.New(engine), txfinish.New(engine), connloop.New(engine), globalconn.New(engine)}
}

// WithEngine returns list followed by the engine its analyzers share, for
// drivers that must expose the engine's flag (-leaklint.kinds): go vet's
// protocol registers flags only for the analyzers it is given. The engine
// reports nothing itself.
func WithEngine(list []*analysis.Analyzer) []*analysis.Analyzer {
	if e := Engine(list); e != nil {
		return append(append([]*analysis.Analyzer(nil), list...), e)
	}
	return list
}

// Engine returns the engine that the analyzers of list require, or nil.
func Engine(list []*analysis.Analyzer) *analysis.Analyzer {
	for _, a := range list {
		for _, r := range a.Requires {
			if r.Name == lifecycle.Name {
				return r
			}
		}
	}
	return nil
}
