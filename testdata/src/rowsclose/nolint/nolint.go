package nolint

import "database/sql"

func suppressed(db *sql.DB) {
	rows, _ := db.Query("q") //nolint:rowsclose // closed by the caller's finalizer
	_ = rows.Err()
}

func suppressedAll(db *sql.DB) {
	//nolint:leaklint
	rows, _ := db.Query("q")
	_ = rows.Err()
}

func otherLinter(db *sql.DB) {
	rows, _ := db.Query("q") //nolint:errcheck // want `rows from Query is not closed`
	_ = rows.Err()
}

func notAlone(db *sql.DB) {
	n := 1 //nolint // about n, not the next line
	rows, _ := db.Query("q", n) // want `rows from Query is not closed`
	_ = rows.Err()
}

func multiLine(db *sql.DB) {
	rows, _ := db.Query(
		"q",
	) //nolint:rowsclose // on the call's last line
	_ = rows.Err()
}
