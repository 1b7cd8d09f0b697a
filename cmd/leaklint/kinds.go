package main

import (
	"fmt"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/leaklint/leaklint/analyzers"
	"github.com/leaklint/leaklint/internal/lifecycle"
)

// declaredKinds returns the kinds declared with -kinds (-leaklint.kinds)
// for the engine of list, or nil.
func declaredKinds(list []*analysis.Analyzer) []*lifecycle.Kind {
	engine := analyzers.Engine(list)
	if engine == nil {
		return nil
	}
	f := engine.Flags.Lookup("kinds")
	if f == nil || f.Value.String() == "" {
		return nil
	}
	kinds, _ := lifecycle.ParseKinds(f.Value.String()) // parsed when the flag was set
	return kinds
}

// kindWarnings returns a warning for each function, method or type that
// kinds name and the analyzed program does not have: a misspelt name
// silently switches its kind off. inProgram reports whether a package is
// among those analyzed or their dependencies; typesOf returns the types of
// such packages (a package it cannot load is not warned about).
func kindWarnings(kinds []*lifecycle.Kind, inProgram func(path string) bool, typesOf func(paths []string) map[string]*types.Package) []string {
	var names []string
	seen := make(map[string]bool)
	for _, k := range kinds {
		for _, name := range append(append(append([]string(nil), k.Acquire...), k.Release...), k.AutoRelease...) {
			if !seen[name] {
				seen[name] = true
				names = append(names, name)
			}
		}
	}
	var paths []string
	for _, name := range names {
		if c := parseCanonical(name); inProgram(c.pkg) && !seen[c.pkg] {
			seen[c.pkg] = true
			paths = append(paths, c.pkg)
		}
	}
	sort.Strings(paths)
	pkgs := typesOf(paths)

	var warnings []string
	for _, name := range names {
		c := parseCanonical(name)
		why := ""
		if !inProgram(c.pkg) {
			why = fmt.Sprintf("no package %s in the packages analyzed or their dependencies", c.pkg)
		} else if pkg := pkgs[c.pkg]; pkg != nil {
			why = c.missing(pkg)
		}
		if why != "" {
			warnings = append(warnings, fmt.Sprintf("warning: -kinds: %s names nothing: %s", name, why))
		}
	}
	return warnings
}

// A canonicalName is a function or method in canonical notation, taken
// apart: "(*example.com/db.Store).Iter" is pkg example.com/db, typ Store,
// name Iter; "example.com/db.Open" is pkg example.com/db, name Open.
type canonicalName struct {
	pkg, typ, name string
}

// parseCanonical takes apart a name that lifecycle.ParseKinds accepted.
func parseCanonical(s string) canonicalName {
	var c canonicalName
	if recv, name, ok := strings.Cut(strings.TrimPrefix(s, "("), ")."); ok && strings.HasPrefix(s, "(") {
		recv = strings.TrimPrefix(recv, "*")
		i := strings.LastIndexByte(recv, '.')
		c.pkg, c.typ, c.name = recv[:max(i, 0)], recv[i+1:], name
		return c
	}
	i := strings.LastIndexByte(s, '.')
	c.pkg, c.name = s[:max(i, 0)], s[i+1:]
	return c
}

// missing returns why c names nothing in pkg, or "".
func (c canonicalName) missing(pkg *types.Package) string {
	if c.typ == "" {
		if _, ok := pkg.Scope().Lookup(c.name).(*types.Func); !ok {
			return fmt.Sprintf("package %s has no function %s", c.pkg, c.name)
		}
		return ""
	}
	tn, ok := pkg.Scope().Lookup(c.typ).(*types.TypeName)
	if !ok {
		return fmt.Sprintf("package %s has no type %s", c.pkg, c.typ)
	}
	// Any method of T or *T, declared or promoted: whether the engine
	// matches it as spelt is the engine's business.
	if obj, _, _ := types.LookupFieldOrMethod(tn.Type(), true, pkg, c.name); obj != nil {
		if _, ok := obj.(*types.Func); ok {
			return ""
		}
	}
	return fmt.Sprintf("%s.%s has no method %s", c.pkg, c.typ, c.name)
}

// loadedTypes returns a typesOf for kindWarnings that reads the types of
// pkgs, and of their dependencies, as loaded.
func loadedTypes(pkgs []*packages.Package) (inProgram func(string) bool, typesOf func([]string) map[string]*types.Package) {
	all := make(map[string]*types.Package)
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if all[p.PkgPath] == nil || p.Types != nil && p.ID == p.PkgPath {
			all[p.PkgPath] = p.Types
		}
	})
	inProgram = func(path string) bool { _, ok := all[path]; return ok }
	typesOf = func([]string) map[string]*types.Package { return all }
	return inProgram, typesOf
}

// exportTypes returns a typesOf for kindWarnings that loads the packages
// from export data (go list -export, which compiles them if the build
// cache does not hold them).
func exportTypes(o *options) func([]string) map[string]*types.Package {
	return func(paths []string) map[string]*types.Package {
		out := make(map[string]*types.Package)
		if len(paths) == 0 {
			return out
		}
		cfg := &packages.Config{Mode: packages.NeedName | packages.NeedTypes, BuildFlags: buildFlags(o)}
		pkgs, err := packages.Load(cfg, paths...)
		if err != nil {
			return out
		}
		for _, p := range pkgs {
			if p.Types != nil && len(p.Errors) == 0 {
				out[p.PkgPath] = p.Types
			}
		}
		return out
	}
}
