package messages

import (
	"context"
	"database/sql"
	"errors"
)

// len of a slice that an append just filled is not 0: the path through
// that check does not exist, and the one named is the real one.

func appendedThenChecked(ctx context.Context, db *sql.DB, extra bool, interval int) error {
	conn, err := db.Conn(ctx) // want `conn from Conn is not closed on the path through the return at line 26`
	if err != nil {
		return err
	}
	names := make([]string, 0, 4)
	names = append(names, "a")
	if extra {
		names = append(names, "b")
	}
	if len(names) == 0 {
		return errors.New("no tables") // cannot be reached
	}
	if interval < 0 {
		return errors.New("bad interval") // the leak
	}
	defer conn.Close()
	return nil
}

func appendedInLoop(ctx context.Context, db *sql.DB, in []string) error {
	conn, err := db.Conn(ctx) // want `conn from Conn is not closed on the path through the return at line 42`
	if err != nil {
		return err
	}
	var names []string
	for _, n := range in {
		names = append(names, n)
	}
	if len(names) == 0 {
		return errors.New("nothing to do") // the loop may not run: this leaks
	}
	defer conn.Close()
	return nil
}
