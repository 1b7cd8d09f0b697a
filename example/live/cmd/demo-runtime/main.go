// Command demo-runtime is the second part of the demo (make
// demo-runtime): the example's leaky HTTP handler, web.Newest, served on
// a pool of 4 connections to the in-process SQLite under 50 concurrent
// requests, then its fixed form, web.NewestFixed, under the same load.
// The database is opened with leakcheck, which names what the leaky
// handler leaves open. The requests have a deadline, so the stalled run
// ends; the numbers printed are measured.
//
// It exits 0 when the demo shows what it should: the leaky handler
// stalls with its leaked rows named, the fixed one serves every request
// and leaves nothing open.
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"example.com/shop/web"
	"github.com/leaklint/leaklint/leakcheck"
	_ "modernc.org/sqlite"
)

func main() {
	requests := flag.Int("requests", 50, "concurrent requests")
	conns := flag.Int("conns", 4, "the pool's connection limit (SetMaxOpenConns)")
	deadline := flag.Duration("deadline", time.Second, "how long the requests of a run may take")
	flag.Parse()
	fmt.Printf("make demo-runtime: the example's handlers on a pool of %d connections to the in-process SQLite,\n%d concurrent requests, a deadline of %s\n\n", *conns, *requests, *deadline)

	leaky, err := serve(web.Newest, *requests, *conns, *deadline)
	if err != nil {
		fail(err)
	}
	leaky.print("leaky handler: web.Newest (report.Newest leaves its rows open)")
	fixed, err := serve(web.NewestFixed, *requests, *conns, *deadline)
	if err != nil {
		fail(err)
	}
	fixed.print("fixed handler: web.NewestFixed (report.NewestClosed closes them)")

	switch {
	case leaky.served >= *requests:
		fail(errors.New("the leaky handler served every request: it should have stalled"))
	case leaky.leaks == nil || !strings.Contains(leaky.leaks.Error(), "*sql.Rows from sql.(*DB).QueryContext, acquired at report/report.go:"):
		fail(errors.New("leakcheck did not name the leaked rows of report.Newest"))
	case fixed.served != *requests || fixed.leaks != nil:
		fail(errors.New("the fixed handler did not serve every request cleanly"))
	}
}

// fail prints err and exits 1.
func fail(err error) {
	fmt.Fprintln(os.Stderr, "demo-runtime:", err)
	os.Exit(1)
}

// A run is what one handler did under the load.
type run struct {
	requests, served int
	elapsed          time.Duration
	leaks            error         // leakcheck's report when the requests were done
	inUse            int           // db.Stats().InUse then
	waits            int64         // db.Stats().WaitCount, once every handler has returned
	waited           time.Duration // db.Stats().WaitDuration, the same
}

// serve serves the handler made by h on a fresh database and sends it
// requests concurrent requests, each with the deadline.
func serve(h func(*sql.DB) http.Handler, requests, conns int, deadline time.Duration) (*run, error) {
	dir, err := os.MkdirTemp("", "demo-runtime-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	db := leakcheck.Open(nil, "sqlite", "file:"+filepath.Join(dir, "shop.db"), leakcheck.Wait(0))
	for _, q := range []string{
		"create table orders (id integer)",
		"insert into orders values (1), (2), (3)",
	} {
		if _, err := db.Exec(q); err != nil {
			return nil, err
		}
	}
	db.SetMaxOpenConns(conns)

	srv := httptest.NewServer(h(db))
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	var served atomic.Int64
	var wg sync.WaitGroup
	began := time.Now()
	for range requests {
		wg.Go(func() {
			req, err := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
			if err != nil {
				return
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				return // the deadline
			}
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				served.Add(1)
			}
		})
	}
	wg.Wait()
	r := &run{requests: requests, served: int(served.Load()), elapsed: time.Since(began)}
	r.leaks = leakcheck.Check(db)
	r.inUse = db.Stats().InUse
	// Closing the database ends the waits of the handlers still blocked
	// (the leaky handler's queries do not use the request's context);
	// then the server can close.
	db.Close()
	srv.Close()
	s := db.Stats()
	r.waits, r.waited = s.WaitCount, s.WaitDuration
	return r, nil
}

// print writes what the run did under the title.
func (r *run) print(title string) {
	fmt.Println(title)
	fmt.Printf("  served %d of %d requests in %s", r.served, r.requests, r.elapsed.Round(time.Millisecond))
	if r.served < r.requests {
		fmt.Printf("; the other %d were still waiting at the deadline", r.requests-r.served)
	}
	fmt.Println()
	fmt.Printf("  db.Stats(): %d connections in use after the requests, %d waits for a connection, %s spent waiting (WaitDuration)\n", r.inUse, r.waits, r.waited.Round(time.Millisecond))
	if r.leaks == nil {
		fmt.Print("  leakcheck: nothing left open\n\n")
		return
	}
	fmt.Print("  " + strings.ReplaceAll(r.leaks.Error(), "\n", "\n  ") + "\n\n")
}
