package live_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"
)

// schema makes the example's tables and rows.
var schema = []string{
	"create table orders (id integer)",
	"create table customers (order_id integer, name varchar(50))",
	"create table accounts (id integer, balance integer)",
	"insert into orders values (1), (2), (3)",
	"insert into customers values (1, 'ada'), (2, 'bob'), (3, 'cy')",
	"insert into accounts values (1, 100)",
}

// A database is a server (or SQLite) on which a test can make a fresh
// copy of the example's tables.
type database struct {
	name string
	// arrays says whether it takes "id = any($1)" with a Go slice
	// (PostgreSQL), which store.Archive needs.
	arrays bool
	// fresh makes a new schema with the example's tables and returns a
	// connector to it; the schema is dropped when the test ends, after
	// the connections to it are ended (a leaked connection holds it).
	fresh func(t *testing.T) driver.Connector
}

// env returns the environment variable name, or def if it is empty.
func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// unavailable skips the test because the server does not answer, or
// fails it when LEAKCHECK_REQUIRE_DB is set.
func unavailable(t *testing.T, what string, err error) {
	t.Helper()
	if os.Getenv("LEAKCHECK_REQUIRE_DB") != "" {
		t.Fatalf("%s does not answer, and LEAKCHECK_REQUIRE_DB is set: %v", what, err)
	}
	t.Skipf("%s does not answer (LEAKCHECK_REQUIRE_DB=1 makes this a failure): %v", what, err)
}

// uniqueName returns a name for a schema of this test run.
func uniqueName() string {
	return "leakcheck_" + strings.ToLower(rand.Text()[:12])
}

