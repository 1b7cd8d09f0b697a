// Package web serves the example's reports over HTTP: the handler of
// make demo-runtime, which leaks a connection per request, beside its
// fixed form.
package web

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"

	"example.com/shop/report"
)

// Newest serves the id of the newest order through report.Newest, which
// leaves its rows open. Its queries run on a context of their own, not
// the request's (so that a client that hangs up does not abort them):
// nothing closes the rows when the request ends, and every request keeps
// a connection checked out.
func Newest(db *sql.DB) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := report.Newest(context.WithoutCancel(r.Context()), db)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintln(w, id)
	})
}

// NewestFixed is Newest on report.NewestClosed.
func NewestFixed(db *sql.DB) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := report.NewestClosed(context.WithoutCancel(r.Context()), db)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintln(w, id)
	})
}
