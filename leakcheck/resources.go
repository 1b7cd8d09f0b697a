package leakcheck

import (
	"context"
	"database/sql/driver"
	"reflect"

	"github.com/leaklint/leaklint/leakcheck/internal/ledger"
)

// The kinds of resource the wrapper records, as database/sql names
// them; refine names them after the call that made them.
const (
	kindRows = "*sql.Rows"
	kindTx   = "*sql.Tx"
)

// refine names a resource after the database/sql call that acquired it
// (via, a function name): rows from QueryRow are a *sql.Row, and a
// connection from DB.Conn a *sql.Conn.
func refine(kind, via string) string {
	switch {
	case kind == kindRows && (via == "database/sql.(*DB).QueryRowContext" || via == "database/sql.(*DB).QueryRow" ||
		via == "database/sql.(*Tx).QueryRowContext" || via == "database/sql.(*Tx).QueryRow" ||
		via == "database/sql.(*Conn).QueryRowContext" ||
		via == "database/sql.(*Stmt).QueryRowContext" || via == "database/sql.(*Stmt).QueryRow"):
		return "*sql.Row (never scanned)"
	case kind == ledger.KindConn && via == "database/sql.(*DB).Conn":
		return "*sql.Conn"
	case kind == ledger.KindStmt:
		return "*sql.Stmt"
	}
	return kind
}

// rows wraps driver.Rows. The column-type methods answer what
// database/sql assumes when a driver lacks them; NextResultSet, whose
// absence database/sql acts on, is present only when the driver's rows
// have it (rowsNext).
type rows struct {
	base   driver.Rows
	ledger *ledger.Ledger
	entry  *ledger.Entry
}

// wrapRows wraps base, recorded as entry.
func wrapRows(base driver.Rows, l *ledger.Ledger, entry *ledger.Entry) driver.Rows {
	r := &rows{base: base, ledger: l, entry: entry}
	if _, ok := base.(driver.RowsNextResultSet); ok {
		return rowsNext{r}
	}
	return r
}

func (r *rows) Columns() []string              { return r.base.Columns() }
func (r *rows) Next(dest []driver.Value) error { return r.base.Next(dest) }

func (r *rows) Close() error {
	r.ledger.Close(r.entry)
	return r.base.Close()
}

func (r *rows) ColumnTypeScanType(i int) reflect.Type {
	if p, ok := r.base.(driver.RowsColumnTypeScanType); ok {
		return p.ColumnTypeScanType(i)
	}
	return reflect.TypeFor[any]()
}

func (r *rows) ColumnTypeDatabaseTypeName(i int) string {
	if p, ok := r.base.(driver.RowsColumnTypeDatabaseTypeName); ok {
		return p.ColumnTypeDatabaseTypeName(i)
	}
	return ""
}

func (r *rows) ColumnTypeLength(i int) (int64, bool) {
	if p, ok := r.base.(driver.RowsColumnTypeLength); ok {
		return p.ColumnTypeLength(i)
	}
	return 0, false
}

func (r *rows) ColumnTypeNullable(i int) (nullable, ok bool) {
	if p, ok := r.base.(driver.RowsColumnTypeNullable); ok {
		return p.ColumnTypeNullable(i)
	}
	return false, false
}

func (r *rows) ColumnTypePrecisionScale(i int) (precision, scale int64, ok bool) {
	if p, ok := r.base.(driver.RowsColumnTypePrecisionScale); ok {
		return p.ColumnTypePrecisionScale(i)
	}
	return 0, 0, false
}

// Unwrap returns the driver's rows.
func (r *rows) Unwrap() driver.Rows { return r.base }

// rowsNext is rows whose driver rows have several result sets.
type rowsNext struct{ *rows }

func (r rowsNext) HasNextResultSet() bool {
	return r.base.(driver.RowsNextResultSet).HasNextResultSet()
}

func (r rowsNext) NextResultSet() error {
	return r.base.(driver.RowsNextResultSet).NextResultSet()
}

// tx wraps a driver.Tx.
type tx struct {
	base   driver.Tx
	ledger *ledger.Ledger
	entry  *ledger.Entry
}

func (t *tx) Commit() error {
	t.ledger.Close(t.entry)
	return t.base.Commit()
}

func (t *tx) Rollback() error {
	t.ledger.Close(t.entry)
	return t.base.Rollback()
}

// stmt wraps a driver.Stmt. The context methods and CheckNamedValue
// fall back as database/sql does; ColumnConverter, which changes how
// database/sql converts arguments, is present only when the driver's
// statement has it (stmtConverter).
type stmt struct {
	base  driver.Stmt
	conn  *conn
	entry *ledger.Entry
}

// wrapStmt wraps base, prepared on c and recorded as entry.
func wrapStmt(base driver.Stmt, c *conn, entry *ledger.Entry) driver.Stmt {
	s := &stmt{base: base, conn: c, entry: entry}
	if _, ok := base.(driver.ColumnConverter); ok {
		return stmtConverter{s}
	}
	return s
}

func (s *stmt) Close() error {
	s.conn.ledger.Close(s.entry)
	return s.base.Close()
}

func (s *stmt) NumInput() int { return s.base.NumInput() }

func (s *stmt) Exec(args []driver.Value) (driver.Result, error) {
	s.conn.use()
	return s.base.Exec(args)
}

func (s *stmt) Query(args []driver.Value) (driver.Rows, error) {
	shared := s.conn.use()
	ri, err := s.base.Query(args)
	if err != nil {
		return nil, err
	}
	return wrapRows(ri, s.conn.ledger, s.conn.open(kindRows, shared)), nil
}

func (s *stmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	s.conn.use()
	if e, ok := s.base.(driver.StmtExecContext); ok {
		return e.ExecContext(ctx, args)
	}
	values, err := positional(args)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return s.base.Exec(values)
}

func (s *stmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	shared := s.conn.use()
	var ri driver.Rows
	var err error
	if q, ok := s.base.(driver.StmtQueryContext); ok {
		ri, err = q.QueryContext(ctx, args)
	} else {
		var values []driver.Value
		if values, err = positional(args); err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		ri, err = s.base.Query(values)
	}
	if err != nil {
		return nil, err
	}
	return wrapRows(ri, s.conn.ledger, s.conn.open(kindRows, shared)), nil
}

// CheckNamedValue asks the statement's checker, else the connection's,
// as database/sql does; ErrSkip sends database/sql on to its next
// converter, as when neither has one.
func (s *stmt) CheckNamedValue(nv *driver.NamedValue) error {
	if n, ok := s.base.(driver.NamedValueChecker); ok {
		return n.CheckNamedValue(nv)
	}
	return s.conn.CheckNamedValue(nv)
}

// Unwrap returns the driver's statement.
func (s *stmt) Unwrap() driver.Stmt { return s.base }

// stmtConverter is a stmt whose driver statement converts its own
// columns' arguments.
type stmtConverter struct{ *stmt }

func (s stmtConverter) ColumnConverter(i int) driver.ValueConverter {
	return s.base.(driver.ColumnConverter).ColumnConverter(i)
}
