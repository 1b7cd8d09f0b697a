package indirect

import (
	"database/sql"
	"testing"
)

func TestExecBesideTx(t *testing.T) {
	db, err := sql.Open("postgres", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := db.Exec("insert into t values (1)"); err != nil { // want `Exec on the pool while tx from Begin \(line \d+\) is open needs a second connection from the pool; use the transaction`
		t.Fatal(err)
	}
}
