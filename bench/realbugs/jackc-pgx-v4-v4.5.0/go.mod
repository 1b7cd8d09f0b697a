// Pins github.com/jackc/pgx/v4@v4.5.0 for make realbugs (bench/cmd/realbugs).
module github.com/leaklint/leaklint/bench/realbugs/jackc-pgx-v4-v4.5.0

go 1.26.0

require (
	github.com/jackc/chunkreader/v2 v2.0.1 // indirect
	github.com/jackc/pgconn v1.4.0 // indirect
	github.com/jackc/pgio v1.0.0 // indirect
	github.com/jackc/pgpassfile v1.0.0 // indirect
	github.com/jackc/pgproto3/v2 v2.0.1 // indirect
	github.com/jackc/pgservicefile v0.0.0-20200307190119-3430c5407db8 // indirect
	github.com/jackc/pgtype v1.2.0 // indirect
	github.com/jackc/pgx/v4 v4.5.0 // indirect
	github.com/jackc/puddle v1.1.0 // indirect
	golang.org/x/crypto v0.0.0-20190911031432-227b76d455e7 // indirect
	golang.org/x/text v0.3.2 // indirect
	golang.org/x/xerrors v0.0.0-20190717185122-a985d3407aa7 // indirect
)
