package lifecycle

import (
	"go/types"
	"golang.org/x/tools/go/ssa"
	"slices"
	"strings"
)

// A Class says which analyzer words the findings of a kind.
type Class string

const (
	ClassResource    Class = "resource"    // rowsclose: rows, rows of one, statements, connections, pools
	ClassTransaction Class = "transaction" // txfinish: transactions
)

// A Kind is one row of the resource table: a type that holds a database
// connection (or a pool), the calls that acquire it and the calls that
// release it. Functions and methods are spelled in canonical notation,
// as types.Func.FullName prints them.
type Kind struct {
	Library string // import path of the library, e.g. "database/sql"
	Name    string // noun used in messages when the variable has no name, e.g. "rows"
	// Noun names the kind in words, e.g. "statement": a message says
	// "statement tx from Preparex" when the variable's name does not.
	Noun  string
	Type  string // the resource's type, e.g. "*database/sql.Rows"
	Class Class

	// Acquire lists the calls that return a new, owned resource of this kind.
	Acquire []string
	// Release lists the calls that release it, with the resource as receiver.
	Release []string
	// AutoRelease lists boolean methods whose false result releases the
	// resource (Rows.Next closes the rows when it returns false).
	AutoRelease []string
	// ErrRelease lists methods whose non-nil error result means they
	// released the resource (a failed pgx Rows.Scan closes the rows).
	ErrRelease []string
	// ErrField names a field whose non-nil value means the resource holds
	// nothing (gorm's DB.Error after a failed Begin).
	ErrField string
	// ErrNil lists error methods whose non-nil result means the resource
	// holds no connection (a *sql.Row whose Err is non-nil has no rows).
	ErrNil []string
	// Read marks a kind released by reading it (a single row's Scan): a
	// Scan called through an interface releases this kind, not others.
	Read bool
	// Pool marks a kind that is a whole connection pool: one opened in
	// main, init or TestMain lives as long as the process and is not
	// reported.
	Pool bool
	// Busy lists, for a pool, the methods that check a connection out of
	// it: one called while a resource from the same pool is held needs a
	// second connection.
	Busy []string
	// Parts lists methods of the resource that return the same connection
	// seen as another type, whose release releases it (pgx's
	// conn.PgConn().Close(ctx)).
	Parts []string
	// Runs lists, for a statement prepared on a pool, the methods that
	// check a connection out of that pool to run it: one called while a
	// resource from the same pool is held needs a second connection
	// (tx.Stmt runs it on the transaction instead).
	Runs []string
	// Holds marks a kind that keeps a connection checked out while it is
	// open (rows, a row, a transaction, a connection; not a statement
	// prepared on a pool, nor the pool): using its pool meanwhile takes a
	// second connection, reported for all but dedicated connections
	// (Session kinds that may wait: see poolOf).
	Holds bool
	// NoWait marks a kind that must not be held across a blocking wait in
	// a loop: a transaction held idle keeps its locks and an "idle in
	// transaction" backend. (A dedicated connection is held across waits
	// on purpose: LISTEN, advisory locks.)
	NoWait bool
	// Chains marks a kind whose methods that return its own type return
	// the same resource: gorm's tx.Debug(), tx.Where(…) share the
	// transaction.
	Chains bool
	// PoolScoped marks a statement that closing the pool it was prepared
	// on releases: DB.Close closes every connection, as it is returned,
	// and each connection closes the statements prepared on it. Rows are
	// not so: they keep their connection, which DB.Close does not close.
	PoolScoped bool
	// Cancels marks a kind that cancelling the context it was acquired
	// with releases, when one of Acquire takes the context: database/sql
	// rolls a transaction back, and closes rows, when the context given
	// to BeginTx or QueryContext is done. A deferred cancel of a context
	// the function made is a deferred release (see cancelsOf).
	Cancels bool
	// Scopes marks a transaction whose end releases what was acquired on
	// it: database/sql's Commit and Rollback cancel the transaction's
	// context, which closes its rows, rows of one and statements. Such
	// resources are not reported; the transaction's own finding covers a
	// path on which it does not end.
	Scopes bool
	// Note is a sentence for "leaklint help kinds" on what the release
	// rules of the kind are beyond its table row.
	Note string
	// Session marks a kind that holds a connection across calls (a
	// transaction, a dedicated connection): a package variable assigned
	// one, whatever its type, is a singleton (gorm's Begin session).
	Session bool
	// Single marks a kind that is one connection's state: a package-level
	// variable of it is a singleton shared by the whole program.
	Single bool
	// Unreleased is the verb phrase of a leak, e.g. "is not closed".
	Unreleased string
	// Verb is the participle of its release, e.g. "closed", for a
	// resource that is discarded outright.
	Verb string
	// Fix is the statement a suggested fix defers, with %s for the
	// variable, e.g. "defer %s.Close()"; empty when no defer fixes it.
	Fix string
}

