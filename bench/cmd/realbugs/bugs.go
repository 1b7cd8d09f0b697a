package main

// A Bug is a leak that a public Go project fixed (or had a fix proposed
// for), in a released version that the Go module proxy serves. The code
// is read from the module cache; nothing of it is copied here.
type Bug struct {
	Module  string // module path
	Version string // a released version that still has the leak
	Package string // the package analyzed, as a go vet pattern
	File    string // the file, relative to the module's root
	Line    int    // where leaklint should report, per DESIGN.md
	Class   string // the analyzer that should report it
	Test    bool   // the leak is in test or example code
	Shape   string // how the code holds and loses the resource
	Why     string // the leaking path, in one line
	Fix     string // the fixing commit, release or pull request
	// Miss says why today's engine misses it, from reading the code
	// against the engine; shown only when leaklint misses the bug.
	Miss  string
	Smoke bool // part of the CI smoke run
}

// Bugs is the benchmark. Lines were checked by reading each version in
// the module cache (go mod download -json MODULE@VERSION).
var Bugs = []Bug{
	{
		Module: "github.com/riverqueue/river/riverdriver/riverpgxv5", Version: "v0.30.2",
		Package: "github.com/riverqueue/river/riverdriver/riverpgxv5",
		File:    "river_pgx_v5_driver.go", Line: 1062, Class: "rowsclose",
		Shape: "pool connection acquired, early error return on one branch while the next branch releases",
		Why:   "Listener.Connect acquires a *pgxpool.Conn and returns the Exec error of afterConnectExec without Release: one pool connection lost per failed reconnect",
		Fix:   "422df4c (river #1147), released in v0.31.0",
	},
	{
		Module: "github.com/axllent/mailpit", Version: "v1.27.11",
		Package: "github.com/axllent/mailpit/internal/storage",
		File:    "internal/storage/cron.go", Line: 125, Class: "txfinish",
		Shape: "transaction with early returns after failed Execs, rollback only after a failed Commit",
		Why:   "pruneMessages returns after a failed DELETE (lines 139, 145, 151) without Rollback; the sqlite write transaction and its connection stay open",
		Fix:   "fc0b016, released in v1.29.3",
	},
	{
		Module: "github.com/mattn/go-sqlite3", Version: "v1.14.48",
		Package: "github.com/mattn/go-sqlite3/_example/hook",
		File:    "_example/hook/hook.go", Line: 48, Class: "rowsclose", Test: true,
		Shape: "rows discarded: _, err = db.Query(…)",
		Why:   "the source database's Query result is assigned to _ and never closed; its connection stays checked out",
		Fix:   "80cf381, released in v1.14.49",
	},
	{
		Module: "github.com/mattn/go-sqlite3", Version: "v1.14.48",
		Package: "github.com/mattn/go-sqlite3/_example/hook",
		File:    "_example/hook/hook.go", Line: 68, Class: "rowsclose", Test: true,
		Shape: "rows discarded: _, err = db.Query(…)",
		Why:   "the destination database's Query result is discarded the same way (same fix)",
		Fix:   "80cf381, released in v1.14.49",
	},
	{
		Module: "github.com/mattn/go-sqlite3", Version: "v1.14.48",
		Package: "github.com/mattn/go-sqlite3/_example/limit",
		File:    "_example/limit/limit.go", Line: 31, Class: "rowsclose", Test: true,
		Shape: "statement prepared in a helper, never closed on any path",
		Why:   "bulkInsert prepares a *sql.Stmt on the pool and returns without closing it, after Exec succeeds or fails",
		Fix:   "084f3d3, released in v1.14.49",
	},
	{
		Module: "github.com/jackc/pgx/v4", Version: "v4.5.0",
		Package: "github.com/jackc/pgx/v4/pgxpool",
		File:    "pgxpool/pool.go", Line: 420, Class: "rowsclose", Smoke: true,
		Shape: "pgx v4: pool connection acquired, lost when BeginTx on it fails",
		Why:   "Pool.BeginTx returns BeginTx's error without releasing the *pgxpool.Conn it acquired: every failed BEGIN (bad isolation level, dead server) leaks a pool slot",
		Fix:   "4127eba0, released in v4.7.0",
		Miss:  "pgx v4 is not a tracked library: no kind for (*github.com/jackc/pgx/v4/pgxpool.Pool).Acquire and its Conn's Release (issue 11, shape 8)",
	},
	{
		Module: "github.com/lib/pq", Version: "v1.12.1",
		Package: "github.com/lib/pq",
		File:    "conn_test.go", Line: 1433, Class: "rowsclose", Test: true, Smoke: true,
		Shape: "statement prepared in a t.Run closure, never closed",
		Why:   "TestStmtQueryContext prepares a *sql.Stmt per case and never closes it",
		Fix:   "71daecb, released in v1.12.2",
	},
	{
		Module: "github.com/lib/pq", Version: "v1.12.1",
		Package: "github.com/lib/pq",
		File:    "conn_test.go", Line: 1476, Class: "rowsclose", Test: true, Smoke: true,
		Shape: "statement prepared in a t.Run closure, never closed",
		Why:   "TestStmtExecContext prepares a *sql.Stmt per case and never closes it",
		Fix:   "71daecb, released in v1.12.2",
	},
	{
		Module: "github.com/lib/pq", Version: "v1.12.1",
		Package: "github.com/lib/pq",
		File:    "error_test.go", Line: 240, Class: "rowsclose", Test: true, Smoke: true,
		Shape: "pool from sql.OpenDB in a test, never closed",
		Why:   "TestNetworkError opens a *sql.DB with sql.OpenDB and never closes it",
		Fix:   "71daecb, released in v1.12.2",
	},
	{
		Module: "github.com/golang-migrate/migrate/v4", Version: "v4.20.1",
		Package: "github.com/golang-migrate/migrate/v4/database/postgres",
		File:    "database/postgres/postgres.go", Line: 139, Class: "rowsclose",
		Shape: "connection handed to a helper that keeps it only on success (in the struct it returns) and drops it on its error returns",
		Why:   "WithInstance takes a *sql.Conn and returns WithConnection's error without closing it: one pool connection per failed init",
		Fix:   "proposed in PR #1397 (issue #1366), not merged in the history read",
		Miss:  "WithConnection wraps the conn in a *Postgres whose Close closes it; the engine takes such a wrapping constructor to own its argument on every path, so the call ends the caller's tracking, though WithConnection's error returns (failed Ping, failed ensureVersionTable after the wrap) leave the conn to the caller. A replica whose struct has no Close method is reported (issue 11, shapes 1 and 4)",
	},
	{
		Module: "github.com/golang-migrate/migrate/v4", Version: "v4.20.1",
		Package: "github.com/golang-migrate/migrate/v4/database/pgx",
		File:    "database/pgx/pgx.go", Line: 140, Class: "rowsclose",
		Shape: "connection stored in a struct the function makes (&Postgres{conn: conn}), the struct dropped on a later error return",
		Why:   "WithInstance stores the *sql.Conn in px and returns nil, err when ensureLockTable or ensureVersionTable fails, never closing it",
		Fix:   "proposed in PR #1397 (issue #1366), not merged in the history read",
		Miss:  "holder: the store into a struct the function makes (&Postgres{conn: conn}) ends tracking, so dropping the struct on a later error return is not seen; a replica is missed with or without a Close method on the struct (issue 11, shape 2)",
	},
	{
		Module: "github.com/golang-migrate/migrate/v4", Version: "v4.20.1",
		Package: "github.com/golang-migrate/migrate/v4/database/pgx/v5",
		File:    "database/pgx/v5/pgx.go", Line: 120, Class: "rowsclose",
		Shape: "connection stored in a struct the function makes (&Postgres{conn: conn}), the struct dropped on a later error return",
		Why:   "WithInstance stores the *sql.Conn in px and returns nil, err when ensureVersionTable fails, never closing it",
		Fix:   "proposed in PR #1397 (issue #1366), not merged in the history read",
		Miss:  "holder: the store into a struct the function makes (&Postgres{conn: conn}) ends tracking, so dropping the struct on a later error return is not seen (issue 11, shape 2)",
	},
	{
		Module: "miniflux.app/v2", Version: "v2.2.0",
		Package: "miniflux.app/v2/internal/storage",
		File:    "internal/storage/feed_query_builder.go", Line: 191, Class: "connloop",
		Shape: "second connection through a method: rows open on the pool (f.store.db), then a method of the same builder queries the pool",
		Why:   "GetFeeds keeps its rows open while fetchFeedCounter runs another Query on f.store.db: two connections per call, and at the pool limit every caller waits for a second one",
		Fix:   "9151dc53, released in v2.2.19",
		Miss:  "the pool is reached through two fields (f.store.db): the second-connection rule matches a pool held in a variable or one field of it (s.db), not a two-field path; in a replica even a direct second Query on b.store.db is not reported, and the same code one field deep is (issue 11, shape 7)",
	},
	{
		Module: "miniflux.app/v2", Version: "v2.2.0",
		Package: "miniflux.app/v2/internal/storage",
		File:    "internal/storage/entry_query_builder.go", Line: 372, Class: "connloop",
		Shape: "N+1 query through a method of another type: inside the rows.Next loop, e.store.GetEnclosures queries the pool the rows hold a connection of",
		Why:   "GetEntries calls GetEnclosures for every entry that has enclosures while its rows are open: each call (N+1) needs a second connection from the pool while the rows hold the first",
		Fix:   "82a6fe64, released in v2.2.7",
		Miss:  "the rows come from e.store.db and the helper queries s.db on e.store: a pool two fields deep, which the second-connection rule does not follow; a replica one field deep (rows from s.db, s.enclosures() in the loop) is reported (issue 11, shape 7)",
	},
	{
		Module: "github.com/go-sql-driver/mysql", Version: "v1.4.1",
		Package: "github.com/go-sql-driver/mysql",
		File:    "driver_test.go", Line: 194, Class: "rowsclose", Test: true,
		Shape: "rows from a test helper (mustQuery) closed only when Next returns false",
		Why:   "TestEmptyQuery reports an error when rows.Next() is true and leaves the rows open",
		Fix:   "1b9eda2 (#918), released in v1.5.0",
		Miss:  "the only leaking path goes through dbt.Errorf: the engine ignores paths past t.Error, t.Errorf and t.Fail as failed tests (search.go, failed), a rule DESIGN.md does not state; the same code with any other call there is reported",
	},
	{
		Module: "github.com/go-sql-driver/mysql", Version: "v1.4.1",
		Package: "github.com/go-sql-driver/mysql",
		File:    "driver_test.go", Line: 209, Class: "rowsclose", Test: true,
		Shape: "rows from a test helper (mustQuery) closed only when Next returns false",
		Why:   "TestCRUD expects an empty table; when rows.Next() is true it reports the error and goes on with the rows open",
		Fix:   "1b9eda2 (#918), released in v1.5.0",
		Miss:  "the leaking path goes through dbt.Error, past which the engine stops looking (failed-test rule, as above)",
	},
	{
		Module: "github.com/go-sql-driver/mysql", Version: "v1.4.1",
		Package: "github.com/go-sql-driver/mysql",
		File:    "driver_test.go", Line: 233, Class: "rowsclose", Test: true,
		Shape: "rows from a test helper reassigned to the same variable; closed only when the second Next returns false",
		Why:   "TestCRUD reads one row and, when a second row is there, reports it and goes on with the rows open (the variable is then reassigned by the next mustQuery)",
		Fix:   "1b9eda2 (#918), released in v1.5.0",
		Miss:  "the leaking path goes through dbt.Error (failed-test rule, as above)",
	},
	{
		Module: "github.com/k3s-io/kine", Version: "v0.13.4",
		Package: "github.com/k3s-io/kine/pkg/drivers/mysql",
		File:    "pkg/drivers/mysql/mysql.go", Line: 175, Class: "rowsclose",
		Shape: "pool opened in a setup helper and never closed on any path",
		Why:   "createDBIfNotExist opens a *sql.DB with sql.Open to check for the database and returns without closing it",
		Fix:   "31fc27e, released in v0.13.5",
	},
	{
		Module: "github.com/k3s-io/kine", Version: "v0.13.4",
		Package: "github.com/k3s-io/kine/pkg/drivers/mysql",
		File:    "pkg/drivers/mysql/mysql.go", Line: 194, Class: "rowsclose",
		Shape: "pool reopened into the same variable inside a branch, never closed",
		Why:   "when the first CREATE DATABASE fails with error 1049, createDBIfNotExist opens a second *sql.DB without a database name and never closes it either",
		Fix:   "31fc27e, released in v0.13.5",
	},
	{
		Module: "github.com/lib/pq", Version: "v1.10.9",
		Package: "github.com/lib/pq",
		File:    "rows_test.go", Line: 176, Class: "rowsclose", Test: true,
		Shape: "rows used only for their column types, never iterated or closed",
		Why:   "TestDataTypeName queries, reads rows.ColumnTypes() and returns without closing the rows",
		Fix:   "4084da9 (#1166), released in v1.11.0",
	},
	// Found by a second hunt over projects not tuned on (issue 11's
	// held-out spirit): exact versions the proxy serves although it
	// lists none for the module.
	{
		Module: "github.com/autobrr/autobrr", Version: "v1.68.0",
		Package: "github.com/autobrr/autobrr/internal/database",
		File:    "internal/database/filter.go", Line: 798, Class: "rowsclose",
		Shape: "rows scanned in a loop, early return on a Scan error, no defer",
		Why:   "FilterRepo.FindByIndexerIdentifier returns 'error scanning row' from inside the rows.Next loop with the rows open",
		Fix:   "39bc6d8f (#2238), released in v1.69.0",
	},
	{
		Module: "github.com/autobrr/autobrr", Version: "v1.68.0",
		Package: "github.com/autobrr/autobrr/internal/database",
		File:    "internal/database/release.go", Line: 1208, Class: "rowsclose",
		Shape: "rows checked with rows.Err() before any close, then scanned in a loop with an early return",
		Why:   "CheckIsDuplicateRelease never closes its rows: a Scan error returns from the loop with them open (the Err check before it is harmless: Err is set only as rows close)",
		Fix:   "39bc6d8f (#2238), released in v1.69.0",
	},
	{
		Module: "github.com/autobrr/autobrr", Version: "v1.68.0",
		Package: "github.com/autobrr/autobrr/internal/database",
		File:    "internal/database/sqlite.go", Line: 137, Class: "rowsclose",
		Shape: "rows of a PRAGMA scanned in a loop, early return on a Scan error",
		Why:   "the sqlite integrity check returns on a Scan error inside the loop with the rows open, pinning the database's single connection",
		Fix:   "39bc6d8f (#2238), released in v1.69.0",
	},
	{
		Module: "github.com/sanketplus/go-mysql-lock", Version: "v0.0.6",
		Package: "github.com/sanketplus/go-mysql-lock",
		File:    "locker_client.go", Line: 59, Class: "rowsclose",
		Shape: "dedicated *sql.Conn taken for a session lock, not closed on the failure returns",
		Why:   "ObtainTimeoutContext takes a connection for GET_LOCK and returns without dbConn.Close() when the lock query fails or times out: one pool connection lost per failed lock",
		Fix:   "3734281 (PR #13), released in v0.0.7",
	},
	{
		Module: "github.com/c9s/bbgo", Version: "v1.32.0",
		Package: "github.com/c9s/bbgo/pkg/service",
		File:    "pkg/service/backtest.go", Line: 153, Class: "rowsclose",
		Shape: "sqlx rows handed to a helper that closes them only by reading to the end",
		Why:   "QueryKLinesForward passes the rows to scanRows, which returns on a StructScan error without closing them",
		Fix:   "248390746 (#679), released in v1.33.0",
	},
	{
		Module: "github.com/snowflakedb/gosnowflake", Version: "v1.15.0",
		Package: "github.com/snowflakedb/gosnowflake",
		File:    "statement_test.go", Line: 33, Class: "rowsclose", Test: true,
		Shape: "pool opened in a test helper that returns only a connection taken from it",
		Why:   "openConn opens a *sql.DB, takes a *sql.Conn from it and returns the conn alone: the pool is never closed, one per test",
		Fix:   "bc9d66f5 (#1487), released in v1.16.0",
	},
	{
		Module: "github.com/justtrackio/gosoline", Version: "v0.30.0",
		Package: "github.com/justtrackio/gosoline/pkg/db",
		File:    "pkg/db/client.go", Line: 153, Class: "rowsclose",
		Shape: "rows from a wrapper that runs the query through a retrying executor (an interface method given a function literal) and asserts the result to *sql.Rows",
		Why:   "GetResult returns on a Columns or Scan error without closing the rows that ClientSqlx.Query returned",
		Fix:   "ba397af4, released in v0.33.1",
	},
	{
		Module: "github.com/justtrackio/gosoline", Version: "v0.30.0",
		Package: "github.com/justtrackio/gosoline/pkg/db-repo",
		File:    "pkg/db-repo/change_history_manager.go", Line: 356, Class: "rowsclose",
		Shape: "rows from jinzhu/gorm v1's DB.Rows(), which its registered callbacks fill into a result struct",
		Why:   "getTableMetaData reads the metadata rows and never closes them",
		Fix:   "ba397af4, released in v0.33.1",
		Miss:  "gorm v1's scope.rows() returns result.Rows, a field of a struct it allocates and hands to its callbacks, which run the query: no acquiring call leaklint can see and no fact says DB.Rows returns owned rows",
	},
}

