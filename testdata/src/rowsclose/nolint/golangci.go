package nolint

import "database/sql"

// The directives below follow golangci-lint's nolint rules, so that a
// finding is suppressed the same way in every driver.

func spaced(db *sql.DB) {
	rows, _ := db.Query("q") // nolint:leaklint // a space after the slashes, as golangci-lint allows
	_ = rows.Err()
}

func spacedBare(db *sql.DB) {
	rows, _ := db.Query("q") // nolint
	_ = rows.Err()
}

// docComment leaks, and says so.
//
//nolint:leaklint // the whole function: a directive in its doc comment
func docComment(db *sql.DB) {
	rows, _ := db.Query("q")
	_ = rows.Err()
	more, _ := db.Query("q")
	_ = more.Err()
}

//nolint:rowsclose
func docCommentAnalyzer(db *sql.DB) {
	rows, _ := db.Query("q")
	_ = rows.Err()
}

//nolint:errcheck // another linter
func docCommentOther(db *sql.DB) {
	rows, _ := db.Query("q") // want `rows from Query is not closed`
	_ = rows.Err()
}

func funcLine(db *sql.DB) { //nolint:leaklint // on the line of the declaration
	rows, _ := db.Query("q")
	_ = rows.Err()
}

func block(db *sql.DB, cond bool) {
	//nolint:leaklint // the whole if statement below
	if cond {
		rows, _ := db.Query("q")
		_ = rows.Err()
	}
	rows, _ := db.Query("q") // want `rows from Query is not closed`
	_ = rows.Err()
}

func group(db *sql.DB) {
	//nolint:leaklint
	// a group of comments: the directive covers the node after the group
	rows, _ := db.Query("q")
	_ = rows.Err()
}

func otherName(db *sql.DB) {
	rows, _ := db.Query("q") // nolint:txfinish // want `rows from Query is not closed`
	_ = rows.Err()
}

func notADirective(db *sql.DB) {
	rows, _ := db.Query("q") // nolintx:leaklint // want `rows from Query is not closed`
	_ = rows.Err()
}

func upperCase(db *sql.DB) {
	rows, _ := db.Query("q") //nolint:LeakLint // golangci-lint lower-cases the names
	_ = rows.Err()
}
