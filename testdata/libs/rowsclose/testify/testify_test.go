package testify

import (
	"context"
	"database/sql"
	"testing"

	"github.com/stretchr/testify/require"
)

var db *sql.DB

func TestQueryFails(t *testing.T) { // ok: past require.Error the error is not nil, so there are no rows
	_, err := db.Query("select 'unterminated")
	require.Error(t, err)
}

func TestBeginFails(t *testing.T) { // ok
	r := require.New(t)
	tx, err := db.BeginTx(context.Background(), &sql.TxOptions{Isolation: sql.LevelLinearizable})
	r.ErrorContains(err, "isolation")
	_ = tx
}

func TestQueryWorks(t *testing.T) {
	rows, err := db.Query("select 1") // want `rows from Query is not closed on the path through the end of the function at line \d+`
	require.NoError(t, err)
	var n int
	require.NoError(t, rows.Scan(&n))
}

func TestExpectedFailure(t *testing.T) { // ok: rows exist only where the test has failed
	rows, err := db.Query("invalid sql")
	if err == nil {
		t.Errorf("query succeeded: %v", rows)
	}
}

func TestConnectPanics(t *testing.T) { // ok: the literal is expected to panic before it acquires anything
	require.Panics(t, func() {
		db.Query("select 1")
	})
}

// scanAll returns a nil error only after Next found no more rows, which
// closed them.
func scanAll(rows *sql.Rows, dst *[]int) error {
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			return err
		}
		*dst = append(*dst, n)
	}
	return rows.Err()
}

func TestScannedByHelper(t *testing.T) { // ok: past require.NoError the helper's error is nil, so it closed the rows
	rows, err := db.Query("select 1")
	require.NoError(t, err)
	var ns []int
	require.NoError(t, scanAll(rows, &ns))
}

func TestNextAssertedFalse(t *testing.T) { // ok: a false Next closed the rows; a true one failed the test
	rows, err := db.Query("select 1")
	require.NoError(t, err)
	require.True(t, rows.Next())
	var n int
	require.NoError(t, rows.Scan(&n))
	require.False(t, rows.Next())
}

func TestNextAssertedTrue(t *testing.T) {
	rows, err := db.Query("select 1") // want `rows from Query is not closed on the path through the end of the function at line \d+`
	require.NoError(t, err)
	require.True(t, rows.Next())
}

func TestAssertedNotNil(t *testing.T) {
	rows, err := db.Query("select 1") // want `rows from Query is not closed on the path through the end of the function at line \d+`
	require.NoError(t, err)
	require.NotNil(t, rows) // an assertion reads its arguments: the rows are still the test's
}
