// Package report uses the store without importing database/sql: only the
// store's facts tell leaklint that it holds database resources.
package report

import "example.com/leaky/store"

// Recent leaks the rows from a method of the store when it stops early.
func Recent(s *store.Store) int {
	rows, err := s.Recent()
	if err != nil {
		return 0
	}
	n := 0
	for rows.Next() {
		if n++; n == 5 {
			return n
		}
	}
	return n
}
