// Package pgstore is the order store on a pgx pool, with the leaks
// leaklint finds in pgx code beside their correct forms.
package pgstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Store reads and writes orders.
type Store struct{ pool *pgxpool.Pool }

// New returns a store on pool.
func New(pool *pgxpool.Pool) *Store { return &Store{pool: pool} }

// Orders leaves its rows open, and their connection acquired, when it
// meets an invalid id. (A failed Scan closes pgx rows: that return is
// correct.)
func (s *Store) Orders(ctx context.Context) ([]int, error) {
	rows, err := s.pool.Query(ctx, "select id from orders")
	if err != nil {
		return nil, err
	}
	var ids []int
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		if id <= 0 {
			return nil, fmt.Errorf("invalid order id %d", id)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// OrdersCollected is correct: CollectRows closes the rows.
func (s *Store) OrdersCollected(ctx context.Context) ([]int, error) {
	rows, err := s.pool.Query(ctx, "select id from orders")
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[int])
}

// Charge leaves the transaction open when the amount is invalid.
func (s *Store) Charge(ctx context.Context, id, amount int) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	if amount <= 0 {
		return errors.New("invalid amount")
	}
	if _, err := tx.Exec(ctx, "update accounts set balance = balance - $1 where id = $2", amount, id); err != nil {
		tx.Rollback(ctx)
		return err
	}
	return tx.Commit(ctx)
}

// Refund is correct: the deferred Rollback ends the transaction on every
// path, and does nothing after Commit.
func (s *Store) Refund(ctx context.Context, id, amount int) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if amount <= 0 {
		return errors.New("invalid amount")
	}
	if _, err := tx.Exec(ctx, "update accounts set balance = balance + $1 where id = $2", amount, id); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// Customer does not release its connection when the order has no
// customer.
func (s *Store) Customer(ctx context.Context, orderID int) (string, error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return "", err
	}
	var name string
	if err := conn.QueryRow(ctx, "select name from customers where order_id = $1", orderID).Scan(&name); err != nil {
		return "", err
	}
	conn.Release()
	return name, nil
}

// Count is correct: Scan releases the single row.
func (s *Store) Count(ctx context.Context) (n int, err error) {
	err = s.pool.QueryRow(ctx, "select count(*) from orders").Scan(&n)
	return n, err
}
