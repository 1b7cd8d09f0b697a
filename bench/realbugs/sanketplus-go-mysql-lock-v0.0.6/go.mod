// Pins github.com/sanketplus/go-mysql-lock@v0.0.6 for make realbugs (bench/cmd/realbugs).
module github.com/leaklint/leaklint/bench/realbugs/sanketplus-go-mysql-lock-v0.0.6

go 1.26.0

require github.com/sanketplus/go-mysql-lock v0.0.6 // indirect
