package accumulator

import "database/sql"

// A statement that keeps its first error (see rowsclose/accumulator).
type stmt struct {
	db  *sql.DB
	err error
}

func (s *stmt) addError(err error) error {
	if err != nil {
		s.err = err
	}
	return s.err
}

func (s *stmt) run() { // ok: s.err was tested empty: addError(err) is not nil only where Begin failed
	if s.err != nil {
		return
	}
	tx, err := s.db.Begin()
	if s.addError(err) != nil {
		return
	}
	defer tx.Rollback()
	if _, err := tx.Exec("q"); s.addError(err) != nil {
		return
	}
	s.addError(tx.Commit())
}

func (s *stmt) runUnchecked() {
	tx, err := s.db.Begin() // want `tx from Begin is neither committed nor rolled back on the path through the return at line \d+`
	if s.addError(err) != nil {
		return // an earlier error, with Begin's nil: tx is open
	}
	defer tx.Rollback()
	s.addError(tx.Commit())
}
