package nplusone

import (
	"context"
	"database/sql"
)

func nPlusOne(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, "select id from orders")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, customer int
		if err := rows.Scan(&id); err != nil {
			return err
		}
		if err := db.QueryRowContext(ctx, "select customer from c where id = $1", id).Scan(&customer); err != nil { // want `QueryRowContext on the pool while rows from QueryContext \(line 9\) is open needs a second connection from the pool`
			return err
		}
	}
	return rows.Err()
}

func execWhileTxOpen(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec("update a"); err != nil {
		return err
	}
	if _, err := db.Exec("update b"); err != nil { // want `Exec on the pool while tx from Begin \(line \d+\) is open needs a second connection from the pool; use the transaction`
		return err
	}
	return tx.Commit()
}

func throughTx(db *sql.DB) error { // ok: the transaction's own connection
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rows, err := tx.Query("select id from a")
	if err != nil {
		return err
	}
	var ids []int
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	for _, id := range ids {
		if _, err := tx.Exec("update b where id = $1", id); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func afterClose(db *sql.DB) error { // ok: the rows are closed before the next query
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	var ids []int
	for rows.Next() {
		var id int
		_ = rows.Scan(&id)
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := db.Exec("q", id); err != nil {
			return err
		}
	}
	return nil
}

func otherPool(a, b *sql.DB) error { // ok: a different pool
	rows, err := a.Query("q")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if _, err := b.Exec("q"); err != nil {
			return err
		}
	}
	return nil
}

type Store struct{ db *sql.DB }

func (s *Store) customer(id int) (string, error) {
	var name string
	err := s.db.QueryRow("q", id).Scan(&name)
	return name, err
}

func (s *Store) Orders() error {
	rows, err := s.db.Query("q")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return err
		}
		if _, err := s.customer(id); err != nil { // want `customer, which queries the pool, while rows from Query \(line \d+\) is open needs a second connection from the pool`
			return err
		}
	}
	return rows.Err()
}

func (s *Store) OrdersConn(ctx context.Context) error { // ok: the same dedicated connection
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	rows, err := conn.QueryContext(ctx, "q")
	if err != nil {
		return err
	}
	defer rows.Close()
	var ids []int
	for rows.Next() {
		var id int
		_ = rows.Scan(&id)
		ids = append(ids, id)
	}
	return rows.Err()
}

func preparedOnPool(db *sql.DB, ids []int) error { // ok: a statement prepared on the pool holds no connection
	stmt, err := db.Prepare("q")
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, id := range ids {
		if _, err := db.Exec("log", id); err != nil {
			return err
		}
		if _, err := stmt.Exec(id); err != nil {
			return err
		}
	}
	return nil
}

// Replicated reads from a replica and writes to the primary.
type Replicated struct{ primary, replica *sql.DB }

func (s *Replicated) audit(id int) error {
	_, err := s.primary.Exec("insert", id)
	return err
}

func (s *Replicated) read(id int) error {
	return s.replica.QueryRow("q", id).Scan(&id)
}

func (s *Replicated) Sync() error {
	rows, err := s.replica.Query("q")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return err
		}
		if err := s.audit(id); err != nil { // ok: audit queries the primary, the rows hold the replica
			return err
		}
		if err := s.read(id); err != nil { // want `read, which queries the pool, while rows from Query \(line \d+\) is open needs a second connection from the pool`
			return err
		}
	}
	return rows.Err()
}

// exec runs q on the transaction if there is one, else on the pool.
func (s *Store) exec(tx *sql.Tx, q string) error {
	if tx != nil {
		_, err := tx.Exec(q)
		return err
	}
	_, err := s.db.Exec(q)
	return err
}

func (s *Store) Import(ids []int) error {
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for range ids {
		if err := s.exec(tx, "insert"); err != nil { // ok: given the transaction, exec uses it
			return err
		}
	}
	return tx.Commit()
}

func (s *Store) lock(ctx context.Context) error { // ok: a dedicated connection holds the lock beside the pool
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "select pg_advisory_lock(1)"); err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, "update t set x = 1")
	return err
}

// storage holds the pool; builders reach it two fields deep.
type storage struct{ db *sql.DB }

func (s *storage) enclosures(id int) error {
	return s.db.QueryRow("q", id).Scan(&id)
}

type builder struct{ store *storage }

func (b *builder) entries() error {
	rows, err := b.store.db.Query("q")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return err
		}
		if err := b.store.enclosures(id); err != nil { // want `enclosures, which queries the pool, while rows from Query \(line \d+\) is open needs a second connection from the pool`
			return err
		}
		if _, err := b.store.db.Exec("q", id); err != nil { // want `Exec on the pool while rows from Query \(line \d+\) is open needs a second connection from the pool`
			return err
		}
	}
	return rows.Err()
}

// counters queries the pool two fields down from its receiver.
func (b *builder) counters() (int, error) {
	var n int
	err := b.store.db.QueryRow("count").Scan(&n)
	return n, err
}

func (b *builder) feeds() error {
	rows, err := b.store.db.Query("q")
	if err != nil {
		return err
	}
	defer rows.Close()
	if _, err := b.counters(); err != nil { // want `counters, which queries the pool, while rows from Query \(line \d+\) is open needs a second connection from the pool`
		return err
	}
	for rows.Next() {
	}
	return rows.Err()
}
