package userkinds

import "example.com/db"

func leak(s *db.Store) error {
	it, err := s.Iter("q") // want `it from Iter is not released on the path through the return at line \d+`
	if err != nil {
		return err
	}
	if it.Next() {
		return nil
	}
	return it.Close()
}

func closed(s *db.Store) error { // ok
	it, err := s.Iter("q")
	if err != nil {
		return err
	}
	defer it.Close()
	return nil
}

func drained(s *db.Store) { // ok: next=(*example.com/db.Iter).Next
	it, err := s.Iter("q")
	if err != nil {
		return
	}
	for it.Next() {
	}
}

func batch() {
	b := db.Start() // want `b from Start is not released on the path through the end of the function at line \d+`
	_ = b
}
