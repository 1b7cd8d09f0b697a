package iteration

import "database/sql"

func closedAfterLoop(db *sql.DB, qs []string) error {
	var rows *sql.Rows
	var err error
	for _, q := range qs {
		rows, err = db.Query(q) // want `rows from Query is not closed before the next iteration of the loop: each iteration holds another connection`
		if err != nil {
			return err
		}
	}
	if rows != nil {
		return rows.Close()
	}
	return nil
}

func txCommittedAfterLoop(db *sql.DB, items []int) error {
	var tx *sql.Tx
	for range items {
		t, err := db.Begin() // want `t from Begin is neither committed nor rolled back before the next iteration`
		if err != nil {
			return err
		}
		tx = t
	}
	if tx != nil {
		return tx.Commit()
	}
	return nil
}

func closedEachIteration(db *sql.DB, qs []string) error { // ok
	var rows *sql.Rows
	var err error
	for _, q := range qs {
		if rows != nil {
			rows.Close()
		}
		rows, err = db.Query(q)
		if err != nil {
			return err
		}
	}
	if rows != nil {
		return rows.Close()
	}
	return nil
}

// rowsHeldAcrossIterations keeps one set of rows per query in a slice on
// purpose, and closes them after the loop: what a collection holds at
// once is deliberate (a test that holds three connections, a fan-out of
// queries), and not reported.
func rowsHeldAcrossIterations(db *sql.DB, qs []string) error { // ok
	var all []*sql.Rows
	for _, q := range qs {
		rows, err := db.Query(q)
		if err != nil {
			break
		}
		all = append(all, rows)
	}
	for _, r := range all {
		r.Close()
	}
	return nil
}

func statementsKeptAcrossIterations(db *sql.DB, qs []string) error { // ok: a statement prepared on the pool holds no connection
	var all []*sql.Stmt
	for _, q := range qs {
		st, err := db.Prepare(q)
		if err != nil {
			break
		}
		all = append(all, st)
	}
	for _, st := range all {
		st.Close()
	}
	return nil
}