// Kinds is the built-in resource table.
//
// Deliberately absent:
//   - statements prepared on a transaction ((*database/sql.Tx).Prepare,
//     (*database/sql.Tx).Stmt …): Commit and Rollback close them, so the
//     transaction's own finding covers them;
//   - (*database/sql.Rows).Err and (*database/sql.Row).Err do not release
//     (a non-nil Rows.Err shows the rows already closed: ErrRelease).
var Kinds = append(baseKinds, pgxV4(baseKinds)...)

// baseKinds are the kinds spelled out; pgx v4 is derived from v5.
var baseKinds = []*Kind{
	{
		Library: "database/sql", Name: "rows", Noun: "rows", Holds: true, Type: "*database/sql.Rows", Class: ClassResource, Cancels: true, Single: true,
		Acquire: []string{
			"(*database/sql.DB).Query", "(*database/sql.DB).QueryContext",
			"(*database/sql.Conn).QueryContext",
			"(*database/sql.Tx).Query", "(*database/sql.Tx).QueryContext",
			"(*database/sql.Stmt).Query", "(*database/sql.Stmt).QueryContext",
			"(*gorm.io/gorm.DB).Rows", "(*github.com/jinzhu/gorm.DB).Rows",
			// sqlx.NamedStmt's Query returns database/sql rows.
			"(*github.com/jmoiron/sqlx.NamedStmt).Query", "(*github.com/jmoiron/sqlx.NamedStmt).QueryContext",
		},
		Release: []string{"(*database/sql.Rows).Close"},
		// Next returning false closes the rows (database/sql docs: "If Next
		// returns false, the Rows are closed automatically").
		AutoRelease: []string{"(*database/sql.Rows).Next"},
		// Err is not nil only once the rows are closed, or being closed:
		// a failed Next or NextResultSet closes them, and the watcher that
		// stores a cancelled context's error closes them next. (A failed
		// Scan does not close database/sql rows.)
		ErrRelease: []string{"(*database/sql.Rows).Err"},
		Note:       "Cancelling the context given to QueryContext closes them: a deferred cancel of a context the function made is a deferred Close.",
		Unreleased: "is not closed",
		Verb:       "closed",
		Fix:        "defer %s.Close()",
	},
	{
		Library: "database/sql", Name: "row", Noun: "row", Holds: true, Type: "*database/sql.Row", Class: ClassResource, Cancels: true, Single: true,
		Acquire: []string{
			"(*database/sql.DB).QueryRow", "(*database/sql.DB).QueryRowContext",
			"(*database/sql.Conn).QueryRowContext",
			"(*database/sql.Tx).QueryRow", "(*database/sql.Tx).QueryRowContext",
			"(*database/sql.Stmt).QueryRow", "(*database/sql.Stmt).QueryRowContext",
			"(*gorm.io/gorm.DB).Row", "(*github.com/jinzhu/gorm.DB).Row",
		},
		// Scan closes the underlying rows whatever it returns.
		Release: []string{"(*database/sql.Row).Scan"},
		Read:    true,
		// A Row whose Err is non-nil was never given rows.
		ErrNil:     []string{"(*database/sql.Row).Err"},
		Unreleased: "is not scanned",
		Verb:       "scanned",
	},
	{
		Library: "database/sql", Name: "stmt", Noun: "statement", Type: "*database/sql.Stmt", Class: ClassResource,
		Acquire: []string{
			"(*database/sql.DB).Prepare", "(*database/sql.DB).PrepareContext",
			"(*database/sql.Conn).PrepareContext",
		},
		Release:    []string{"(*database/sql.Stmt).Close"},
		PoolScoped: true,
		Note:       "Closing the pool it was prepared on (db.Close(), deferred or on the path) closes it.",
		Runs: []string{
			"(*database/sql.Stmt).Exec", "(*database/sql.Stmt).ExecContext",
			"(*database/sql.Stmt).Query", "(*database/sql.Stmt).QueryContext",
			"(*database/sql.Stmt).QueryRow", "(*database/sql.Stmt).QueryRowContext",
		},
		Unreleased: "is not closed",
		Verb:       "closed",
		Fix:        "defer %s.Close()",
	},
	{
		Library: "database/sql", Name: "conn", Noun: "connection", Type: "*database/sql.Conn", Class: ClassResource,
		Single: true, Session: true, Holds: true,
		Acquire:    []string{"(*database/sql.DB).Conn"},
		Release:    []string{"(*database/sql.Conn).Close"},
		Unreleased: "is not closed",
		Verb:       "closed",
		Fix:        "defer %s.Close()",
	},
	{
		Library: "database/sql", Name: "db", Noun: "pool", Type: "*database/sql.DB", Class: ClassResource,
		Acquire: []string{"database/sql.Open", "database/sql.OpenDB"},
		Release: []string{"(*database/sql.DB).Close"},
		Pool:    true,
		Busy: []string{
			"(*database/sql.DB).Query", "(*database/sql.DB).QueryContext",
			"(*database/sql.DB).QueryRow", "(*database/sql.DB).QueryRowContext",
			"(*database/sql.DB).Exec", "(*database/sql.DB).ExecContext",
			"(*database/sql.DB).Prepare", "(*database/sql.DB).PrepareContext",
			"(*database/sql.DB).Begin", "(*database/sql.DB).BeginTx",
			"(*database/sql.DB).Conn", "(*database/sql.DB).Ping", "(*database/sql.DB).PingContext",
		},
		Unreleased: "is not closed, returned or stored",
		Verb:       "closed",
		Fix:        "defer %s.Close()",
	},
	{
		Library: "database/sql", Name: "tx", Noun: "transaction", Type: "*database/sql.Tx", Class: ClassTransaction, Cancels: true, NoWait: true,
		Single: true, Session: true, Holds: true,
		Acquire: []string{
			"(*database/sql.DB).Begin", "(*database/sql.DB).BeginTx",
			"(*database/sql.Conn).BeginTx",
		},
		// Commit ends the transaction even when it returns an error.
		Release: []string{"(*database/sql.Tx).Commit", "(*database/sql.Tx).Rollback"},
		Scopes:  true,
		Note: "Commit and Rollback close the rows, rows of one and statements opened on the transaction: " +
			"those are not reported on their own. Cancelling the context given to BeginTx rolls it back: " +
			"a deferred cancel of a context the function made is a deferred Rollback.",
		Unreleased: "is neither committed nor rolled back",
		Verb:       "committed or rolled back",
		Fix:        "defer %s.Rollback()",
	},

	// github.com/jackc/pgx/v5 and its pool. Rows, Row, Tx and BatchResults
	// are interfaces: calls on them are matched by method name.
	{
		Library: "github.com/jackc/pgx/v5", Name: "rows", Noun: "rows", Holds: true, Single: true,
		Type: "github.com/jackc/pgx/v5.Rows", Class: ClassResource,
		Acquire: []string{
			"(*github.com/jackc/pgx/v5.Conn).Query",
			"(*github.com/jackc/pgx/v5/pgxpool.Pool).Query",
			"(*github.com/jackc/pgx/v5/pgxpool.Conn).Query",
			"(*github.com/jackc/pgx/v5/pgxpool.Tx).Query",
			"(github.com/jackc/pgx/v5.Tx).Query",
			"(github.com/jackc/pgx/v5.BatchResults).Query",
		},
		Release:     []string{"(github.com/jackc/pgx/v5.Rows).Close"},
		AutoRelease: []string{"(github.com/jackc/pgx/v5.Rows).Next"},
		// Unlike database/sql, a failed Scan or Values closes pgx rows, and
		// Err is non-nil only once they are closed.
		ErrRelease: []string{
			"(github.com/jackc/pgx/v5.Rows).Scan", "(github.com/jackc/pgx/v5.Rows).Values",
			"(github.com/jackc/pgx/v5.Rows).Err",
		},
		Unreleased: "is not closed",
		Verb:       "closed",
		Fix:        "defer %s.Close()",
	},
	{
		Library: "github.com/jackc/pgx/v5", Name: "row", Noun: "row", Holds: true, Single: true,
		Type: "github.com/jackc/pgx/v5.Row", Class: ClassResource,
		Acquire: []string{
			"(*github.com/jackc/pgx/v5.Conn).QueryRow",
			"(*github.com/jackc/pgx/v5/pgxpool.Pool).QueryRow",
			"(*github.com/jackc/pgx/v5/pgxpool.Conn).QueryRow",
			"(*github.com/jackc/pgx/v5/pgxpool.Tx).QueryRow",
			"(github.com/jackc/pgx/v5.Tx).QueryRow",
			"(github.com/jackc/pgx/v5.BatchResults).QueryRow",
		},
		Release:    []string{"(github.com/jackc/pgx/v5.Row).Scan"},
		Read:       true,
		Unreleased: "is not scanned",
		Verb:       "scanned",
	},
	{
		Library: "github.com/jackc/pgx/v5", Name: "results", Noun: "batch results", Holds: true,
		Type: "github.com/jackc/pgx/v5.BatchResults", Class: ClassResource,
		Acquire: []string{
			"(*github.com/jackc/pgx/v5.Conn).SendBatch",
			"(*github.com/jackc/pgx/v5/pgxpool.Pool).SendBatch",
			"(*github.com/jackc/pgx/v5/pgxpool.Conn).SendBatch",
			"(*github.com/jackc/pgx/v5/pgxpool.Tx).SendBatch",
			"(github.com/jackc/pgx/v5.Tx).SendBatch",
		},
		Release:    []string{"(github.com/jackc/pgx/v5.BatchResults).Close"},
		Unreleased: "is not closed",
		Verb:       "closed",
		Fix:        "defer %s.Close()",
	},
	{
		Library: "github.com/jackc/pgx/v5", Name: "tx", Noun: "transaction", Holds: true, Single: true, Session: true,
		Type: "github.com/jackc/pgx/v5.Tx", Class: ClassTransaction, NoWait: true,
		Acquire: []string{
			"(*github.com/jackc/pgx/v5.Conn).Begin", "(*github.com/jackc/pgx/v5.Conn).BeginTx",
			"(*github.com/jackc/pgx/v5/pgxpool.Pool).Begin", "(*github.com/jackc/pgx/v5/pgxpool.Pool).BeginTx",
			"(*github.com/jackc/pgx/v5/pgxpool.Conn).Begin", "(*github.com/jackc/pgx/v5/pgxpool.Conn).BeginTx",
			// Not Tx.Begin: a savepoint holds no connection of its own, and the
			// outer transaction's end ends it.
		},
		// Commit ends the transaction even when it fails; Rollback after
		// Commit is a no-op (pgx.ErrTxClosed). Unlike database/sql, the end
		// of a pgx transaction does not close its rows: they keep the
		// connection busy and must be closed before the next statement.
		Note: "Rows opened on the transaction keep its connection busy until they are closed: " +
			"Commit does not close them, so they are reported like any others.",
		Release: []string{
			"(github.com/jackc/pgx/v5.Tx).Commit", "(github.com/jackc/pgx/v5.Tx).Rollback",
			"(*github.com/jackc/pgx/v5/pgxpool.Tx).Commit", "(*github.com/jackc/pgx/v5/pgxpool.Tx).Rollback",
		},
		Unreleased: "is neither committed nor rolled back",
		Verb:       "committed or rolled back",
		// No fix: Rollback takes a context whose name leaklint cannot know.
	},
	{
		Library: "github.com/jackc/pgx/v5", Name: "conn", Noun: "connection", Holds: true, Single: true, Session: true,
		Type: "*github.com/jackc/pgx/v5/pgxpool.Conn", Class: ClassResource,
		Acquire:    []string{"(*github.com/jackc/pgx/v5/pgxpool.Pool).Acquire"},
		Release:    []string{"(*github.com/jackc/pgx/v5/pgxpool.Conn).Release", "(*github.com/jackc/pgx/v5/pgxpool.Conn).Hijack"},
		Unreleased: "is not released",
		Verb:       "released",
		Fix:        "defer %s.Release()",
	},
	{
		Library: "github.com/jackc/pgx/v5", Name: "conn", Noun: "connection", Holds: true, Single: true, Session: true,
		Type: "*github.com/jackc/pgx/v5.Conn", Class: ClassResource,
		Acquire: []string{
			"github.com/jackc/pgx/v5.Connect", "github.com/jackc/pgx/v5.ConnectConfig",
			// Hijack takes the connection out of the pool: the caller owns it.
			"(*github.com/jackc/pgx/v5/pgxpool.Conn).Hijack",
		},
		Release:    []string{"(*github.com/jackc/pgx/v5.Conn).Close", "(*github.com/jackc/pgx/v5/pgconn.PgConn).Close"},
		Parts:      []string{"(*github.com/jackc/pgx/v5.Conn).PgConn"},
		Unreleased: "is not closed",
		Verb:       "closed",
	},
	{
		Library: "github.com/jackc/pgx/v5", Name: "pool", Noun: "pool",
		Type: "*github.com/jackc/pgx/v5/pgxpool.Pool", Class: ClassResource,
		Acquire: []string{"github.com/jackc/pgx/v5/pgxpool.New", "github.com/jackc/pgx/v5/pgxpool.NewWithConfig"},
		Release: []string{"(*github.com/jackc/pgx/v5/pgxpool.Pool).Close"},
		Pool:    true,
		Busy: []string{
			"(*github.com/jackc/pgx/v5/pgxpool.Pool).Acquire", "(*github.com/jackc/pgx/v5/pgxpool.Pool).AcquireFunc",
			"(*github.com/jackc/pgx/v5/pgxpool.Pool).Exec", "(*github.com/jackc/pgx/v5/pgxpool.Pool).Query",
			"(*github.com/jackc/pgx/v5/pgxpool.Pool).QueryRow", "(*github.com/jackc/pgx/v5/pgxpool.Pool).SendBatch",
			"(*github.com/jackc/pgx/v5/pgxpool.Pool).Begin", "(*github.com/jackc/pgx/v5/pgxpool.Pool).BeginTx",
			"(*github.com/jackc/pgx/v5/pgxpool.Pool).CopyFrom", "(*github.com/jackc/pgx/v5/pgxpool.Pool).Ping",
		},
		Unreleased: "is not closed, returned or stored",
		Verb:       "closed",
		Fix:        "defer %s.Close()",
	},

	// github.com/jmoiron/sqlx. Its types embed database/sql's: Close,
	// Next, Commit and Rollback are the promoted database/sql methods.
	{
		Library: "github.com/jmoiron/sqlx", Name: "rows", Noun: "rows", Holds: true, Single: true,
		Type: "*github.com/jmoiron/sqlx.Rows", Class: ClassResource, Cancels: true,
		Acquire: []string{
			"(*github.com/jmoiron/sqlx.DB).Queryx", "(*github.com/jmoiron/sqlx.DB).QueryxContext",
			"(*github.com/jmoiron/sqlx.DB).NamedQuery", "(*github.com/jmoiron/sqlx.DB).NamedQueryContext",
			"(*github.com/jmoiron/sqlx.Tx).Queryx", "(*github.com/jmoiron/sqlx.Tx).QueryxContext",
			"(*github.com/jmoiron/sqlx.Tx).NamedQuery",
			"(*github.com/jmoiron/sqlx.Conn).QueryxContext",
			"(*github.com/jmoiron/sqlx.Stmt).Queryx", "(*github.com/jmoiron/sqlx.Stmt).QueryxContext",
			"(*github.com/jmoiron/sqlx.NamedStmt).Queryx", "(*github.com/jmoiron/sqlx.NamedStmt).QueryxContext",
			"github.com/jmoiron/sqlx.NamedQuery", "github.com/jmoiron/sqlx.NamedQueryContext",
		},
		Release:     []string{"(*database/sql.Rows).Close"},
		AutoRelease: []string{"(*database/sql.Rows).Next"},
		ErrRelease:  []string{"(*database/sql.Rows).Err"},
		Unreleased:  "is not closed",
		Verb:        "closed",
		Fix:         "defer %s.Close()",
	},
	{
		Library: "github.com/jmoiron/sqlx", Name: "row", Noun: "row", Holds: true, Single: true,
		Type: "*github.com/jmoiron/sqlx.Row", Class: ClassResource, Cancels: true,
		Acquire: []string{
			"(*github.com/jmoiron/sqlx.DB).QueryRowx", "(*github.com/jmoiron/sqlx.DB).QueryRowxContext",
			"(*github.com/jmoiron/sqlx.Tx).QueryRowx", "(*github.com/jmoiron/sqlx.Tx).QueryRowxContext",
			"(*github.com/jmoiron/sqlx.Conn).QueryRowxContext",
			"(*github.com/jmoiron/sqlx.Stmt).QueryRowx", "(*github.com/jmoiron/sqlx.Stmt).QueryRowxContext",
			"(*github.com/jmoiron/sqlx.NamedStmt).QueryRow", "(*github.com/jmoiron/sqlx.NamedStmt).QueryRowContext",
			"(*github.com/jmoiron/sqlx.NamedStmt).QueryRowx", "(*github.com/jmoiron/sqlx.NamedStmt).QueryRowxContext",
		},
		// Each of these closes the row's rows whatever it returns.
		Release: []string{
			"(*github.com/jmoiron/sqlx.Row).Scan", "(*github.com/jmoiron/sqlx.Row).StructScan",
			"(*github.com/jmoiron/sqlx.Row).MapScan", "(*github.com/jmoiron/sqlx.Row).SliceScan",
		},
		Read:   true,
		ErrNil: []string{"(*github.com/jmoiron/sqlx.Row).Err"},
		// A Row whose err is set holds no rows (sqlx's own scanAny).
		ErrField:   "err",
		Unreleased: "is not scanned",
		Verb:       "scanned",
	},
	{
		Library: "github.com/jmoiron/sqlx", Name: "tx", Noun: "transaction", Holds: true, Single: true, Session: true,
		Type: "*github.com/jmoiron/sqlx.Tx", Class: ClassTransaction, Cancels: true, NoWait: true,
		Acquire: []string{
			"(*github.com/jmoiron/sqlx.DB).Beginx", "(*github.com/jmoiron/sqlx.DB).BeginTxx",
			"(*github.com/jmoiron/sqlx.DB).MustBegin", "(*github.com/jmoiron/sqlx.DB).MustBeginTx",
			"(*github.com/jmoiron/sqlx.Conn).BeginTxx",
		},
		Release: []string{"(*database/sql.Tx).Commit", "(*database/sql.Tx).Rollback"},
		// sqlx.Tx embeds *sql.Tx: the same Commit and Rollback close what
		// was opened on it (Queryx returns database/sql rows).
		Scopes: true,
		Note: "It embeds *sql.Tx: Commit and Rollback close the rows, rows of one and statements opened on it, " +
			"which are not reported on their own. Cancelling the context given to BeginTxx rolls it back.",
		Unreleased: "is neither committed nor rolled back",
		Verb:       "committed or rolled back",
		Fix:        "defer %s.Rollback()",
	},
	{
		Library: "github.com/jmoiron/sqlx", Name: "stmt", Noun: "statement",
		Type: "*github.com/jmoiron/sqlx.Stmt", Class: ClassResource,
		Acquire: []string{
			"(*github.com/jmoiron/sqlx.DB).Preparex", "(*github.com/jmoiron/sqlx.DB).PreparexContext",
			"(*github.com/jmoiron/sqlx.Conn).PreparexContext",
		},
		Release:    []string{"(*database/sql.Stmt).Close"},
		PoolScoped: true,
		Note:       "Closing the pool it was prepared on (db.Close(), deferred or on the path) closes it.",
		Runs: []string{
			"(*database/sql.Stmt).Exec", "(*database/sql.Stmt).ExecContext",
			"(*database/sql.Stmt).Query", "(*database/sql.Stmt).QueryContext",
			"(*database/sql.Stmt).QueryRow", "(*database/sql.Stmt).QueryRowContext",
			"(*github.com/jmoiron/sqlx.Stmt).Queryx", "(*github.com/jmoiron/sqlx.Stmt).QueryxContext",
			"(*github.com/jmoiron/sqlx.Stmt).QueryRowx", "(*github.com/jmoiron/sqlx.Stmt).QueryRowxContext",
			"(*github.com/jmoiron/sqlx.Stmt).Get", "(*github.com/jmoiron/sqlx.Stmt).GetContext",
			"(*github.com/jmoiron/sqlx.Stmt).Select", "(*github.com/jmoiron/sqlx.Stmt).SelectContext",
			"(*github.com/jmoiron/sqlx.Stmt).MustExec", "(*github.com/jmoiron/sqlx.Stmt).MustExecContext",
		},
		Unreleased: "is not closed",
		Verb:       "closed",
		Fix:        "defer %s.Close()",
	},
	{
		Library: "github.com/jmoiron/sqlx", Name: "stmt", Noun: "statement",
		Type: "*github.com/jmoiron/sqlx.NamedStmt", Class: ClassResource,
		Acquire: []string{
			"(*github.com/jmoiron/sqlx.DB).PrepareNamed", "(*github.com/jmoiron/sqlx.DB).PrepareNamedContext",
		},
		Release:    []string{"(*github.com/jmoiron/sqlx.NamedStmt).Close"},
		PoolScoped: true,
		Note:       "Closing the pool it was prepared on (db.Close(), deferred or on the path) closes it.",
		Unreleased: "is not closed",
		Verb:       "closed",
		Fix:        "defer %s.Close()",
	},
	{
		Library: "github.com/jmoiron/sqlx", Name: "conn", Noun: "connection", Holds: true, Single: true, Session: true,
		Type: "*github.com/jmoiron/sqlx.Conn", Class: ClassResource,
		Acquire:    []string{"(*github.com/jmoiron/sqlx.DB).Connx"},
		Release:    []string{"(*database/sql.Conn).Close"},
		Unreleased: "is not closed",
		Verb:       "closed",
		Fix:        "defer %s.Close()",
	},
	{
		Library: "github.com/jmoiron/sqlx", Name: "db", Noun: "pool",
		Type: "*github.com/jmoiron/sqlx.DB", Class: ClassResource,
		Acquire: []string{
			"github.com/jmoiron/sqlx.Open", "github.com/jmoiron/sqlx.Connect",
			"github.com/jmoiron/sqlx.ConnectContext",
		},
		Release: []string{"(*database/sql.DB).Close"},
		Pool:    true,
		Busy: []string{
			"(*github.com/jmoiron/sqlx.DB).Queryx", "(*github.com/jmoiron/sqlx.DB).QueryxContext",
			"(*github.com/jmoiron/sqlx.DB).QueryRowx", "(*github.com/jmoiron/sqlx.DB).QueryRowxContext",
			"(*github.com/jmoiron/sqlx.DB).Get", "(*github.com/jmoiron/sqlx.DB).GetContext",
			"(*github.com/jmoiron/sqlx.DB).Select", "(*github.com/jmoiron/sqlx.DB).SelectContext",
			"(*github.com/jmoiron/sqlx.DB).NamedExec", "(*github.com/jmoiron/sqlx.DB).NamedExecContext",
			"(*github.com/jmoiron/sqlx.DB).NamedQuery", "(*github.com/jmoiron/sqlx.DB).NamedQueryContext",
			"(*github.com/jmoiron/sqlx.DB).MustExec", "(*github.com/jmoiron/sqlx.DB).MustExecContext",
			"(*github.com/jmoiron/sqlx.DB).Beginx", "(*github.com/jmoiron/sqlx.DB).BeginTxx",
			"(*github.com/jmoiron/sqlx.DB).MustBegin", "(*github.com/jmoiron/sqlx.DB).MustBeginTx",
			"(*github.com/jmoiron/sqlx.DB).Connx",
		},
		Unreleased: "is not closed, returned or stored",
		Verb:       "closed",
		Fix:        "defer %s.Close()",
	},

	// gorm.io/gorm: Begin returns a *gorm.DB session bound to a
	// transaction. The type is also gorm's ordinary handle, so it says
	// nothing by itself: no declaration is reported, only stores of a
	// Begin session. Transaction(func(tx *gorm.DB) error) owns its tx.
	{
		Library: "gorm.io/gorm", Name: "tx", Noun: "transaction", Holds: true, Session: true,
		Type: "*gorm.io/gorm.DB", Class: ClassTransaction, NoWait: true,
		Acquire:    []string{"(*gorm.io/gorm.DB).Begin"},
		Chains:     true,
		Release:    []string{"(*gorm.io/gorm.DB).Commit", "(*gorm.io/gorm.DB).Rollback"},
		ErrField:   "Error",
		Unreleased: "is neither committed nor rolled back",
		Verb:       "committed or rolled back",
		Fix:        "defer %s.Rollback()",
	},
	// github.com/jinzhu/gorm, gorm v1: the same session API, plus
	// RollbackUnlessCommitted, meant to be deferred.
	{
		Library: "github.com/jinzhu/gorm", Name: "tx", Noun: "transaction", Holds: true, Session: true,
		Type: "*github.com/jinzhu/gorm.DB", Class: ClassTransaction, NoWait: true,
		Acquire: []string{"(*github.com/jinzhu/gorm.DB).Begin", "(*github.com/jinzhu/gorm.DB).BeginTx"},
		Chains:  true,
		Release: []string{
			"(*github.com/jinzhu/gorm.DB).Commit", "(*github.com/jinzhu/gorm.DB).Rollback",
			"(*github.com/jinzhu/gorm.DB).RollbackUnlessCommitted",
		},
		ErrField:   "Error",
		Unreleased: "is neither committed nor rolled back",
		Verb:       "committed or rolled back",
		Fix:        "defer %s.Rollback()",
	},
}

