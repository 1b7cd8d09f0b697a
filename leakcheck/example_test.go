package leakcheck_test

import (
	"fmt"
	"strings"

	"github.com/leaklint/leaklint/leakcheck"
	_ "modernc.org/sqlite"
)

// In a test, leakcheck.Open(t, "sqlite", dsn) fails the test at its end
// with what Check returns here: a database opened with a nil t is
// checked only when asked (or by VerifyTestMain).
func ExampleCheck() {
	db := leakcheck.Open(nil, "sqlite", ":memory:")
	defer db.Close()

	rows, err := db.Query("select 1")
	if err != nil {
		panic(err)
	}
	_ = rows // never closed: the connection stays checked out

	err = leakcheck.Check(db, leakcheck.Wait(0))
	// The heading and the first frame of the acquiring stack (then come
	// its age, its file and the frames below).
	lines := strings.Split(err.Error(), "\n")
	fmt.Println(lines[0])
	fmt.Println(strings.Split(lines[2], ", open for")[0])
	fmt.Println(lines[3])

	rows.Close()
	fmt.Println(leakcheck.Check(db))
	// Output:
	// leakcheck: 1 leaked on sqlite (db.Stats().InUse = 1):
	// *sql.Rows from sql.(*DB).Query, acquired at leakcheck/example_test.go:18
	//     github.com/leaklint/leaklint/leakcheck_test.ExampleCheck
	// <nil>
}
