package lifecycle

import (
	"fmt"
	"regexp"
	"strings"
)

// canonical matches a function or method in canonical notation:
// "example.com/db.Open", "(*example.com/db.Store).Iter", "(example.com/db.Rows).Close".
var canonical = regexp.MustCompile(`^(\((\*?)([^()\s*]+)\.([\pL_][\pL\pN_]*)\)|[^()\s*]+)\.([\pL_][\pL\pN_]*)$`)

// ParseKinds parses kinds declared by the user, for in-house wrappers. A
// declaration is a list of key=value fields separated by spaces; several
// are separated by semicolons; values that are lists are separated by
// commas:
//
//	acquire=(*example.com/db.Store).Iter release=(*example.com/db.Iter).Close
//
// Keys: acquire (the calls that return a new resource), release (methods
// of the resource's type that release it; the type is their receiver's),
// next (boolean methods whose false result releases it, like Rows.Next),
// class (resource, the default, reported by rowsclose; or transaction,
// reported by txfinish) and name (the noun for messages, by default the
// type's name with its first letter in lower case).
func ParseKinds(spec string) ([]*Kind, error) {
	var kinds []*Kind
	for i, decl := range strings.Split(spec, ";") {
		if strings.TrimSpace(decl) == "" {
			continue
		}
		k, err := parseKind(decl)
		if err != nil {
			return nil, fmt.Errorf("kind %d (%q): %v", i+1, strings.TrimSpace(decl), err)
		}
		kinds = append(kinds, k)
	}
	return kinds, nil
}

// parseKind parses one declaration.
func parseKind(decl string) (*Kind, error) {
	k := &Kind{Class: ClassResource}
	for _, field := range strings.Fields(decl) {
		key, value, ok := strings.Cut(field, "=")
		if !ok || value == "" {
			return nil, fmt.Errorf("%q is not key=value", field)
		}
		list := strings.Split(value, ",")
		switch key {
		case "acquire":
			k.Acquire = append(k.Acquire, list...)
		case "release":
			k.Release = append(k.Release, list...)
		case "next":
			k.AutoRelease = append(k.AutoRelease, list...)
		case "name":
			k.Name = value
		case "class":
			switch Class(value) {
			case ClassResource, ClassTransaction:
				k.Class = Class(value)
			default:
				return nil, fmt.Errorf("class %q is neither %q nor %q", value, ClassResource, ClassTransaction)
			}
		default:
			return nil, fmt.Errorf("unknown key %q (want acquire, release, next, class or name)", key)
		}
	}
	if len(k.Acquire) == 0 || len(k.Release) == 0 {
		return nil, fmt.Errorf("needs acquire= and release=")
	}
	for _, name := range append(append([]string(nil), k.Acquire...), k.AutoRelease...) {
		if !canonical.MatchString(name) {
			return nil, fmt.Errorf("%q is not a function or method in canonical notation, e.g. (*example.com/db.Store).Iter", name)
		}
	}
	for _, name := range append(append([]string(nil), k.Release...), k.AutoRelease...) {
		m := canonical.FindStringSubmatch(name)
		if m == nil || m[1] == "" {
			return nil, fmt.Errorf("%q is not a method in canonical notation, e.g. (*example.com/db.Iter).Close", name)
		}
		typ := m[2] + m[3] + "." + m[4]
		if k.Type != "" && k.Type != typ {
			return nil, fmt.Errorf("release and next methods of different types: %s and %s", k.Type, typ)
		}
		k.Type, k.Library = typ, m[3]
	}
	if k.Name == "" {
		typ := k.Type[strings.LastIndexByte(k.Type, '.')+1:]
		k.Name = strings.ToLower(typ[:1]) + typ[1:]
	}
	k.Unreleased, k.Verb = "is not released", "released"
	if k.Class == ClassTransaction {
		k.Unreleased, k.Verb = "is neither committed nor rolled back", "committed or rolled back"
		k.NoWait = true
	}
	k.Holds = true
	return k, nil
}