// pgxV4 returns, for the kinds of pgx v5, the same kinds of pgx v4
// (github.com/jackc/pgx/v4, still in wide use): the same types and
// methods, a failed Scan or Values closes the rows the same way
// (connRows.fatal), and the pool is made by pgxpool.Connect and
// ConnectConfig rather than New and NewWithConfig.
func pgxV4(kinds []*Kind) []*Kind {
	const v5, v4 = "github.com/jackc/pgx/v5", "github.com/jackc/pgx/v4"
	rename := strings.NewReplacer(
		v5+"/pgxpool.NewWithConfig", v4+"/pgxpool.ConnectConfig",
		v5+"/pgxpool.New", v4+"/pgxpool.Connect",
		v5+"/pgconn", "github.com/jackc/pgconn", // a module of its own under v4
		v5, v4,
	)
	names := func(list []string) []string {
		var out []string
		for _, n := range list {
			out = append(out, rename.Replace(n))
		}
		return out
	}
	var out []*Kind
	for _, k := range kinds {
		if k.Library != v5 {
			continue
		}
		c := *k
		c.Library, c.Type = v4, rename.Replace(k.Type)
		c.Acquire, c.Release, c.AutoRelease = names(k.Acquire), names(k.Release), names(k.AutoRelease)
		c.ErrRelease, c.ErrNil, c.Busy, c.Runs, c.Parts = names(k.ErrRelease), names(k.ErrNil), names(k.Busy), names(k.Runs), names(k.Parts)
		out = append(out, &c)
	}
	return out
}

