// Package live runs the example module against real databases under
// leakcheck: its tests call the example's leaky functions and their
// correct forms on the in-process SQLite, PostgreSQL (through pgx's
// database/sql driver and through pgxpool) and MariaDB, and show that
// every finding leaklint reports on the example is caught at run time
// and that the correct forms pass. cmd/demo-runtime is the second part
// of make demo.
//
// It is a module of its own so that the example module stays small for
// make demo, and so that the drivers stay out of leaklint's go.mod.
//
// The tests read LEAKCHECK_POSTGRES_DSN (default
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable) and
// LEAKCHECK_MYSQL_DSN (default root@tcp(127.0.0.1:3306)/test). Without a
// server they skip, saying why; with LEAKCHECK_REQUIRE_DB set (as in
// CI) they fail instead.
package live
