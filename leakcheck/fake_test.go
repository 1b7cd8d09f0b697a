package leakcheck_test

import (
	"context"
	"database/sql/driver"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
)

// A shape chooses which optional interfaces of database/sql/driver the
// fake driver's connections, statements and rows have.
type shape struct {
	name string
	conn func(*fakeConn) driver.Conn
	stmt func(*fakeStmt) driver.Stmt
	rows func(*fakeRows) driver.Rows
}

// shapes covers what real drivers look like (modern: every interface;
// sqlite, mysql and pgx's stdlib are of this shape) and the corners
// where database/sql acts on a missing interface.
var shapes = []shape{
	{
		name: "modern",
		conn: func(c *fakeConn) driver.Conn {
			return struct {
				driver.Conn
				driver.ExecerContext
				driver.QueryerContext
				driver.ConnBeginTx
				driver.ConnPrepareContext
				driver.Pinger
				driver.SessionResetter
				driver.Validator
				driver.NamedValueChecker
			}{c, c, c, c, c, c, c, c, c}
		},
		stmt: func(s *fakeStmt) driver.Stmt {
			return struct {
				driver.Stmt
				driver.StmtExecContext
				driver.StmtQueryContext
				driver.NamedValueChecker
			}{s, s, s, s}
		},
		rows: func(r *fakeRows) driver.Rows {
			return struct {
				driver.Rows
				nextResultSet
				scanType
				typeName
				length
				nullable
				precisionScale
			}{r, r, r, r, r, r, r}
		},
	},
	{
		name: "bare",
		conn: func(c *fakeConn) driver.Conn { return struct{ driver.Conn }{c} },
		stmt: func(s *fakeStmt) driver.Stmt { return struct{ driver.Stmt }{s} },
		rows: func(r *fakeRows) driver.Rows { return struct{ driver.Rows }{r} },
	},
	{
		// ResetSession without IsValid: leakcheck must not add IsValid
		// (a transaction would keep its connection on rollback).
		name: "resetter",
		conn: func(c *fakeConn) driver.Conn {
			return struct {
				driver.Conn
				driver.ExecerContext
				driver.QueryerContext
				driver.ConnBeginTx
				driver.SessionResetter
			}{c, c, c, c, c}
		},
		stmt: func(s *fakeStmt) driver.Stmt { return struct{ driver.Stmt }{s} },
		rows: func(r *fakeRows) driver.Rows { return struct{ driver.Rows }{r} },
	},
	{
		// The interfaces of Go 1.0 drivers, a column converter on the
		// statement and several result sets.
		name: "legacy",
		conn: func(c *fakeConn) driver.Conn {
			return struct {
				driver.Conn
				driver.Execer
				driver.Queryer
			}{c, c, c}
		},
		stmt: func(s *fakeStmt) driver.Stmt {
			return struct {
				driver.Stmt
				driver.ColumnConverter
			}{s, s}
		},
		rows: func(r *fakeRows) driver.Rows {
			return struct {
				driver.Rows
				nextResultSet
			}{r, r}
		},
	},
	{
		// IsValid without ResetSession, a checker on the connection
		// only, statements with the context methods.
		name: "validator",
		conn: func(c *fakeConn) driver.Conn {
			return struct {
				driver.Conn
				driver.ConnPrepareContext
				driver.Validator
				driver.NamedValueChecker
			}{c, c, c, c}
		},
		stmt: func(s *fakeStmt) driver.Stmt {
			return struct {
				driver.Stmt
				driver.StmtExecContext
				driver.StmtQueryContext
			}{s, s, s}
		},
		rows: func(r *fakeRows) driver.Rows {
			return struct {
				driver.Rows
				scanType
				nullable
			}{r, r, r}
		},
	},
}