// methodNames returns the bare method names of canonical names.
func (k *Kind) methodNames(names []string) []string {
	var out []string
	for _, r := range names {
		out = append(out, r[strings.LastIndexByte(r, '.')+1:])
	}
	return out
}

// releaseNames returns the names of the methods that release k when called
// through an interface (io.Closer, interface{ Commit() error }). The kinds
// made up for parameters of interface type release by every kind's names,
// the names that read a single row only for readerKind.
func (k *Kind) releaseNames(t *table) []string {
	switch k {
	case closerKind:
		return t.closeNames
	case readerKind:
		return append(append([]string(nil), t.closeNames...), t.readNames...)
	}
	return k.methodNames(k.Release)
}

// autoNames returns the names of the methods whose false result releases
// k when called through an interface. The kinds made up for parameters of
// interface type (a scanning helper's ColumnScanner) take every kind's:
// what they hold may be rows.
func (k *Kind) autoNames(t *table) []string {
	if k == closerKind || k == readerKind {
		return t.autoNames
	}
	return k.methodNames(k.AutoRelease)
}

// staticCallee returns the function that c calls statically, as its
// generic origin, and its canonical name; nil and "" for a call through an
// interface or a function value, and a name "" for a function without an
// object (a closure).
func (e *engine) staticCallee(c *ssa.CallCommon) (*ssa.Function, string) {
	callee := c.StaticCallee()
	if callee == nil {
		return nil, ""
	}
	name := ""
	if fn, ok := callee.Object().(*types.Func); ok {
		name = e.funcName(fn)
	}
	if o := callee.Origin(); o != nil {
		callee = o
	}
	return callee, name
}

