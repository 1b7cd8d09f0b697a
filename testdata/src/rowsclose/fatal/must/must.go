// Package must has no database code: its facts come from the cheap
// no-return rule alone.
package must

import (
	"fmt"
	"os"
)

// Fail prints and exits.
func Fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format, args...)
	os.Exit(1)
}

// Check fails on a non-nil error, and returns otherwise.
func Check(err error) {
	if err != nil {
		Fail("%v", err)
	}
}
