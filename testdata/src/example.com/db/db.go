// Package db is an in-house wrapper whose iterators hold a connection.
package db

type Store struct{}

type Iter struct{}

func (s *Store) Iter(q string) (*Iter, error) { return &Iter{}, nil }

func (it *Iter) Next() bool { return false }

func (it *Iter) Close() error { return nil }

type Batch struct{}

func Start() *Batch { return &Batch{} }

func (b *Batch) Done() {}

// Wrapper holds an Iter.
type Wrapper struct{ it *Iter }

// wrap keeps it: an unexported method of the kind's own type is not
// assumed to only read its receiver.
func (it *Iter) wrap() *Wrapper { return &Wrapper{it: it} }

// Close closes what a wrapper holds.
func (w *Wrapper) Close() error { return w.it.Close() }

func (s *Store) Wrapped() (*Wrapper, error) { // ok: the wrapper keeps the iterator, and its Close closes it
	it, err := s.Iter("q")
	if err != nil {
		return nil, err
	}
	return it.wrap(), nil
}

// peek only reads it.
func (it *Iter) peek() bool { return it != nil }

func (s *Store) Peeked() (bool, error) {
	it, err := s.Iter("q") // want `it from Iter is not released on the path through the return at line \d+`
	if err != nil {
		return false, err
	}
	return it.peek(), nil
}
