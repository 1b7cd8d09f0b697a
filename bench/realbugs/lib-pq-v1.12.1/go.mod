// Pins github.com/lib/pq@v1.12.1 for make realbugs (bench/cmd/realbugs).
module github.com/leaklint/leaklint/bench/realbugs/lib-pq-v1.12.1

go 1.26.0

require github.com/lib/pq v1.12.1 // indirect
