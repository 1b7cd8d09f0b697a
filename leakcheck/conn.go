package leakcheck

import (
	"context"
	"database/sql/driver"
	"errors"
	"runtime"
	"strings"
	"sync"

	"github.com/leaklint/leaklint/leakcheck/internal/ledger"
)

// conn wraps a driver.Conn. Its methods cover every optional interface
// database/sql probes on a connection; wrapConn hides, with a struct
// that embeds only some of them, those whose absence database/sql can
// tell from an emulation: ExecerContext and QueryerContext (without
// them database/sql prepares a statement instead), SessionResetter and
// Validator (a transaction keeps its connection on rollback only when
// both are present). The others fall back inside conn exactly as
// database/sql falls back (see ctxutil.go in database/sql).
//
// Checkouts: database/sql tells a driver nothing when a connection
// leaves or rejoins the pool, but it calls ResetSession before reusing
// a connection that was returned, and IsValid on every return (unless
// the connection is bad, and then it closes it). A checkout therefore
// starts at Connect (for a caller), ResetSession, or the first use of
// an idle connection, and ends at IsValid or Close. IsValid is
// emulated (true) for drivers that lack it, except those that have
// ResetSession: for them adding it would change what a rollback does,
// so their checkouts are not recorded (tracked is false) and only
// db.Stats().InUse tells.
type conn struct {
	base    driver.Conn
	ledger  *ledger.Ledger
	tracked bool

	mu    sync.Mutex
	taken *ledger.Entry // the current checkout; nil while idle
	fresh bool          // the call that took the connection has not used it yet
}

// wrapConn wraps base; out says whether it is checked out already.
func wrapConn(base driver.Conn, l *ledger.Ledger, out bool) driver.Conn {
	_, exec := base.(driver.ExecerContext)
	if _, ok := base.(driver.Execer); ok {
		exec = true
	}
	_, query := base.(driver.QueryerContext)
	if _, ok := base.(driver.Queryer); ok {
		query = true
	}
	_, reset := base.(driver.SessionResetter)
	_, valid := base.(driver.Validator)
	c := &conn{base: base, ledger: l, tracked: valid || !reset}
	if out {
		c.checkout()
	}
	return present(c, exec, query, reset, c.tracked)
}

// The methods every wrapped connection has, and those it has only when
// the driver's connection has them.
type (
	baseConn interface {
		driver.Conn
		driver.ConnBeginTx
		driver.ConnPrepareContext
		driver.Pinger
		driver.NamedValueChecker
		Unwrap() driver.Conn
	}
	execer    = driver.ExecerContext
	queryer   = driver.QueryerContext
	resetter  = driver.SessionResetter
	validator = driver.Validator
)

// present returns c with the optional methods chosen.
func present(c *conn, exec, query, reset, valid bool) driver.Conn {
	switch {
	case exec && query && reset && valid:
		return &struct {
			baseConn
			execer
			queryer
			resetter
			validator
		}{c, c, c, c, c}
	case exec && query && reset:
		return &struct {
			baseConn
			execer
			queryer
			resetter
		}{c, c, c, c}
	case exec && query:
		return &struct {
			baseConn
			execer
			queryer
			validator
		}{c, c, c, c}
	case exec && reset && valid:
		return &struct {
			baseConn
			execer
			resetter
			validator
		}{c, c, c, c}
	case exec && reset:
		return &struct {
			baseConn
			execer
			resetter
		}{c, c, c}
	case exec:
		return &struct {
			baseConn
			execer
			validator
		}{c, c, c}
	case query && reset && valid:
		return &struct {
			baseConn
			queryer
			resetter
			validator
		}{c, c, c, c}
	case query && reset:
		return &struct {
			baseConn
			queryer
			resetter
		}{c, c, c}
	case query:
		return &struct {
			baseConn
			queryer
			validator
		}{c, c, c}
	case reset && valid:
		return &struct {
			baseConn
			resetter
			validator
		}{c, c, c}
	case reset:
		return &struct {
			baseConn
			resetter
		}{c, c}
	default:
		return &struct {
			baseConn
			validator
		}{c, c}
	}
}

// checkout records that c left the pool, with the stack of the call
// that took it. Unless that call is DB.Conn, it goes on to use the
// connection at once (to query, begin, prepare, execute or ping): the
// resource it opens then shares the checkout's stack instead of taking
// another (fresh), which saves half the stacks of a query.
func (c *conn) checkout() {
	if !c.tracked {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ledger.Close(c.taken)
	c.taken = c.ledger.Open(ledger.KindConn, c, 1)
	c.fresh = !forDBConn(c.taken.PCs())
}

// checkin records that c is back in the pool.
func (c *conn) checkin() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ledger.Close(c.taken)
	c.taken = nil
}

