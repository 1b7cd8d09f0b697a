// Pins github.com/go-sql-driver/mysql@v1.4.1 for make realbugs (bench/cmd/realbugs).
module github.com/leaklint/leaklint/bench/realbugs/go-sql-driver-mysql-v1.4.1

go 1.26.0

require (
	github.com/go-sql-driver/mysql v1.4.1 // indirect
	google.golang.org/appengine v1.6.8 // indirect
)
