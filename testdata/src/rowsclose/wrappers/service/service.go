// Package service uses the repository's interfaces: what they return is
// inferred to be acquired from the method's name and the result's shape,
// or from the implementation the packages analyzed hold.
package service

import (
	"context"

	"rowsclose/wrappers/store"
)

func count(ctx context.Context, q store.Querier) (int, error) {
	rows, err := q.Query(ctx, "q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
		if n > 10 {
			return n, nil
		}
	}
	return n, rows.Err()
}

func countClosed(ctx context.Context, q store.Querier) (int, error) { // ok
	rows, err := q.Query(ctx, "q")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

func drained(ctx context.Context, q store.Querier) (int, error) { // ok: taken to close itself when Next returns false
	rows, err := q.Query(ctx, "q")
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

func fetched(ctx context.Context, q store.Querier) error {
	c, err := q.Fetch(ctx, "q") // want `c from Fetch is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	if c.Step() {
		return nil
	}
	return c.Close()
}

func concrete(ctx context.Context, d *store.DB) error {
	rows, err := d.Query(ctx, "q") // want `rows from Query is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	if rows.Next() {
		return nil
	}
	return rows.Err()
}

func accessor(h store.Holder) bool { // ok: Current returns rows opened elsewhere
	rows := h.Current()
	return rows.Next()
}
