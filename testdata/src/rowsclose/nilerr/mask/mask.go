// Package mask has a helper whose error result is always nil, for the
// nilerr package to call across a package boundary (the fact carries it).
package mask

import (
	"database/sql"
	"strings"
)

// Password masks the password of a URL; the error result is always nil.
func Password(url string) (string, error) {
	if i := strings.Index(url, "@"); i >= 0 {
		return "***" + url[i:], nil
	}
	return url, nil
}

// InUse reports the connections in use.
func InUse(db *sql.DB) int { return db.Stats().InUse }
