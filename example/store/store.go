// Package store is the bundled example of make demo: a small order store
// with the connection leaks leaklint finds, beside their correct forms.
package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Store reads and writes orders.
type Store struct{ db *sql.DB }

// Order is one order.
type Order struct {
	ID       int
	Customer string
}

// current is the transaction every request shares.
var current *sql.Tx

// Orders leaks its rows when a row fails to scan.
func (s *Store) Orders(ctx context.Context) ([]Order, error) {
	rows, err := s.db.QueryContext(ctx, "select id from orders")
	if err != nil {
		return nil, err
	}
	var out []Order
	for rows.Next() {
		var o Order
		if err := rows.Scan(&o.ID); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// OrdersWithCustomers closes its rows, but queries the pool once per row
// while they are open.
func (s *Store) OrdersWithCustomers(ctx context.Context) ([]Order, error) {
	rows, err := s.db.QueryContext(ctx, "select id from orders")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Order
	for rows.Next() {
		var o Order
		if err := rows.Scan(&o.ID); err != nil {
			return nil, err
		}
		if err := s.db.QueryRowContext(ctx, "select name from customers where order_id = $1", o.ID).Scan(&o.Customer); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// Charge leaves the transaction open when the amount is invalid.
func (s *Store) Charge(ctx context.Context, id, amount int) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if amount <= 0 {
		return errors.New("invalid amount")
	}
	if _, err := tx.ExecContext(ctx, "update accounts set balance = balance - $1 where id = $2", amount, id); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Refund is correct: the deferred Rollback ends the transaction on every
// path, and is a no-op after Commit.
func (s *Store) Refund(ctx context.Context, id, amount int) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if amount <= 0 {
		return errors.New("invalid amount")
	}
	if _, err := tx.ExecContext(ctx, "update accounts set balance = balance + $1 where id = $2", amount, id); err != nil {
		return err
	}
	return tx.Commit()
}

// Archive defers each batch's Close until it returns, and sleeps while
// holding a transaction.
func (s *Store) Archive(ctx context.Context, batches [][]int) error {
	for _, batch := range batches {
		rows, err := s.db.QueryContext(ctx, "select id from orders where id = any($1)", batch)
		if err != nil {
			return err
		}
		defer rows.Close()
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, batch := range batches {
		if _, err := tx.ExecContext(ctx, "delete from orders where id = any($1)", batch); err != nil {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
	return tx.Commit()
}

// Count is correct: Scan releases the single row.
func (s *Store) Count(ctx context.Context) (n int, err error) {
	err = s.db.QueryRowContext(ctx, "select count(*) from orders").Scan(&n)
	return n, err
}

// New returns a store on db.
func New(db *sql.DB) *Store { return &Store{db: db} }
