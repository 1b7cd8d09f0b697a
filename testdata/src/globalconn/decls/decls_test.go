package decls

import (
	"database/sql"
	"os"
	"testing"
)

var fixtureTx *sql.Tx // ok: a fixture of the tests, set up in TestMain

func TestMain(m *testing.M) {
	t, err := db.Begin()
	if err != nil {
		os.Exit(1)
	}
	fixtureTx = t
	code := m.Run()
	fixtureTx.Rollback()
	os.Exit(code)
}
