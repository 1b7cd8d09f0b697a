// Package report shows that leaklint follows helpers across packages.
package report

import (
	"context"
	"database/sql"
)

// Latest returns rows its caller must close.
func Latest(ctx context.Context, db *sql.DB) (*sql.Rows, error) {
	return db.QueryContext(ctx, "select id from orders order by id desc limit 10")
}

// Newest reads one row of Latest and forgets the rows.
func Newest(ctx context.Context, db *sql.DB) (int, error) {
	rows, err := Latest(ctx, db)
	if err != nil {
		return 0, err
	}
	var id int
	if rows.Next() {
		err = rows.Scan(&id)
	}
	return id, err
}

// NewestClosed is Newest with the rows closed: correct.
func NewestClosed(ctx context.Context, db *sql.DB) (int, error) {
	rows, err := Latest(ctx, db)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var id int
	if rows.Next() {
		err = rows.Scan(&id)
	}
	return id, err
}
