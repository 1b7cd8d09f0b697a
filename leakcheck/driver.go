package leakcheck

import (
	"context"
	"database/sql/driver"
	"io"

	"github.com/leaklint/leaklint/leakcheck/internal/ledger"
)

// connector wraps the driver.Connector of a pool so that every
// connection it makes is recorded in the pool's ledger.
type connector struct {
	base   driver.Connector
	ledger *ledger.Ledger
	driver driver.Driver // the wrapped driver, for DB.Driver
	owned  bool          // Close closes base: leakcheck made it
}

// newConnector wraps base; owned says whether closing the pool closes
// base (true when leakcheck opened it, false for Wrap, whose caller's
// pool still uses it).
func newConnector(base driver.Connector, l *ledger.Ledger, owned bool) *connector {
	return &connector{base: base, ledger: l, driver: wrapDriver(base.Driver(), l), owned: owned}
}

// Connect opens a connection. A connection that database/sql opens for
// the caller is checked out at once; one opened by the pool's opener
// goroutine, for a caller already waiting, is checked out when it is
// first used.
func (c *connector) Connect(ctx context.Context) (driver.Conn, error) {
	ci, err := c.base.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return wrapConn(ci, c.ledger, connectedFor()), nil
}

// Driver returns the wrapped driver.
func (c *connector) Driver() driver.Driver { return c.driver }

// Close closes the base connector when leakcheck made it and it has a
// Close method; database/sql calls it from DB.Close.
func (c *connector) Close() error {
	if cl, ok := c.base.(io.Closer); ok && c.owned {
		return cl.Close()
	}
	return nil
}

// connectedFor reports whether a Connect runs for a caller of
// database/sql (true) or on the pool's opener goroutine (false).
func connectedFor() bool {
	return !callerIs(0, "database/sql.(*DB).openNewConnection")
}

// dsnConnector is the connector of a driver without OpenConnector, as
// sql.Open makes one.
type dsnConnector struct {
	dsn    string
	driver driver.Driver
}

func (c dsnConnector) Connect(context.Context) (driver.Conn, error) { return c.driver.Open(c.dsn) }
func (c dsnConnector) Driver() driver.Driver                        { return c.driver }

// drv wraps a driver.Driver: what DB.Driver returns. Connections opened
// through it directly (bypassing the pool) are recorded as checked out
// until closed.
type drv struct {
	base   driver.Driver
	ledger *ledger.Ledger
}

func (d *drv) Open(name string) (driver.Conn, error) {
	ci, err := d.base.Open(name)
	if err != nil {
		return nil, err
	}
	return wrapConn(ci, d.ledger, true), nil
}

// Unwrap returns the driver that d wraps.
func (d *drv) Unwrap() driver.Driver { return d.base }

// drvContext is a drv whose base has OpenConnector.
type drvContext struct{ *drv }

func (d drvContext) OpenConnector(name string) (driver.Connector, error) {
	c, err := d.base.(driver.DriverContext).OpenConnector(name)
	if err != nil {
		return nil, err
	}
	return &connector{base: c, ledger: d.ledger, driver: d, owned: true}, nil
}

// wrapDriver wraps base with the optional interface it has.
func wrapDriver(base driver.Driver, l *ledger.Ledger) driver.Driver {
	d := &drv{base: base, ledger: l}
	if _, ok := base.(driver.DriverContext); ok {
		return drvContext{d}
	}
	return d
}
