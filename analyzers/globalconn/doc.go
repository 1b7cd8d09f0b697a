// Package globalconn defines an Analyzer that reports package-level
// singletons of single-connection values.
//
// # Analyzer globalconn
//
// globalconn: report package-level variables that hold one connection, transaction or result set for the whole program
//
// A *sql.DB is a pool, safe and meant to be shared: a package-level one is
// correct and never reported. A *sql.Conn, *sql.Tx, *sql.Rows or *sql.Row
// is the state of one connection. Kept in a package variable, it is shared
// by every goroutine of the program: requests serialise on it, break under
// concurrency (a transaction is not safe for concurrent use), and when the
// connection dies the whole program is left holding a dead value.
//
// globalconn reports a package-level variable whose type is such a value,
// at its declaration:
//
//	var tx *sql.Tx // package-level tx is a *sql.Tx: one transaction shared by the whole program
//
// and a package-level variable of any other type (an interface, any)
// assigned a value from an acquiring call (Begin, Conn, Query…) anywhere
// in the package, at the assignment.
//
// Not reported: package-level pools (*sql.DB), statements prepared on a
// pool (*sql.Stmt from DB.Prepare is safe for concurrent use), options and
// configuration values, and variables declared in _test.go files: a
// fixture that TestMain sets up and tears down is shared on purpose, by
// tests only.
package globalconn