// The methods that the optional interfaces of driver.Rows add to it
// (those interfaces embed driver.Rows, so a struct cannot embed two).
type (
	nextResultSet interface {
		HasNextResultSet() bool
		NextResultSet() error
	}
	scanType       interface{ ColumnTypeScanType(int) reflect.Type }
	typeName       interface{ ColumnTypeDatabaseTypeName(int) string }
	length         interface{ ColumnTypeLength(int) (int64, bool) }
	nullable       interface{ ColumnTypeNullable(int) (bool, bool) }
	precisionScale interface {
		ColumnTypePrecisionScale(int) (int64, int64, bool)
	}
)

// money is an argument type that only the fake's checkers accept.
type money int64

// fakeDriver is a driver.Connector whose every call on a connection,
// statement, transaction or rows is logged, with its arguments.
type fakeDriver struct {
	shape     shape
	onConnect func(n int) // if set, called as connection n is made
	mu        sync.Mutex
	log       []string
	conns     int
}

func (d *fakeDriver) logf(format string, args ...any) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.log = append(d.log, fmt.Sprintf(format, args...))
}

// opened returns how many connections Connect began to make.
func (d *fakeDriver) opened() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.conns
}

func (d *fakeDriver) Connect(context.Context) (driver.Conn, error) {
	d.mu.Lock()
	d.conns++
	c := &fakeConn{d: d, id: d.conns}
	d.mu.Unlock()
	if d.onConnect != nil {
		d.onConnect(c.id)
	}
	d.logf("connect %d", c.id)
	return d.shape.conn(c), nil
}

func (d *fakeDriver) Driver() driver.Driver { return fakeOpener{d} }

// fakeOpener is the driver of fakeDriver's connector.
type fakeOpener struct{ d *fakeDriver }

func (o fakeOpener) Open(string) (driver.Conn, error) { return o.d.Connect(context.Background()) }

type fakeConn struct {
	d      *fakeDriver
	id     int
	stmts  int
	closed bool
}

func (c *fakeConn) logf(format string, args ...any) {
	c.d.logf("conn %d: "+format, append([]any{c.id}, args...)...)
}

func (c *fakeConn) Prepare(q string) (driver.Stmt, error) {
	c.logf("Prepare %q", q)
	return c.stmt(q), nil
}

func (c *fakeConn) stmt(q string) driver.Stmt {
	c.stmts++
	return c.d.shape.stmt(&fakeStmt{c: c, id: c.stmts, query: q})
}

func (c *fakeConn) Close() error {
	c.logf("Close")
	c.closed = true
	return nil
}

func (c *fakeConn) Begin() (driver.Tx, error) {
	c.logf("Begin")
	return &fakeTx{c: c}, nil
}

func (c *fakeConn) BeginTx(_ context.Context, opts driver.TxOptions) (driver.Tx, error) {
	c.logf("BeginTx %+v", opts)
	return &fakeTx{c: c}, nil
}

func (c *fakeConn) PrepareContext(_ context.Context, q string) (driver.Stmt, error) {
	c.logf("PrepareContext %q", q)
	return c.stmt(q), nil
}

func (c *fakeConn) Exec(q string, args []driver.Value) (driver.Result, error) {
	c.logf("Exec %q %v", q, args)
	return driver.RowsAffected(1), nil
}

func (c *fakeConn) ExecContext(_ context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	c.logf("ExecContext %q %v", q, args)
	return driver.RowsAffected(1), nil
}

func (c *fakeConn) Query(q string, args []driver.Value) (driver.Rows, error) {
	c.logf("Query %q %v", q, args)
	return c.d.shape.rows(&fakeRows{c: c}), nil
}

func (c *fakeConn) QueryContext(_ context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	c.logf("QueryContext %q %v", q, args)
	return c.d.shape.rows(&fakeRows{c: c}), nil
}

func (c *fakeConn) Ping(context.Context) error {
	c.logf("Ping")
	return nil
}

func (c *fakeConn) ResetSession(context.Context) error {
	c.logf("ResetSession")
	return nil
}

func (c *fakeConn) IsValid() bool {
	c.logf("IsValid")
	return true
}

