# leaklint: make demo builds the command and runs it on the bundled example;
# make test runs the whole suite.

GO ?= go
BIN := bin/leaklint

.PHONY: build demo test check integration bench realworld clean

build:
	$(GO) build -o $(BIN) ./cmd/leaklint

# The example has real leaks: leaklint exits 3 when it reports findings.
demo: build
	@cd example && ../$(BIN) ./...; status=$$?; \
	if [ $$status -ne 3 ]; then echo "demo: expected findings (exit 3), got exit $$status" >&2; exit 1; fi

test:
	$(GO) vet ./...
	$(GO) test ./...

# The integrations (golangci-lint plugin, pre-commit, SARIF validation)
# build and install real tools: minutes on a cold machine.
integration:
	bash integration/run.sh

clean:
	rm -rf bin