// funcName returns the canonical name of fn, of the generic origin for
// instantiated functions and methods, computed once per function
// (types.Func.FullName builds the string anew each time).
func (e *engine) funcName(fn *types.Func) string {
	if name, ok := e.names[fn]; ok {
		return name
	}
	name := fn.Origin().FullName()
	e.names[fn] = name
	return name
}

// A table indexes kinds for matching.
type table struct {
	acquire    map[string]*Kind // canonical function name -> kind it acquires
	release    map[string]bool  // canonical method name -> kind it releases
	auto       map[string]bool  // canonical method name -> kind its false result releases
	busy       map[string]bool  // canonical names of the methods that check a connection out of a pool
	runs       map[string]bool  // canonical names of the methods that run a statement on its pool
	byType     map[string]*Kind // type string -> kind
	libraries  map[string]bool  // import paths of the tracked libraries
	closeNames []string         // the release method names of kinds that are not read
	readNames  []string         // the release method names of kinds that are read (Scan)
	autoNames  []string         // the bare names of the methods whose false result releases (Next)
	busyNames  map[string]bool  // bare names of the busy methods (Exec, QueryContext…)
	// methodNames maps an acquiring method's bare name to the kinds it
	// acquires, for calls through interfaces (sqlc's DBTX, a repository's
	// Querier) that return the kind's type.
	methodNames map[string][]*Kind
}

