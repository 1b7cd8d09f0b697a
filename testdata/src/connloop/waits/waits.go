package waits

import (
	"context"
	"database/sql"
	"net/http"
	"time"
)

func sleepInTx(db *sql.DB, items []int) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, it := range items {
		if _, err := tx.Exec("q", it); err != nil {
			return err
		}
		time.Sleep(time.Second) // want `time.Sleep in a loop while tx from Begin \(line \d+\) is open keeps its connection checked out`
	}
	return tx.Commit()
}

func consumeInTx(ctx context.Context, db *sql.DB, in <-chan int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for {
		select { // want `a select in a loop while tx from BeginTx \(line \d+\) is open keeps its connection checked out`
		case <-ctx.Done():
			return ctx.Err()
		case v, ok := <-in:
			if !ok {
				return tx.Commit()
			}
			if _, err := tx.Exec("q", v); err != nil {
				return err
			}
		}
	}
}

func httpInTx(ctx context.Context, db *sql.DB, urls []string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, u := range urls {
		resp, err := http.Get(u) // want `http.Get in a loop while tx from BeginTx \(line \d+\) is open keeps its connection checked out`
		if err != nil {
			return err
		}
		resp.Body.Close()
		if _, err := tx.ExecContext(ctx, "q", u); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func listenOnConn(ctx context.Context, db *sql.DB, events <-chan string) error { // ok: a dedicated connection is held across waits on purpose
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case e := <-events:
			if _, err := conn.ExecContext(ctx, "notify", e); err != nil {
				return err
			}
		}
	}
}

func retryWithBackoff(db *sql.DB) error { // ok: the sleep comes after the transaction ended
	for attempt := 0; attempt < 5; attempt++ {
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		if _, err := tx.Exec("q"); err != nil {
			tx.Rollback()
			time.Sleep(time.Duration(attempt) * time.Second)
			continue
		}
		return tx.Commit()
	}
	return nil
}

func streamRows(db *sql.DB, out chan<- int) error { // ok: streaming rows with back-pressure
	rows, err := db.Query("q")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return err
		}
		out <- id
	}
	return rows.Err()
}

func sleepOutsideLoop(db *sql.DB) error { // ok: not in a loop
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	time.Sleep(time.Millisecond)
	return tx.Commit()
}
