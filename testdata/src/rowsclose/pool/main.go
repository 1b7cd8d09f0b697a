package main

import (
	"database/sql"
	"net/http"
)

func main() { // ok: the program's pool lives as long as the process
	routes()
	if err := run(); err != nil {
		panic(err)
	}
}

func run() error { // ok: so does the one run opens for main
	db, err := sql.Open("postgres", "dsn")
	if err != nil {
		return err
	}
	if err := db.Ping(); err != nil {
		return err
	}
	return http.ListenAndServe(":8080", handler(db))
}

func handler(db *sql.DB) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rows, err := db.Query("q") // want `rows from Query is not closed on the path through the end of the function at line \d+`
		if err != nil {
			return
		}
		if !rows.Next() {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}

func perRequest(w http.ResponseWriter, r *http.Request) {
	db, err := sql.Open("postgres", "dsn") // want `db from Open is not closed, returned or stored on the path through the end of the function at line \d+`
	if err != nil {
		return
	}
	_ = db.PingContext(r.Context())
}

func routes() {
	http.HandleFunc("/", perRequest) // a handler runs per request, not once
}
