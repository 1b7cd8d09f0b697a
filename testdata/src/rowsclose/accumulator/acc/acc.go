// Package acc holds error accumulators, as an ORM's statement keeps the
// first error of a chain of calls.
package acc

import (
	"database/sql"
	"fmt"
)

// Chain keeps the errors of the calls made through it.
type Chain struct {
	DB        *sql.DB
	Err       error
	translate func(error) error
}

// Add records err and returns every error recorded: not nil whenever err
// is not, Err (nil until something failed) when err is nil.
func (c *Chain) Add(err error) error {
	if err != nil {
		if c.translate != nil {
			err = c.translate(err)
		}
		if c.Err == nil {
			c.Err = err
		} else {
			c.Err = fmt.Errorf("%v; %w", c.Err, err)
		}
	}
	return c.Err
}

// Maybe records err only in strict mode: its result can be nil where err
// is not, so it stands for nothing.
func (c *Chain) Maybe(err error, strict bool) error {
	if err != nil && strict {
		c.Err = err
	}
	return c.Err
}
