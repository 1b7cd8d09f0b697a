// Package sqlx imports sqlx but not database/sql: the promoted Close,
// Next, Commit and Rollback must still be recognised.
package sqlx

import (
	"context"

	"github.com/jmoiron/sqlx"
)

type User struct {
	ID   int    `db:"id"`
	Name string `db:"name"`
}

func queryxClosed(db *sqlx.DB) ([]User, error) { // ok
	rows, err := db.Queryx("q")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		var u User
		if err := rows.StructScan(&u); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

func queryxLeak(db *sqlx.DB) ([]User, error) {
	rows, err := db.Queryx("q") // want `rows from Queryx is not closed on the path through the return at line \d+`
	if err != nil {
		return nil, err
	}
	var out []User
	for rows.Next() {
		var u User
		if err := rows.StructScan(&u); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

func drained(db *sqlx.DB) error { // ok: Next returning false closes them
	rows, err := db.QueryxContext(context.Background(), "q")
	if err != nil {
		return err
	}
	for rows.Next() {
	}
	return rows.Err()
}

func namedQueryLeak(db *sqlx.DB, u User) error {
	rows, err := db.NamedQuery("q", u) // want `rows from NamedQuery is not closed`
	if err != nil {
		return err
	}
	return rows.Err()
}

func rowStructScan(db *sqlx.DB) (u User, err error) { // ok
	err = db.QueryRowx("q").StructScan(&u)
	return u, err
}

func rowNotScanned(db *sqlx.DB) error {
	row := db.QueryRowx("q") // want `row from QueryRowx is not scanned \(Err does not release it\) on the path through the return at line \d+`
	return row.Err()
}

func selectAndGet(db *sqlx.DB) error { // ok: Select and Get own their rows
	var users []User
	if err := db.Select(&users, "q"); err != nil {
		return err
	}
	var u User
	return db.Get(&u, "q")
}

func stmtLeak(db *sqlx.DB) error {
	stmt, err := db.Preparex("q") // want `stmt from Preparex is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	var u User
	return stmt.Get(&u)
}

func namedStmtOK(db *sqlx.DB) error { // ok
	stmt, err := db.PrepareNamed("q")
	if err != nil {
		return err
	}
	defer stmt.Close()
	_, err = stmt.Exec(User{})
	return err
}

func connLeak(ctx context.Context, db *sqlx.DB) error {
	conn, err := db.Connx(ctx) // want `conn from Connx is not closed on the path through the return at line \d+`
	if err != nil {
		return err
	}
	var u User
	return conn.GetContext(ctx, &u, "q")
}

func openLeak(dsn string) error {
	db, err := sqlx.Connect("postgres", dsn) // want `db from Connect is not closed, returned or stored`
	if err != nil {
		return err
	}
	return db.Ping()
}

// Rows opened on a sqlx transaction are database/sql rows of its embedded
// *sql.Tx: Commit and Rollback close them.

func txRows(ctx context.Context, tx *sqlx.Tx) (int, error) { // ok: the caller ends the transaction
	rows, err := tx.QueryxContext(ctx, "q")
	if err != nil {
		return 0, err
	}
	if rows.Next() {
		return 1, nil
	}
	return 0, rows.Err()
}

func txPromoted(ctx context.Context, db *sqlx.DB) error { // ok: Rollback closes the rows
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, "q")
	if err != nil {
		return err
	}
	if rows.Next() {
		return nil
	}
	return tx.Commit()
}

func txPreparedRows(ctx context.Context, tx *sqlx.Tx) error { // ok: a statement of the transaction, and its rows
	st, err := tx.PreparexContext(ctx, "q")
	if err != nil {
		return err
	}
	rows, err := st.QueryxContext(ctx)
	if err != nil {
		return err
	}
	_ = rows.Err()
	return nil
}

func stmtOfClosedPool(dsn string) error { // ok: closing the pool closes the statements prepared on it
	db, err := sqlx.Open("postgres", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	stmt, err := db.PrepareNamed("q")
	if err != nil {
		return err
	}
	_, err = stmt.Exec(User{})
	return err
}
