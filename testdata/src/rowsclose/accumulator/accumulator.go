package accumulator

import (
	"database/sql"
	"fmt"

	"rowsclose/accumulator/acc"
)

// An error accumulator (gorm's AddError) returns its receiver's error
// field: not nil wherever its argument is not, the field's old value
// where the argument is nil. A caller that has tested the field empty
// reads "acc.Add(err) == nil" as "err == nil"; one that has not cannot.

func checkedFirst(c *acc.Chain) { // ok: c.Err was tested empty, so Add(err) is nil exactly when err is
	if c.Err != nil {
		return
	}
	rows, err := c.DB.Query("q")
	if c.Add(err) == nil {
		defer rows.Close()
		for rows.Next() {
		}
	}
}

func checkedInCondition(c *acc.Chain, dry bool) { // ok: the test of c.Err is in the same condition as another
	if !dry && c.Err == nil {
		rows, err := c.DB.Query("q")
		if c.Add(err) == nil {
			defer func() {
				c.Add(rows.Close())
			}()
			scan(rows)
		}
	}
}

func checkedReturn(c *acc.Chain) error { // ok: the early return on Add's error leaves no open rows
	if c.Err != nil {
		return c.Err
	}
	rows, err := c.DB.Query("q")
	if c.Add(err) != nil {
		return c.Err
	}
	defer rows.Close()
	return nil
}

func notChecked(c *acc.Chain) error {
	rows, err := c.DB.Query("q") // want `rows from Query is not closed on the path through the return at line \d+`
	if c.Add(err) != nil {
		return c.Err // an earlier error, with err nil: rows is open
	}
	defer rows.Close()
	return nil
}

func notAnAccumulator(c *acc.Chain) {
	if c.Err != nil {
		return
	}
	rows, err := c.DB.Query("q") // want `rows from Query is not closed on the path through the end of the function at line \d+`
	if c.Maybe(err, false) == nil {
		defer rows.Close()
	}
}

type local struct {
	db  *sql.DB
	err error
}

func (l *local) add(err error) error {
	if err != nil {
		l.err = err
	}
	return l.err
}

func (l *local) checked() { // ok: an accumulator of this package, its field tested empty
	if l.err != nil {
		return
	}
	rows, err := l.db.Query("q")
	if l.add(err) == nil {
		defer rows.Close()
		fmt.Println(rows.Next())
	}
}

func scan(rows *sql.Rows) {
	for rows.Next() {
	}
}

func capturedReceiver(c *acc.Chain) { // ok: c, captured by the deferred closure, is one variable, its Err tested empty
	if c.Err != nil {
		return
	}
	rows, err := c.DB.Query("q")
	if c.Add(err) == nil {
		defer func() {
			c.Add(rows.Close())
		}()
		scan(rows)
	}
}

func reassignedReceiver(c *acc.Chain, other *acc.Chain) {
	if c.Err != nil {
		return
	}
	swap := func() { c = other } // the Err tested may not be the Err added to
	swap()
	rows, err := c.DB.Query("q") // want `rows from Query is not closed on the path through the end of the function at line \d+`
	if c.Add(err) == nil {
		defer func() {
			c.Add(rows.Close())
		}()
		scan(rows)
	}
}

func otherReceiver(c, d *acc.Chain) {
	if d.Err != nil {
		return
	}
	rows, err := c.DB.Query("q") // want `rows from Query is not closed on the path through the end of the function at line \d+`
	if c.Add(err) == nil {
		defer rows.Close()
	}
}