// sqliteDB is the in-process SQLite: a file per test.
var sqliteDB = database{
	name: "sqlite",
	fresh: func(t *testing.T) driver.Connector {
		dsn := "file:" + t.TempDir() + "/shop.db"
		db, err := sql.Open("sqlite", dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		load(t, db)
		return connectorOf(t, "sqlite", dsn)
	},
}

// connectorOf returns the connector sql.Open would use.
func connectorOf(t *testing.T, driverName, dsn string) driver.Connector {
	t.Helper()
	db, err := sql.Open(driverName, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if dc, ok := db.Driver().(driver.DriverContext); ok {
		c, err := dc.OpenConnector(dsn)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	return dsnConnector{dsn, db.Driver()}
}

// dsnConnector is the connector of a driver without OpenConnector.
type dsnConnector struct {
	dsn    string
	driver driver.Driver
}

func (c dsnConnector) Connect(context.Context) (driver.Conn, error) { return c.driver.Open(c.dsn) }
func (c dsnConnector) Driver() driver.Driver                        { return c.driver }

// load makes the example's tables on db.
func load(t *testing.T, db *sql.DB) {
	t.Helper()
	for _, q := range schema {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// postgresConfig returns the configuration of LEAKCHECK_POSTGRES_DSN, or
// skips the test when the server does not answer.
func postgresConfig(t *testing.T) *pgx.ConnConfig {
	t.Helper()
	dsn := env("LEAKCHECK_POSTGRES_DSN", "postgres://postgres@127.0.0.1:5432/test?sslmode=disable")
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		t.Fatalf("LEAKCHECK_POSTGRES_DSN: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		unavailable(t, "PostgreSQL at "+dsn, err)
	}
	conn.Close(ctx)
	return cfg
}

// postgresSchema makes a schema with the example's tables and returns a
// configuration whose connections use it, and are named after it so
// that the cleanup can end them.
func postgresSchema(t *testing.T) *pgx.ConnConfig {
	t.Helper()
	cfg := postgresConfig(t)
	name := uniqueName()
	ctx := context.Background()
	admin, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(ctx, "create schema "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		defer admin.Close(ctx)
		if _, err := admin.Exec(ctx, "select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1", name); err != nil {
			t.Error(err)
		}
		if _, err := admin.Exec(ctx, "drop schema "+name+" cascade"); err != nil {
			t.Error(err)
		}
	})
	cfg = cfg.Copy()
	cfg.RuntimeParams["search_path"] = name
	cfg.RuntimeParams["application_name"] = name
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, q := range schema {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return cfg
}

// postgresDB is PostgreSQL through pgx's database/sql driver.
var postgresDB = database{
	name:   "postgres",
	arrays: true,
	fresh: func(t *testing.T) driver.Connector {
		return stdlib.GetConnector(*postgresSchema(t))
	},
}

// postgresPool makes a pgxpool configuration on a fresh schema.
func postgresPool(t *testing.T) *pgxpool.Config {
	t.Helper()
	conn := postgresSchema(t)
	cfg, err := pgxpool.ParseConfig("")
	if err != nil {
		t.Fatal(err)
	}
	cfg.ConnConfig = conn
	return cfg
}

// mariadbDB is MariaDB through go-sql-driver/mysql, with the example's
// PostgreSQL placeholders ($1) rewritten to MySQL's (?).
var mariadbDB = database{
	name: "mariadb",
	fresh: func(t *testing.T) driver.Connector {
		dsn := env("LEAKCHECK_MYSQL_DSN", "root@tcp(127.0.0.1:3306)/test")
		cfg, err := mysql.ParseDSN(dsn)
		if err != nil {
			t.Fatalf("LEAKCHECK_MYSQL_DSN: %v", err)
		}
		cfg.Timeout = 5 * time.Second
		admin, err := sql.Open("mysql", cfg.FormatDSN())
		if err != nil {
			t.Fatal(err)
		}
		if err := admin.Ping(); err != nil {
			admin.Close()
			unavailable(t, "MariaDB at "+dsn, err)
		}
		name := uniqueName()
		if _, err := admin.Exec("create database " + name); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			defer admin.Close()
			rows, err := admin.Query("select id from information_schema.processlist where db = ?", name)
			if err != nil {
				t.Error(err)
				return
			}
			var ids []int64
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					t.Error(err)
				}
				ids = append(ids, id)
			}
			rows.Close()
			for _, id := range ids {
				admin.Exec(fmt.Sprintf("kill %d", id))
			}
			if _, err := admin.Exec("drop database " + name); err != nil {
				t.Error(err)
			}
		})
		cfg.DBName = name
		db, err := sql.Open("mysql", cfg.FormatDSN())
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		load(t, db)
		c, err := mysql.NewConnector(cfg)
		if err != nil {
			t.Fatal(err)
		}
		return rebind{c}
	},
}

// placeholder matches a PostgreSQL placeholder.
var placeholder = regexp.MustCompile(`\$[0-9]+`)

// rebind is a connector whose connections rewrite $1, $2… to ?: the
// example's statements use each placeholder once, in order.
type rebind struct{ driver.Connector }

// mysqlConn is what go-sql-driver/mysql's connections implement.
type mysqlConn interface {
	driver.Conn
	driver.ConnPrepareContext
	driver.ConnBeginTx
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
	driver.NamedValueChecker
}

func (r rebind) Connect(ctx context.Context) (driver.Conn, error) {
	c, err := r.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return rebindConn{c.(mysqlConn)}, nil
}

type rebindConn struct{ mysqlConn }

func (c rebindConn) Prepare(q string) (driver.Stmt, error) {
	return c.mysqlConn.Prepare(placeholder.ReplaceAllString(q, "?"))
}

func (c rebindConn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	return c.mysqlConn.PrepareContext(ctx, placeholder.ReplaceAllString(q, "?"))
}

func (c rebindConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	return c.mysqlConn.ExecContext(ctx, placeholder.ReplaceAllString(q, "?"), args)
}

func (c rebindConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	return c.mysqlConn.QueryContext(ctx, placeholder.ReplaceAllString(q, "?"), args)
}
