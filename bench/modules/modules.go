// Package modules names the database-heavy Go modules that make bench
// times and make realworld reads: real code pulled through the Go module
// proxy as requirements of the bench module (versions pinned in
// bench/go.mod), analyzed by import path from within it.
package modules

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

// Smoke is the short form for CI: three packages of different libraries,
// each with findings, whose tests need neither cgo (sqlx's tests import
// mattn/go-sqlite3) nor modernc.org/sqlite (goose's and migrate's sqlite
// tests: a very large package to type-check).
var Smoke = []string{
	"github.com/jackc/pgx/v5/stdlib",
	"gorm.io/gorm/callbacks",
	"github.com/uptrace/bun/driver/pgdriver",
}
