package ledger

import "time"

// Config is what a check tolerates and how long it waits.
type Config struct {
	ignoreTop []string
	ignoreAny []string
	wait      time.Duration
}

// An Option changes a Config.
type Option func(*Config)

// defaultWait is how long a check waits for releases that happen on
// another goroutine (database/sql closes rows and rolls back
// transactions on its own goroutine when their context is cancelled).
const defaultWait = 200 * time.Millisecond

// defaults returns the configuration of a check with no options.
func defaults() Config { return Config{wait: defaultWait} }

// IgnoreTop tolerates resources acquired directly by the function name.
func IgnoreTop(name string) Option {
	return func(c *Config) { c.ignoreTop = append(c.ignoreTop, name) }
}

// IgnoreAny tolerates resources with the function name anywhere on the
// stack that acquired them.
func IgnoreAny(name string) Option {
	return func(c *Config) { c.ignoreAny = append(c.ignoreAny, name) }
}

// Wait sets how long a check waits for open resources to be released.
func Wait(d time.Duration) Option {
	return func(c *Config) { c.wait = max(d, 0) }
}

// ignores reports whether cfg tolerates a resource with the stack s.
func (c *Config) ignores(s *stack) bool {
	if len(s.user) == 0 {
		return false
	}
	for _, name := range c.ignoreTop {
		if s.user[0].Function == name {
			return true
		}
	}
	for _, name := range c.ignoreAny {
		for _, f := range s.user {
			if f.Function == name {
				return true
			}
		}
	}
	return false
}
