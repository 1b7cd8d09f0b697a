// Package modules names the database-heavy Go modules that make bench
// times and make realworld reads: real code pulled through the Go module
// proxy as requirements of the bench module (versions pinned in
// bench/go.mod), analyzed by import path from within it.
package modules

import "slices"

// Patterns are the packages analyzed, as go vet patterns. Test files are
// analyzed too, as go vet always does. Subtrees that only add drivers for
// other databases, Docker helpers or command-line front ends (and with
// them hundreds of dependencies) are left out; what remains is the
// database/sql, pgx and ORM code itself.
var Patterns = []string{
	"github.com/jackc/pgx/v5/...",
	"github.com/jmoiron/sqlx/...",
	"gorm.io/gorm/...",
	"github.com/pressly/goose/v3",
	"github.com/pressly/goose/v3/database/...",
	"github.com/pressly/goose/v3/examples/...",
	"github.com/pressly/goose/v3/internal/...",
	"github.com/pressly/goose/v3/lock/...",
	"github.com/pressly/goose/v3/tests/...",
	"github.com/golang-migrate/migrate/v4",
	"github.com/golang-migrate/migrate/v4/database",
	"github.com/golang-migrate/migrate/v4/database/cockroachdb",
	"github.com/golang-migrate/migrate/v4/database/multistmt",
	"github.com/golang-migrate/migrate/v4/database/mysql",
	"github.com/golang-migrate/migrate/v4/database/pgx/v5",
	"github.com/golang-migrate/migrate/v4/database/postgres",
	"github.com/golang-migrate/migrate/v4/database/redshift",
	"github.com/golang-migrate/migrate/v4/database/sqlite",
	"github.com/golang-migrate/migrate/v4/database/sqlite3",
	"github.com/golang-migrate/migrate/v4/database/yugabytedb",
	"github.com/uptrace/bun/...",
	"github.com/uptrace/bun/dialect/pgdialect/...",
	"github.com/uptrace/bun/driver/pgdriver/...",
}

// Wider are the packages that make realworld reviews beyond Patterns
// (make bench times Patterns only, so that its numbers stay comparable).
// They were chosen for their styles, one or two modules each, at released
// versions the Go module proxy serves, with the same exclusions as
// Patterns: drivers for other databases, code generators, command-line
// front ends that only parse flags.
var Wider = []string{
	// Queues built on Postgres: river (pgx v5 and pgxpool, its drivers'
	// sqlc-generated queries, database/sql through riverdatabasesql), neoq
	// (pgxpool, listen/notify), gue (one adapter per driver: pgx v5, pgx
	// v4, lib/pq).
	"github.com/riverqueue/river",
	"github.com/riverqueue/river/internal/...",
	"github.com/riverqueue/river/riverdbtest",
	"github.com/riverqueue/river/rivermigrate",
	"github.com/riverqueue/river/rivertest",
	"github.com/riverqueue/river/riverdriver/...",
	"github.com/riverqueue/river/rivershared/riversharedtest",
	"github.com/riverqueue/river/rivershared/testfactory",
	"github.com/acaloiaro/neoq",
	"github.com/acaloiaro/neoq/backends/postgres",
	"github.com/acaloiaro/neoq/examples/add_postgres_job",
	"github.com/acaloiaro/neoq/examples/add_future_postgres_job",
	"github.com/vgarvardt/gue/v5",
	"github.com/vgarvardt/gue/v5/adapter",
	"github.com/vgarvardt/gue/v5/adapter/libpq",
	"github.com/vgarvardt/gue/v5/adapter/pgxv4",
	"github.com/vgarvardt/gue/v5/adapter/pgxv5",
	"github.com/vgarvardt/gue/v5/adapter/testing",
	// ORMs and query layers: ent's SQL dialect (the code every generated
	// ent client runs), xorm, sqlboiler's runtime and schema drivers, pop
	// (Ory's ORM, over sqlx).
	"entgo.io/ent/dialect",
	"entgo.io/ent/dialect/entsql",
	"entgo.io/ent/dialect/sql/...",
	"xorm.io/xorm",
	"xorm.io/xorm/core",
	"xorm.io/xorm/dialects",
	"xorm.io/xorm/internal/statements",
	"xorm.io/xorm/migrate",
	"github.com/aarondl/sqlboiler/v4/boil",
	"github.com/aarondl/sqlboiler/v4/queries/...",
	"github.com/aarondl/sqlboiler/v4/drivers",
	"github.com/aarondl/sqlboiler/v4/drivers/sqlboiler-psql/driver",
	"github.com/aarondl/sqlboiler/v4/drivers/sqlboiler-mysql/driver",
	"github.com/ory/pop/v6",
	"github.com/ory/pop/v6/columns",
	"github.com/ory/pop/v6/associations",
	// Migration tools: sql-migrate (database/sql through gorp), tern (pgx
	// v5).
	"github.com/rubenv/sql-migrate",
	"github.com/rubenv/sql-migrate/sqlparse",
	"github.com/jackc/tern/v2/...",
	// sqlc-generated code: sqlc's own examples, generated for pgx v5,
	// database/sql with MySQL and SQLite, with their tests.
	"github.com/sqlc-dev/sqlc/examples/...",
	// Services with a database layer: miniflux (an RSS reader, raw
	// database/sql on lib/pq) and mailpit (a mail testing server, raw
	// database/sql on SQLite).
	"miniflux.app/v2/internal/storage",
	"miniflux.app/v2/internal/database",
	"miniflux.app/v2/internal/cli",
	"github.com/axllent/mailpit/internal/storage",
}

