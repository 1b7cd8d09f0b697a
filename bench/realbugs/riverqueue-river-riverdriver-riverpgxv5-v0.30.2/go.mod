// Pins github.com/riverqueue/river/riverdriver/riverpgxv5@v0.30.2 for make realbugs (bench/cmd/realbugs).
module github.com/leaklint/leaklint/bench/realbugs/riverqueue-river-riverdriver-riverpgxv5-v0.30.2

go 1.26.0

require (
	github.com/jackc/pgpassfile v1.0.0 // indirect
	github.com/jackc/pgservicefile v0.0.0-20240606120523-5a60cdf6a761 // indirect
	github.com/jackc/pgx/v5 v5.8.0 // indirect
	github.com/jackc/puddle/v2 v2.2.2 // indirect
	github.com/riverqueue/river/riverdriver v0.30.2 // indirect
	github.com/riverqueue/river/riverdriver/riverpgxv5 v0.30.2 // indirect
	github.com/riverqueue/river/rivershared v0.30.2 // indirect
	github.com/riverqueue/river/rivertype v0.30.2 // indirect
	golang.org/x/sync v0.19.0 // indirect
	golang.org/x/text v0.33.0 // indirect
)