// newTable indexes kinds.
func newTable(kinds []*Kind) *table {
	t := &table{
		acquire:     make(map[string]*Kind),
		release:     make(map[string]bool),
		auto:        make(map[string]bool),
		busy:        make(map[string]bool),
		runs:        make(map[string]bool),
		busyNames:   make(map[string]bool),
		byType:      make(map[string]*Kind),
		libraries:   make(map[string]bool),
		methodNames: make(map[string][]*Kind),
	}
	for _, k := range kinds {
		t.byType[k.Type] = k
		t.libraries[k.Library] = true
		for _, name := range k.Acquire {
			t.acquire[name] = k
			if i := strings.LastIndexByte(name, '.'); strings.HasPrefix(name, "(") && i > 0 {
				t.methodNames[name[i+1:]] = append(t.methodNames[name[i+1:]], k)
			}
		}
		for _, name := range k.Release {
			t.release[name] = true
		}
		if k.Read {
			t.readNames = append(t.readNames, k.methodNames(k.Release)...)
		} else {
			t.closeNames = append(t.closeNames, k.methodNames(k.Release)...)
		}
		for _, name := range k.AutoRelease {
			t.auto[name] = true
			if n := name[strings.LastIndexByte(name, '.')+1:]; !slices.Contains(t.autoNames, n) {
				t.autoNames = append(t.autoNames, n)
			}
		}
		for _, name := range k.Runs {
			t.runs[name] = true
		}
		for _, name := range k.Busy {
			t.busy[name] = true
			t.busyNames[name[strings.LastIndexByte(name, '.')+1:]] = true
		}
	}
	return t
}

// kindOf returns the kind whose type is typ, or nil. An interface that
// embeds a kind's interface (a project's Rows interface around pgx.Rows)
// is of that kind; an alias is its type.
func (t *table) kindOf(typ types.Type) *Kind {
	if k := t.byType[typeKey(typ)]; k != nil {
		return k
	}
	if iface, ok := typ.Underlying().(*types.Interface); ok {
		for i := 0; i < iface.NumEmbeddeds(); i++ {
			if k := t.kindOf(iface.EmbeddedType(i)); k != nil {
				return k
			}
		}
	}
	return nil
}

// typeKey spells typ as the table does, through aliases: "*database/sql.Tx"
// for *Tx where type Tx = sql.Tx.
func typeKey(typ types.Type) string {
	if p, ok := types.Unalias(typ).(*types.Pointer); ok {
		return "*" + typeKey(p.Elem())
	}
	return types.TypeString(types.Unalias(typ), nil)
}