// Styles say what each module of make realworld stands for, by module path.
var Styles = map[string]string{
	"github.com/jackc/pgx/v5":                                  "driver: pgx v5, pgxpool, its database/sql adapter",
	"github.com/jmoiron/sqlx":                                  "sqlx",
	"gorm.io/gorm":                                             "ORM (gorm)",
	"github.com/pressly/goose/v3":                              "migration tool (database/sql)",
	"github.com/golang-migrate/migrate/v4":                     "migration tool, one driver per database",
	"github.com/uptrace/bun":                                   "ORM (bun)",
	"github.com/uptrace/bun/dialect/pgdialect":                 "ORM (bun), Postgres dialect",
	"github.com/uptrace/bun/driver/pgdriver":                   "ORM (bun), its Postgres driver",
	"github.com/riverqueue/river":                              "queue on Postgres (pgx v5, pgxpool)",
	"github.com/riverqueue/river/riverdriver":                  "queue on Postgres: driver interface",
	"github.com/riverqueue/river/riverdriver/riverpgxv5":       "queue on Postgres: sqlc-generated queries on pgx v5",
	"github.com/riverqueue/river/riverdriver/riverdatabasesql": "queue on Postgres: sqlc-generated queries on database/sql",
	"github.com/riverqueue/river/rivershared":                  "queue on Postgres: test helpers",
	"github.com/acaloiaro/neoq":                                "queue on Postgres (pgxpool, listen/notify)",
	"github.com/vgarvardt/gue/v5":                              "queue on Postgres (adapters for pgx v5, pgx v4, lib/pq)",
	"entgo.io/ent":                                             "ORM (ent): the SQL dialect generated clients run",
	"xorm.io/xorm":                                             "ORM (xorm)",
	"github.com/aarondl/sqlboiler/v4":                          "ORM runtime and schema drivers (sqlboiler)",
	"github.com/ory/pop/v6":                                    "ORM over sqlx (pop, Ory's services)",
	"github.com/rubenv/sql-migrate":                            "migration tool (database/sql, gorp)",
	"github.com/jackc/tern/v2":                                 "migration tool (pgx v5)",
	"github.com/sqlc-dev/sqlc":                                 "sqlc-generated code (examples: pgx v5, MySQL, SQLite)",
	"miniflux.app/v2":                                          "service: RSS reader, raw database/sql (lib/pq)",
	"github.com/axllent/mailpit":                               "service: mail testing server, raw database/sql (SQLite)",
}

// Realworld are the packages make realworld reviews: Patterns and Wider.
var Realworld = slices.Concat(Patterns, Wider)

// Tags are the build tags of make realworld: neoq's tests import a helper
// package built only with "testing" (no other analyzed module, nor any of
// their dependencies, has a file with that constraint).
const Tags = "testing"

// Smoke is the short form for CI: three packages of different libraries,
// each with findings, whose tests need neither cgo (sqlx's tests import
// mattn/go-sqlite3) nor modernc.org/sqlite (goose's and migrate's sqlite
// tests: a very large package to type-check).
var Smoke = []string{
	"github.com/jackc/pgx/v5/stdlib",
	"gorm.io/gorm/callbacks",
	"github.com/uptrace/bun/driver/pgdriver",
}
