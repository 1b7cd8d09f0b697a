// Pins github.com/mattn/go-sqlite3@v1.14.48 for make realbugs (bench/cmd/realbugs).
module github.com/leaklint/leaklint/bench/realbugs/mattn-go-sqlite3-v1.14.48

go 1.26.0

require github.com/mattn/go-sqlite3 v1.14.48 // indirect
