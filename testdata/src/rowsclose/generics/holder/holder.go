// Package holder has a generic struct whose Close closes what it holds.
package holder

import "database/sql"

type Pair[A, B any] struct {
	A A
	B B
}

func MakePair[A any](a A, rows *sql.Rows) *Pair[A, *sql.Rows] {
	return &Pair[A, *sql.Rows]{A: a, B: rows}
}

func (p *Pair[A, B]) Close() error {
	if c, ok := any(p.B).(interface{ Close() error }); ok {
		return c.Close()
	}
	return nil
}
