package paths

import (
	"context"
	"database/sql"
	"errors"
	"log"
)

func validationFailure(ctx context.Context, db *sql.DB, amount int) error {
	tx, err := db.BeginTx(ctx, nil) // want `tx from BeginTx is neither committed nor rolled back on the path through the return at line \d+`
	if err != nil {
		return err
	}
	if amount <= 0 {
		return errors.New("bad amount")
	}
	if _, err := tx.ExecContext(ctx, "q", amount); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func execError(db *sql.DB) error {
	tx, err := db.Begin() // want `tx from Begin is neither committed nor rolled back on the path through the return at line \d+`
	if err != nil {
		return err
	}
	if _, err := tx.Exec("q"); err != nil {
		return err
	}
	return tx.Commit()
}

func deferRollback(ctx context.Context, db *sql.DB) error { // ok: the idiom
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "q"); err != nil {
		return err
	}
	return tx.Commit()
}

func explicitBranches(db *sql.DB) error { // ok
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if _, err := tx.Exec("q"); err != nil {
		if rerr := tx.Rollback(); rerr != nil {
			return errors.Join(err, rerr)
		}
		return err
	}
	return tx.Commit()
}

func commitOnOneBranch(db *sql.DB, ok bool) {
	tx, err := db.Begin() // want `tx from Begin is neither committed nor rolled back on the path through the end of the function at line \d+`
	if err != nil {
		return
	}
	if ok {
		tx.Commit()
	}
}

func rollbackOnlyOnLastError(db *sql.DB) error {
	tx, err := db.Begin() // want `tx from Begin is neither committed nor rolled back on the path through the return at line \d+`
	if err != nil {
		return err
	}
	if _, err := tx.Exec("a"); err != nil {
		return err
	}
	if _, err := tx.Exec("b"); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func fatalPath(db *sql.DB) { // ok: log.Fatal exits
	tx, err := db.Begin()
	if err != nil {
		log.Fatal(err)
	}
	if _, err := tx.Exec("q"); err != nil {
		log.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		log.Fatal(err)
	}
}

func panicPath(db *sql.DB) error { // ok: a panic is not a leak
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if _, err := tx.Exec("q"); err != nil {
		panic(err)
	}
	return tx.Commit()
}

func namedResultClosure(ctx context.Context, db *sql.DB) (err error) { // ok
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
			return
		}
		err = tx.Commit()
	}()
	_, err = tx.ExecContext(ctx, "q")
	return err
}

func namedResultClosureRecover(db *sql.DB) (err error) { // ok
	tx, err := db.Begin()
	if err != nil {
		return
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		} else if err != nil {
			tx.Rollback()
		} else {
			err = tx.Commit()
		}
	}()
	_, err = tx.Exec("q")
	return
}

func perItem(db *sql.DB, items []int) error {
	for _, it := range items {
		tx, err := db.Begin() // want `tx from Begin is neither committed nor rolled back on the path through the return at line \d+`
		if err != nil {
			return err
		}
		if it < 0 {
			continue
		}
		if _, err := tx.Exec("q", it); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

func perItemBreak(db *sql.DB, items []int) error {
	for _, it := range items {
		tx, err := db.Begin() // want `tx from Begin is neither committed nor rolled back on the path through the return at line \d+`
		if err != nil {
			return err
		}
		if it < 0 {
			break
		}
		tx.Commit()
	}
	return nil
}

func perItemOK(db *sql.DB, items []int) error { // ok
	for _, it := range items {
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		if _, err := tx.Exec("q", it); err != nil {
			tx.Rollback()
			continue
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

func stmtOnTx(db *sql.DB) error { // ok: Tx.Prepare and Tx.Stmt end with the transaction
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.Prepare("q")
	if err != nil {
		return err
	}
	if _, err := stmt.Exec(); err != nil {
		return err
	}
	shared, err := db.Prepare("q")
	if err != nil {
		return err
	}
	defer shared.Close()
	if _, err := tx.Stmt(shared).Exec(); err != nil {
		return err
	}
	return tx.Commit()
}

type finisher interface {
	Commit() error
	Rollback() error
}

func throughInterface(db *sql.DB) error { // ok: Commit and Rollback through an interface
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	var f finisher = tx
	if _, err := tx.Exec("q"); err != nil {
		f.Rollback()
		return err
	}
	return f.Commit()
}

func throughInterfaceLeak(db *sql.DB) error {
	tx, err := db.Begin() // want `tx from Begin is neither committed nor rolled back on the path through the return at line \d+`
	if err != nil {
		return err
	}
	var f finisher = tx
	if _, err := tx.Exec("q"); err != nil {
		return err
	}
	return f.Commit()
}

func connTx(ctx context.Context, conn *sql.Conn) error {
	tx, err := conn.BeginTx(ctx, nil) // want `tx from BeginTx is neither committed nor rolled back on the path through the return at line \d+`
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "q")
	return err
}

func discardedTx(db *sql.DB) {
	db.Begin() // want `tx from Begin is discarded and never committed or rolled back`
}

// Service keeps a transaction open across calls.
type Service struct{ tx *sql.Tx }

func NewService(db *sql.DB) (*Service, error) { // ok: stored by a constructor
	tx, err := db.Begin()
	if err != nil {
		return nil, err
	}
	return &Service{tx: tx}, nil
}

func (s *Service) Done() error { return s.tx.Commit() }

func returned(ctx context.Context, db *sql.DB) (*sql.Tx, error) { // ok: returned to the caller
	return db.BeginTx(ctx, nil)
}

func callerOfReturned(ctx context.Context, db *sql.DB) error {
	tx, err := returned(ctx, db) // want `tx from returned is neither committed nor rolled back on the path through the return at line \d+`
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "q")
	return err
}

// withTx is a callback API that owns the transaction.
func withTx(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error { // ok
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

func usesCallback(ctx context.Context, db *sql.DB) error { // ok
	return withTx(ctx, db, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "q")
		return err
	})
}

func loggedNamedErr(db *sql.DB) (err error) {
	defer func() {
		if err != nil {
			log.Print(err)
		}
	}()
	tx, err := db.Begin() // want `tx from Begin is neither committed nor rolled back on the path through the return at line \d+`
	if err != nil {
		return err // ok: Begin failed
	}
	if _, err = tx.Exec("x"); err != nil {
		return err // the Exec error is another error: tx is open here
	}
	return tx.Commit()
}

func deferredBeforeBegin(ctx context.Context, db *sql.DB) (err error) { // ok: the closure registered first rolls back on error
	var tx *sql.Tx
	defer func() {
		if err != nil && tx != nil {
			_ = tx.Rollback()
		}
	}()
	tx, err = db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err = tx.ExecContext(ctx, "update"); err != nil {
		return err
	}
	return tx.Commit()
}

func optionalOwnTx(ctx context.Context, db *sql.DB, tx *sql.Tx) error { // ok: the transaction is ours exactly where own is true
	own := tx == nil
	if own {
		var err error
		if tx, err = db.BeginTx(ctx, nil); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, "update"); err != nil {
		if own {
			_ = tx.Rollback()
		}
		return err
	}
	if own {
		return tx.Commit()
	}
	return nil
}