func (c *fakeConn) CheckNamedValue(nv *driver.NamedValue) error {
	c.logf("CheckNamedValue %v", nv.Value)
	if m, ok := nv.Value.(money); ok {
		nv.Value = int64(m) * 100
		return nil
	}
	return driver.ErrSkip
}

type fakeStmt struct {
	c     *fakeConn
	id    int
	query string
}

func (s *fakeStmt) logf(format string, args ...any) {
	s.c.logf("stmt %d %q: "+format, append([]any{s.id, s.query}, args...)...)
}

func (s *fakeStmt) Close() error {
	s.logf("Close")
	return nil
}

func (s *fakeStmt) NumInput() int { return -1 }

func (s *fakeStmt) Exec(args []driver.Value) (driver.Result, error) {
	s.logf("Exec %v", args)
	return driver.RowsAffected(2), nil
}

func (s *fakeStmt) Query(args []driver.Value) (driver.Rows, error) {
	s.logf("Query %v", args)
	return s.c.d.shape.rows(&fakeRows{c: s.c}), nil
}

func (s *fakeStmt) ExecContext(_ context.Context, args []driver.NamedValue) (driver.Result, error) {
	s.logf("ExecContext %v", args)
	return driver.RowsAffected(2), nil
}

func (s *fakeStmt) QueryContext(_ context.Context, args []driver.NamedValue) (driver.Rows, error) {
	s.logf("QueryContext %v", args)
	return s.c.d.shape.rows(&fakeRows{c: s.c}), nil
}

func (s *fakeStmt) CheckNamedValue(nv *driver.NamedValue) error {
	s.logf("CheckNamedValue %v", nv.Value)
	if _, ok := nv.Value.(money); ok {
		nv.Value = "money"
		return nil
	}
	return driver.ErrSkip
}

func (s *fakeStmt) ColumnConverter(i int) driver.ValueConverter {
	s.logf("ColumnConverter %d", i)
	return converter{}
}

// converter converts money to a string, the rest as the default does.
type converter struct{}

func (converter) ConvertValue(v any) (driver.Value, error) {
	if m, ok := v.(money); ok {
		return fmt.Sprintf("%d¢", m), nil
	}
	return driver.DefaultParameterConverter.ConvertValue(v)
}

type fakeTx struct{ c *fakeConn }

func (t *fakeTx) Commit() error {
	t.c.logf("Commit")
	return nil
}

func (t *fakeTx) Rollback() error {
	t.c.logf("Rollback")
	return nil
}

// fakeRows has two columns and two rows, then one more result set.
type fakeRows struct {
	c   *fakeConn
	n   int
	set int
}

func (r *fakeRows) Columns() []string { return []string{"id", "name"} }

func (r *fakeRows) Close() error {
	r.c.logf("rows Close")
	return nil
}

func (r *fakeRows) Next(dest []driver.Value) error {
	if r.n == 2 {
		return io.EOF
	}
	r.n++
	dest[0], dest[1] = int64(r.n+10*r.set), "row"
	return nil
}

func (r *fakeRows) HasNextResultSet() bool { return r.set == 0 }

func (r *fakeRows) NextResultSet() error {
	if r.set > 0 {
		return io.EOF
	}
	r.set, r.n = 1, 0
	return nil
}

func (r *fakeRows) ColumnTypeScanType(i int) reflect.Type {
	return []reflect.Type{reflect.TypeFor[int64](), reflect.TypeFor[string]()}[i]
}

func (r *fakeRows) ColumnTypeDatabaseTypeName(i int) string { return []string{"INT", "TEXT"}[i] }

func (r *fakeRows) ColumnTypeLength(i int) (int64, bool) { return 255, i == 1 }

func (r *fakeRows) ColumnTypeNullable(i int) (bool, bool) { return i == 1, true }

func (r *fakeRows) ColumnTypePrecisionScale(int) (int64, int64, bool) { return 10, 2, true }

// clean turns an error into text that does not depend on the run.
func clean(err error) string {
	if err == nil {
		return "<nil>"
	}
	return strings.ReplaceAll(err.Error(), "\n", " ")
}