// A Rejected candidate was read and left out of the benchmark.
type Rejected struct {
	Where string // project and fix
	Why   string
}

// RejectedCandidates are the fixes read and judged not to be leaks by
// DESIGN.md's rules, or not to be measurable here.
var RejectedCandidates = []Rejected{
	{"c9s/bbgo 248390746 (#679, v1.33.0): defer rows.Close() before the rows.Err() check in QueryKLine and QueryLastTradingVolume", "defensive: before the first Next, Rows.Err is not nil only once the rows are closed (database/sql sets it as it closes them), so the early return leaks nothing; the same fix's scanRows change is a real leak and is in the benchmark"},
	{"seata/seata-go 9b5b080e (#736), b15d9d36 (#989): close statements and rows in the MySQL trigger, undo log and executors", "real leaks, and leaklint reports them, but v1.2.0's dependency vimagination.zapto.org/byteio is refused by the proxy: the package cannot be loaded without a stand-in"},
	{"gorm.io/gorm 1d6ce995 (#7798, v1.31.2): defer rows.Close() in Delete, Update, Scan", "defensive: rows.Close() was already called on every path; the fix only covers a panic inside gorm.Scan, and a path that ends in a panic is not a leak"},
	{"gorm.io/gorm a8c4bee8 (v1.31.1): transaction leak with Session in Scopes", "the transaction is handed to db.Statement.ConnPool (a field of a parameter), a transfer; the loss is a per-instance flag read by a later callback, not a path in one function"},
	{"gorm.io/gorm 1269adb0 (#7689, v1.31.2): close the pool when Ping fails in gorm.Open", "the *sql.DB is opened inside the dialector's Initialize (an interface method) and stored in db.ConnPool: no acquiring call where a finding could be placed"},
	{"jackc/pgx v4 c9e271df: add c.Release() to Pool.QueryRow", "not a leak: the pool row releases the connection when scanned; the change was reverted two days later (5320ad87)"},
	{"jackc/pgx v4 8bc6aa6b (v4.14.0): close the pool when createIdleResources fails", "the pool is the struct ConnectConfig builds, not a resource from an acquiring call"},
	{"jmoiron/sqlx 5111017: close the DB when Ping fails in ConnectContext", "never merged; and the *sql.DB is returned beside the error, a transfer by DESIGN.md"},
	{"jmoiron/sqlx 93d892a (PR #846): close rows in Row.Err", "a library behaviour change, not merged; the maintainers preferred documenting it"},
	{"dapr/components-contrib 41d62baff: close the Oracle *sql.DB when Ping fails in Init", "the pool is stored in the receiver's field (o.db) before the failing Ping: kept, not leaked, by DESIGN.md; the component's Close releases it"},
	{"k3s-io/kine 31fc27e (v0.13.5): close the *sql.DB in createDBIfNotExist", "a real leak, but fixed before the oldest version the proxy serves (v0.13.14)"},
	{"miniflux/v2 9151dc53 (v2.2.19): query feed counters before opening the rows", "a real second-connection query through a helper, but the proxy serves only v2.3.5, which has the fix"},
	{"element-hq/dendrite ee73a90a: roll back the sync snapshot in GetEvent", "fixed before the versions the proxy serves (matrix-org/dendrite v0.13.7, v0.13.8)"},
	{"sqlc-dev/sqlc 6dacff232 (v1.29.0): close the sqlite pools of the examples' tests", "behind the examples build tag, and the pool is kept in the generated Queries struct (New(sdb)): a transfer"},
	{"lib/pq 71daecb: defer stmt.Close() in Example_copyFromStdin", "the statement is prepared on a transaction, which closes it on Commit or Rollback"},
	{"cloudnative-pg 50f0980b3 (v1.26.0): close the backup connection when a snapshot fails", "the module is not served by the proxy here"},
	{"go-sql-driver/mysql 2cdf624 (v1.8.0): defer rows.Close() in TestRawBytesAreNotModified", "the rows were closed at the end of the closure; only the t.Fatal paths (runtime.Goexit) skipped it"},
	{"dbos-transact-golang 5ad92a7 (#447): defer conn.Release() in TestClientShutdownReportsSystemDBTimeout", "v1.1.0 releases the connection at the end of the test (only require's t.FailNow paths skip it) and v1.2.0 already defers it: no served version has the leak"},
	{"FerretDB 645c0e8e0 (v0.6.0) and a71846cef (v0.9.0): roll back test transactions, and in InTransaction when f calls runtime.Goexit", "the transactions were committed or rolled back on every normal path; only t.FailNow (runtime.Goexit) and panics skipped it"},
	{"letsencrypt/boulder 37147d4df (#8129): close the rows in test/db.go", "fixed in April 2025; the proxy serves boulder only from v0.20250630.0 (its earlier releases are release-YYYY-MM-DD tags, not module versions)"},
	{"uptrace/bun e7a119b1 (v1.1.13): roll back instead of commit when a migration statement fails", "a correctness fix: the transaction was committed on every path, never left open"},
	{"golang-migrate/migrate 091ad5db: defer the rollback in applyTableLock", "the table-lock code and its fix were released together (v4.17.1): no released version has the leak"},
	{"gorm.io/gorm 300a23fc (v1.22.5) and gorm.io/driver/postgres 55755e3 (v1.3.3)", "error checking of rows.Close and a rewrite of the migrator queries, not leak fixes"},
	{"openfga 27c8c9fd8 (#369, v0.3.0): close the rows of ReadAuthorizationModel(s), ListStores and ReadChanges in storage/mysql and storage/postgres", "real leaks (returns inside the rows.Next loop), but v0.2.5 imports go.buf.build/openfga/go, which the proxy refuses: the package cannot be loaded"},
	{"matrix-org/dendrite ee73a90a and 0d0280cf: roll back the sync snapshot (GetEvent, memberships)", "the proxy refuses the versions before the fixes (v0.13.4 and older)"},
	{"heroiclabs/nakama 585ba131e, c36974128: close rows before the next query", "the module is not served by the proxy here"},
	{"pgroll, pgstream (xataio), nri-flex, makroud, go-ipam, sqls, grabbit, msgvault, mainflux, nakama, rqlite: leak fixes found in their threads", "the modules are not served by the proxy here"},
}
