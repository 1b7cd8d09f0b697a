#!/usr/bin/env bash
# build.sh: build golangci-lint with leaklint's module plugin compiled in,
# offline from the Go module proxy (or a warm GOMODCACHE), and print the
# binary's path on stdout (everything else goes to stderr).
#
# `golangci-lint custom` would clone golangci-lint from GitHub; this script
# instead writes a throwaway wrapper module whose main calls
# github.com/golangci/golangci-lint/v2/pkg/commands.Execute and
# blank-imports github.com/leaklint/leaklint/plugin, with a replace to a
# snapshot of this checkout, and builds it with the go command alone.
#
# The binary is cached under $(go env GOCACHE)/leaklint-gcl/KEY/, where KEY
# hashes every input: the golangci-lint version, the Go version, this
# script, the checkout's go.mod and go.sum and the sources of the plugin
# and the engine. An unchanged tree answers at once; a cold build takes
# 3 minutes (measured: 2 min 34 s with empty module and build caches) to
# 15 minutes on a busy machine, on 2 cores; it fills ~370 MB of module
# cache and ~710 MB of build cache.
#
# Environment:
#   GCL_VERSION        golangci-lint version (default v2.15.0)
#   LEAKLINT_GCL_CACHE cache directory (default $(go env GOCACHE)/leaklint-gcl)
set -euo pipefail

# main is the whole script: bash parses a function before running it, so
# an edit of this file during a long build cannot derail the run.
main() {

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
GCL_VERSION=${GCL_VERSION:-v2.15.0}
CACHE=${LEAKLINT_GCL_CACHE:-$(go env GOCACHE)/leaklint-gcl}
export GOWORK=off

log() { printf 'build.sh: %s\n' "$*" >&2; }

# sources lists, NUL-separated, the checkout's files that the plugin is
# built from: go.mod, go.sum and the plugin's and the engine's packages
# (tests and testdata left out).
sources() {
	(cd "$ROOT" && find go.mod go.sum plugin analyzers internal \
		-type d -name testdata -prune -o \
		-type f ! -name '*_test.go' -print0 | LC_ALL=C sort -z)
}

# inputs lists, one per line, what the binary is made of.
inputs() {
	echo "golangci-lint $GCL_VERSION"
	go env GOVERSION GOOS GOARCH
	sha256sum "${BASH_SOURCE[0]}" | cut -d' ' -f1
	(cd "$ROOT" && sources | xargs -0 sha256sum)
}

key=$(inputs | sha256sum | cut -c1-16)
bin=$CACHE/$key/golangci-lint
mkdir -p "$CACHE"

# One build at a time: a second caller waits, then finds the binary.
exec 9>"$CACHE/.lock"
flock 9

if [[ -x $bin ]]; then
	touch "$bin" # most recently used: kept by the pruning below
	log "cached: $bin"
	echo "$bin"
	exit 0
fi

log "building golangci-lint $GCL_VERSION with leaklint's plugin (key $key); a cold build takes 3-15 minutes"
start=$SECONDS
# The build reads a snapshot of the sources, taken now, so that the binary
# is what the key says even if the checkout changes during the build. The
# snapshot and the wrapper live at fixed paths, so that the go build cache
# serves every package whose sources did not change.
work=$CACHE/build
src=$work/leaklint
rm -rf "$work"
mkdir -p "$src"
sources | (cd "$ROOT" && tar --null -T - -cf -) | tar -xf - -C "$src"
if [[ $(inputs | sha256sum | cut -c1-16) != "$key" ]]; then
	log "the checkout changed while it was copied; run build.sh again"
	exit 1
fi
wrapper=$work/custom-gcl
mkdir -p "$wrapper"

cat >"$wrapper/main.go" <<'GO'
// Command golangci-lint is golangci-lint with leaklint's module plugin.
package main

import (
	"fmt"
	"os"
	"runtime"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	_ "github.com/leaklint/leaklint/plugin" // registers the leaklint plugin
)

// version and date are set by the linker (build.sh).
var version, date = "unknown", ""

func main() {
	info := commands.BuildInfo{
		Version:   version,
		Commit:    "leaklint plugin build",
		GoVersion: runtime.Version(),
		Date:      date,
	}
	if err := commands.Execute(info); err != nil {
		fmt.Fprintf(os.Stderr, "golangci-lint: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}
GO

(
	cd "$wrapper"
	go mod init leaklint.invalid/custom-gcl 2>/dev/null
	go mod edit \
		-require="github.com/golangci/golangci-lint/v2@$GCL_VERSION" \
		-require="github.com/leaklint/leaklint@v0.0.0" \
		-replace="github.com/leaklint/leaklint=$src"
	go mod tidy >&2
	go build -ldflags "-s -w -X main.version=${GCL_VERSION#v}-leaklint-$key -X main.date=$(date -u +%FT%TZ)" \
		-o "$work/golangci-lint" . >&2
)

mkdir -p "$CACHE/$key"
mv "$work/golangci-lint" "$bin.tmp" && mv "$bin.tmp" "$bin"
# Keep the three most recently used binaries (52 MB each); a source
# change makes a new one.
ls -1dt "$CACHE"/*/golangci-lint | tail -n +4 | xargs -r dirname | xargs -r rm -rf
log "built in $((SECONDS - start)) s: $bin"
echo "$bin"
}

main "$@"
