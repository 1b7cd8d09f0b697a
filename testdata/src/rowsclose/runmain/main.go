package main

import (
	"database/sql"
	"fmt"
	"os"
)

func run(args []string) error { // ok: main and a test call it, once each
	db, err := sql.Open("postgres", "dsn")
	if err != nil {
		return err
	}
	var n int
	if err := db.QueryRow("select 1").Scan(&n); err != nil {
		return err
	}
	fmt.Println(n, args)
	return nil
}

func main() {
	if err := run(os.Args); err != nil {
		os.Exit(1)
	}
}
