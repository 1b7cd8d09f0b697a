package leaky

import "database/sql"

// Leak leaks rows.
func Leak(db *sql.DB) {
	/* «é» 🙂 */ rows, err := db.Query("SELECT 1")
	if err != nil {
		return
	}
	_ = rows
}
