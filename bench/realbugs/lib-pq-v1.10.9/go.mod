// Pins github.com/lib/pq@v1.10.9 for make realbugs (bench/cmd/realbugs).
module github.com/leaklint/leaklint/bench/realbugs/lib-pq-v1.10.9

go 1.26.0

require github.com/lib/pq v1.10.9 // indirect
