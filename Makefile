# leaklint: make demo builds the command and runs it on the bundled example;
# make demo-runtime runs the example's leaky handler under leakcheck;
# make test runs the whole suite.

GO ?= go
BIN := bin/leaklint

.PHONY: build demo demo-runtime test check integration bench realworld realbugs clean

build:
	$(GO) build -o $(BIN) ./cmd/leaklint

# The example has real leaks: leaklint exits 3 when it reports findings.
demo: build
	@cd example && ../$(BIN) ./...; status=$$?; \
	if [ $$status -ne 3 ]; then echo "demo: expected findings (exit 3), got exit $$status" >&2; exit 1; fi

# The run-time half: the example's leaky HTTP handler on a pool of 4
# connections to the in-process SQLite under 50 concurrent requests stalls,
# and leakcheck names the leaked rows; the fixed handler serves them all.
demo-runtime:
	cd example/live && $(GO) run ./cmd/demo-runtime

# example/live is a module of its own (the database drivers): its tests run
# the example under leakcheck on SQLite, and on PostgreSQL and MariaDB when
# they answer (LEAKCHECK_REQUIRE_DB=1 makes their absence a failure).
test:
	$(GO) vet ./...
	$(GO) test ./...
	cd example/live && $(GO) vet ./... && $(GO) test -count=1 ./...

# The integrations (golangci-lint plugin, pre-commit, SARIF validation)
# build and install real tools: minutes on a cold machine.
integration:
	bash integration/run.sh

# make bench times leaklint beside the type-checking floor and sqlclosecheck
# (13-18 minutes on 2 cores), then leakcheck's overhead on a test suite
# (about 5 minutes), and rewrites docs/performance.md; BENCHFLAGS=-runs=5.
bench:
	cd bench && $(GO) run ./cmd/bench $(BENCHFLAGS)
	cd bench && $(GO) run ./cmd/leakcheckbench
	cd bench && $(GO) run ./cmd/scaling

# make realworld runs leaklint on pinned database modules, checks that
# leaklint -fix leaves copies of them building, and rewrites
# docs/realworld.md with every finding, its verdict and the fix check
# (about 2 minutes warm on 2 cores; -strict fails on a broken fix).
realworld:
	cd bench && $(GO) run ./cmd/realworld

# make realbugs measures leaklint's recall, beside sqlclosecheck's, on leaks
# fixed in public projects (pinned under bench/realbugs) and rewrites
# docs/realbugs.md.
realbugs:
	cd bench && $(GO) run ./cmd/realbugs

clean:
	rm -rf bin
