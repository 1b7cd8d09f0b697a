// Package plugin registers leaklint as a golangci-lint v2 module plugin.
//
// A custom golangci-lint binary that blank-imports this package (built with
// `golangci-lint custom` from a .custom-gcl.yml, see docs/ci.md) runs
// leaklint's analyzers as one linter named leaklint, configured in
// .golangci.yml:
//
//	version: "2"
//	linters:
//	  enable:
//	    - leaklint
//	  settings:
//	    custom:
//	      leaklint:
//	        type: module
//	        description: finds database connection leaks
//	        settings:
//	          disable: [txfinish]
//
// The settings are [Settings]. Every finding is tagged (leaklint),
// whichever analyzer made it; //nolint:leaklint and //nolint:NAME silence
// it, the former through golangci-lint, both through the analyzers.
package plugin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/leaklint/leaklint/analyzers"
	"github.com/leaklint/leaklint/internal/lifecycle"
)

// Name is the plugin's name: the key under linters.settings.custom and
// the entry in linters.enable.
const Name = "leaklint"

func init() {
	register.Plugin(Name, New)
}

// Settings are the plugin's settings, the value of
// linters.settings.custom.leaklint.settings. Unknown fields are rejected.
//
// By default every analyzer runs. Enable names the only analyzers to run;
// Disable names analyzers not to run. A configuration sets at most one of
// the two, which also says what happens to an analyzer added to leaklint
// later: off with enable, on with disable. Names are the analyzers' names
// (rowsclose, txfinish, …); an unknown name is an error, not a no-op.
type Settings struct {
	Enable  []string `json:"enable"`
	Disable []string `json:"disable"`
	// Kinds declares resource kinds for in-house wrappers, one declaration
	// an entry, in the syntax of the command's -kinds flag:
	// "acquire=(*example.com/db.Store).Iter release=(*example.com/db.Iter).Close".
	Kinds []string `json:"kinds"`
}

// leaklint is the plugin built from one configuration.
type leaklint struct {
	settings Settings
}

// New is the plugin's constructor, called by golangci-lint with the raw
// settings. It rejects unknown fields and unknown analyzer names.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, err
	}
	p := &leaklint{settings: s}
	if _, err := p.BuildAnalyzers(); err != nil {
		return nil, err
	}
	return p, nil
}

// BuildAnalyzers returns a fresh set of the analyzers the settings select.
// Each call builds new analyzers and a new engine: no package state is
// shared with, or changed for, other users of the analyzers package.
func (p *leaklint) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	var cfg lifecycle.Config
	for _, decl := range p.settings.Kinds {
		kinds, err := lifecycle.ParseKinds(decl)
		if err != nil {
			return nil, fmt.Errorf("leaklint settings: kinds: %v", err)
		}
		cfg.Kinds = append(cfg.Kinds, kinds...)
	}
	return selectAnalyzers(analyzers.New(cfg), p.settings)
}

// GetLoadMode asks for type information: the engine builds SSA, which
// needs it.
func (p *leaklint) GetLoadMode() string {
	return register.LoadModeTypesInfo
}

// selectAnalyzers filters all by the settings' enable or disable list.
func selectAnalyzers(all []*analysis.Analyzer, s Settings) ([]*analysis.Analyzer, error) {
	if len(s.Enable) > 0 && len(s.Disable) > 0 {
		return nil, fmt.Errorf("leaklint settings: set either enable or disable, not both")
	}
	names := make([]string, len(all))
	for i, a := range all {
		names[i] = a.Name
	}
	for _, list := range []struct {
		field string
		names []string
	}{{"enable", s.Enable}, {"disable", s.Disable}} {
		for _, n := range list.names {
			if !slices.Contains(names, n) {
				return nil, fmt.Errorf("leaklint settings: %s: unknown analyzer %q (known: %s)",
					list.field, n, strings.Join(names, ", "))
			}
		}
	}
	var selected []*analysis.Analyzer
	for _, a := range all {
		on := !slices.Contains(s.Disable, a.Name)
		if len(s.Enable) > 0 {
			on = slices.Contains(s.Enable, a.Name)
		}
		if on {
			selected = append(selected, a)
		}
	}
	if len(selected) == 0 {
		return nil, fmt.Errorf("leaklint settings: disable turns off every analyzer; remove leaklint from linters.enable instead")
	}
	return selected, nil
}
