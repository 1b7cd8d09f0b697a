// Package errs wraps errors; it has no database code, so no facts.
package errs

import "fmt"

// Wrap annotates err, and returns nil for nil.
func Wrap(err error, msg string) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", msg, err)
}