// use is called by every operation on c. A connection that left the
// pool unseen is checked out now. It returns the checkout whose stack
// the resource the operation opens shares, or nil if the resource needs
// a stack of its own.
func (c *conn) use() (shared *ledger.Entry) {
	if !c.tracked {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.taken == nil {
		c.taken = c.ledger.Open(ledger.KindConn, c, 2)
		c.fresh = true
	}
	if !c.fresh {
		return nil
	}
	c.fresh = false
	return c.taken
}

// open records a resource of kind on c that the operation opens; shared
// is what use returned.
func (c *conn) open(kind string, shared *ledger.Entry) *ledger.Entry {
	if shared != nil {
		return c.ledger.OpenAs(kind, c, shared)
	}
	return c.ledger.Open(kind, c, 2)
}

// forDBConn reports whether a checkout's stack runs through DB.Conn (or
// the function literal through which DB.Conn takes a connection), a few
// frames above the driver.
func forDBConn(pcs []uintptr) bool {
	pcs = pcs[:min(len(pcs), 8)]
	dbConnPCs.RLock()
	known := true
	for _, pc := range pcs {
		in, ok := dbConnPCs.in[pc]
		if in {
			dbConnPCs.RUnlock()
			return true
		}
		known = known && ok
	}
	dbConnPCs.RUnlock()
	if known {
		return false
	}
	dbConnPCs.Lock()
	defer dbConnPCs.Unlock()
	found := false
	for _, pc := range pcs {
		f := runtime.FuncForPC(pc - 1)
		in := f != nil && strings.HasPrefix(f.Name(), "database/sql.(*DB).Conn")
		dbConnPCs.in[pc] = in
		found = found || in
	}
	return found
}

// dbConnPCs caches forDBConn's answer for each return address: the
// frames above a checkout are few, and runtime.FuncForPC costs as much
// as walking a frame.
var dbConnPCs = struct {
	sync.RWMutex
	in map[uintptr]bool
}{in: make(map[uintptr]bool)}

func (c *conn) Unwrap() driver.Conn { return c.base }

func (c *conn) Close() error {
	c.checkin()
	return c.base.Close()
}

func (c *conn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *conn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	shared := c.use()
	var si driver.Stmt
	var err error
	if p, ok := c.base.(driver.ConnPrepareContext); ok {
		si, err = p.PrepareContext(ctx, query)
	} else {
		si, err = c.base.Prepare(query)
		if err == nil && ctx.Err() != nil {
			si.Close()
			return nil, ctx.Err()
		}
	}
	if err != nil {
		return nil, err
	}
	return wrapStmt(si, c, c.open(ledger.KindStmt, shared)), nil
}

func (c *conn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

func (c *conn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	shared := c.use()
	var ti driver.Tx
	var err error
	if b, ok := c.base.(driver.ConnBeginTx); ok {
		ti, err = b.BeginTx(ctx, opts)
	} else {
		switch {
		case opts.Isolation != driver.IsolationLevel(0):
			return nil, errors.New("sql: driver does not support non-default isolation level")
		case opts.ReadOnly:
			return nil, errors.New("sql: driver does not support read-only transactions")
		}
		ti, err = c.base.Begin()
		if err == nil && ctx.Err() != nil {
			ti.Rollback()
			return nil, ctx.Err()
		}
	}
	if err != nil {
		return nil, err
	}
	return &tx{base: ti, ledger: c.ledger, entry: c.open(kindTx, shared)}, nil
}

func (c *conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	c.use()
	if e, ok := c.base.(driver.ExecerContext); ok {
		return e.ExecContext(ctx, query, args)
	}
	e, ok := c.base.(driver.Execer)
	if !ok {
		return nil, driver.ErrSkip
	}
	values, err := positional(args)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return e.Exec(query, values)
}

func (c *conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	shared := c.use()
	var ri driver.Rows
	var err error
	if q, ok := c.base.(driver.QueryerContext); ok {
		ri, err = q.QueryContext(ctx, query, args)
	} else if q, ok := c.base.(driver.Queryer); ok {
		var values []driver.Value
		if values, err = positional(args); err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		ri, err = q.Query(query, values)
	} else {
		return nil, driver.ErrSkip
	}
	if err != nil {
		return nil, err
	}
	return wrapRows(ri, c.ledger, c.open(kindRows, shared)), nil
}

func (c *conn) Ping(ctx context.Context) error {
	c.use()
	if p, ok := c.base.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

func (c *conn) CheckNamedValue(nv *driver.NamedValue) error {
	if n, ok := c.base.(driver.NamedValueChecker); ok {
		return n.CheckNamedValue(nv)
	}
	return driver.ErrSkip
}

// ResetSession starts a checkout: database/sql calls it on the
// goroutine that takes a returned connection from the pool.
func (c *conn) ResetSession(ctx context.Context) error {
	c.checkout()
	return c.base.(driver.SessionResetter).ResetSession(ctx)
}

// IsValid ends a checkout: database/sql calls it when the connection
// is returned to the pool.
func (c *conn) IsValid() bool {
	c.checkin()
	if v, ok := c.base.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

// positional converts arguments for a driver without the context
// methods, which takes no names.
func positional(args []driver.NamedValue) ([]driver.Value, error) {
	values := make([]driver.Value, len(args))
	for i, a := range args {
		if a.Name != "" {
			return nil, errors.New("sql: driver does not support the use of Named Parameters")
		}
		values[i] = a.Value
	}
	return values, nil
}

// callerIs reports whether a function named name is on the stack, skip
// frames above callerIs's caller.
func callerIs(skip int, name string) bool {
	var pcs [16]uintptr
	frames := runtime.CallersFrames(pcs[:runtime.Callers(skip+2, pcs[:])])
	for {
		f, more := frames.Next()
		if f.Function == name {
			return true
		}
		if !more {
			return false
		}
	}
}
