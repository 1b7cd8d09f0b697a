// Package leakchecksuite is the test suite that make bench runs twice to
// measure leakcheck's overhead: with its databases opened by sql.Open,
// then by leakcheck.Open (stack capture and the check at the end of each
// test included). Its tests do what the tests of a database-backed
// service do: make a schema, load rows in a transaction through a
// prepared statement, read them back by key and by listing, update in
// transactions that commit or roll back, and use a dedicated
// connection.
//
// The environment chooses the run (cmd/leakcheckbench sets it):
//
//	LEAKCHECK_BENCH=plain|wrapped    sql.Open or leakcheck.Open
//	LEAKCHECK_BENCH_DB=file|memory   a database file per test, or an in-memory database
//	LEAKCHECK_BENCH_TESTS=N          how many tests (default 60)
//
// The per-operation benchmarks (go test -bench) time one query, one
// read of ten rows, one statement and one transaction, plain and
// wrapped, on an in-memory database; they report the CPU time per
// operation (cpu-ns/op) beside the wall time.
package leakchecksuite
