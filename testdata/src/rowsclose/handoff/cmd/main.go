package main

import (
	"log"
	"net/http"

	"rowsclose/handoff/store"
)

func main() { // ok: a store that owns the program's pool lives as long as the process
	s, err := store.New("dsn")
	if err != nil {
		log.Fatal(err)
	}
	if err := s.Ping(); err != nil {
		log.Print(err)
		return
	}
	log.Fatal(http.ListenAndServe(":8080", nil))
}
