// Package ledger records the database resources a program holds open,
// each with the stack of the code that opened it, and words what is
// still open when a test ends. The database/sql wrapper (package
// leakcheck) and the pgx hooks (package pgxcheck) write to it.
package ledger

import (
	"runtime"
	"slices"
	"sync"
	"time"
)

// depth is how many frames of an acquiring stack are kept: enough for
// the library's own frames and a dozen frames of the caller's.
const depth = 32

// An Entry is one open resource: a result set, statement, transaction or
// checked-out connection.
type Entry struct {
	kind  string
	on    any // the connection it lives on, if known
	since time.Time
	pcs   []uintptr // the acquiring stack; shared by entries of one call
}

// A Ledger holds the open entries of one pool.
type Ledger struct {
	name    string               // the pool, for messages: a driver name or type
	inUse   func() (int, string) // connections checked out, and how that was measured
	library []string             // function-name prefixes of the library's frames
	refine  func(kind, via string) string
	cfg     Config

	mu   sync.Mutex
	open map[*Entry]struct{}
}

// New returns an empty ledger for the pool called name. library lists
// the prefixes of function names that belong to the database library
// (database/sql, pgx…): their frames are trimmed from stacks, and the
// outermost of them names the call that acquired a resource. refine,
// if not nil, turns a kind and that call into the name a user knows
// (a rows from QueryRowContext is a *sql.Row).
func New(name string, library []string, refine func(kind, via string) string, opts []Option) *Ledger {
	l := &Ledger{
		name:    name,
		library: append(slices.Clone(library), selfPrefixes...),
		refine:  refine,
		cfg:     defaults(),
		open:    make(map[*Entry]struct{}),
	}
	for _, o := range opts {
		o(&l.cfg)
	}
	return l
}

// SetInUse sets how the ledger counts the pool's checked-out
// connections: the count, and how it was read (for the message).
func (l *Ledger) SetInUse(f func() (int, string)) { l.inUse = f }

// Open records a resource of the given kind, on the connection on (nil
// if unknown: any comparable value that identifies a connection), with
// the stack of Open's caller: skip counts the frames above it to leave
// out, as runtime.Callers does (the library's frames are trimmed later
// anyway).
func (l *Ledger) Open(kind string, on any, skip int) *Entry {
	var pcs [depth]uintptr
	n := runtime.Callers(skip+2, pcs[:])
	e := &Entry{kind: kind, on: on, since: time.Now(), pcs: slices.Clone(pcs[:n])}
	l.mu.Lock()
	l.open[e] = struct{}{}
	l.mu.Unlock()
	return e
}

// OpenAs records a resource like Open, with the stack of from: for a
// resource that the same call acquires (database/sql checks a
// connection out, then opens rows on it).
func (l *Ledger) OpenAs(kind string, on any, from *Entry) *Entry {
	e := &Entry{kind: kind, on: on, since: time.Now(), pcs: from.pcs}
	l.mu.Lock()
	l.open[e] = struct{}{}
	l.mu.Unlock()
	return e
}

// PCs returns the program counters of e's stack.
func (e *Entry) PCs() []uintptr { return e.pcs }

// Close records that e was released. Closing an entry twice, or a nil
// entry, does nothing.
func (l *Ledger) Close(e *Entry) {
	if e == nil {
		return
	}
	l.mu.Lock()
	delete(l.open, e)
	l.mu.Unlock()
}

// snapshot returns the open entries.
func (l *Ledger) snapshot() []*Entry {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]*Entry, 0, len(l.open))
	for e := range l.open {
		out = append(out, e)
	}
	return out
}

// Check waits, up to the configured time, for every recorded resource
// to be released, and returns a *Report naming what is still open, or
// nil. The wait lets database/sql finish what it closes on its own
// goroutines (rows and transactions whose context was cancelled). opts
// add to the ledger's options for this check.
func (l *Ledger) Check(opts ...Option) error {
	cfg := l.cfg
	cfg.ignoreTop = slices.Clone(cfg.ignoreTop)
	cfg.ignoreAny = slices.Clone(cfg.ignoreAny)
	for _, o := range opts {
		o(&cfg)
	}
	deadline := time.Now().Add(cfg.wait)
	delay := time.Millisecond
	for {
		r := l.report(&cfg)
		if r == nil {
			return nil
		}
		left := time.Until(deadline)
		if left <= 0 {
			return r
		}
		time.Sleep(min(delay, left))
		delay *= 2
	}
}

// shared holds the ledgers of pools opened without a test, which
// CheckShared verifies at the end of the package's tests.
var shared struct {
	sync.Mutex
	ledgers []*Ledger
}

// Share registers l for CheckShared.
func Share(l *Ledger) {
	shared.Lock()
	shared.ledgers = append(shared.ledgers, l)
	shared.Unlock()
}

// CheckShared checks every shared ledger, in the order they were
// registered, and returns the reports of those with something open.
func CheckShared(opts ...Option) []error {
	shared.Lock()
	ls := slices.Clone(shared.ledgers)
	shared.Unlock()
	var errs []error
	for _, l := range ls {
		if err := l.Check(opts...); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}
