package decls

import (
	"context"
	"database/sql"
	"time"
)

var db *sql.DB // ok: a pool is meant to be shared

var tx *sql.Tx // want `package-level tx is a \*sql.Tx: one transaction shared by the whole program`

var conn *sql.Conn // want `package-level conn is a \*sql.Conn: one connection shared by the whole program`

var (
	cursor *sql.Rows // want `package-level cursor is a \*sql.Rows: one connection shared by the whole program`
	one    *sql.Row  // want `package-level one is a \*sql.Row`
)

var insertStmt *sql.Stmt // ok: a statement prepared on a pool is safe for concurrent use

var opts = &sql.TxOptions{Isolation: sql.LevelSerializable} // ok: options

var timeout = 5 * time.Second // ok

func setup(ctx context.Context) error {
	var err error
	insertStmt, err = db.PrepareContext(ctx, "q")
	return err
}

type Tx = sql.Tx

var aliased *Tx // want `package-level aliased is a \*decls.Tx: one transaction shared by the whole program`
