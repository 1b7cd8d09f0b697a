#!/usr/bin/env bash
# custom.sh GOLANGCI_LINT: check the way users build golangci-lint with
# leaklint, `golangci-lint custom` with the .custom-gcl.yml of docs/ci.md,
# and run the binary it builds on testdata/leaky.
#
# `golangci-lint custom` clones https://github.com/golangci/golangci-lint.git.
# Offline, the clone is served from a local git repository made from the
# module zip in the Go module cache, through a url.<base>.insteadOf
# rewrite passed in GIT_CONFIG_* (the variables the builder lets through to
# git). The plugin comes from this checkout (path:, where users write
# version:). GOLANGCI_LINT is any golangci-lint v2 (build.sh's will do: the
# custom command is golangci-lint's own).
#
# It recompiles golangci-lint as a main module in a new directory, about
# 2-3 minutes with warm caches, so a pass is recorded beside the binary
# (its directory is keyed by build.sh on leaklint's sources) and not
# repeated for the same binary. LEAKLINT_GCL_CUSTOM_FORCE=1 runs it anyway.
set -euo pipefail

# main is the whole script: bash parses a function before running it, so
# an edit of this file during a long build cannot derail the run.
main() {

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
GCL=$1
GCL_VERSION=${GCL_VERSION:-v2.15.0}
export GOWORK=off

log() { printf 'custom: %s\n' "$*" >&2; }

stamp=$(dirname "$GCL")/custom-ok-$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-12)
if [[ -e $stamp && ${LEAKLINT_GCL_CUSTOM_FORCE:-} != 1 ]]; then
	log "passed before for this build ($stamp)"
	exit 0
fi

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
g() { git -c user.name=leaklint-ci -c user.email=ci@leaklint.invalid -c init.defaultBranch=main -c commit.gpgsign=false "$@"; }

# golangci-lint's source as a git repository with the release tag.
dir=$(go mod download -json "github.com/golangci/golangci-lint/v2@$GCL_VERSION" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')
cp -r "$dir" "$work/golangci-lint.git"
chmod -R u+w "$work/golangci-lint.git"
g -C "$work/golangci-lint.git" init -q
g -C "$work/golangci-lint.git" add -A
g -C "$work/golangci-lint.git" commit -q -m "golangci-lint $GCL_VERSION (module zip)"
g -C "$work/golangci-lint.git" tag "$GCL_VERSION"

# The user's project: testdata/leaky with the files of docs/ci.md.
project=$work/project
cp -r "$HERE/testdata/leaky" "$project"
cat >"$project/.custom-gcl.yml" <<YAML
version: $GCL_VERSION
name: custom-gcl
destination: ./bin
plugins:
  - module: github.com/leaklint/leaklint
    import: github.com/leaklint/leaklint/plugin
    path: $ROOT
YAML
cat >"$project/.golangci.yml" <<'YAML'
version: "2"
linters:
  default: none
  enable:
    - leaklint
  settings:
    custom:
      leaklint:
        type: module
        description: finds database connection leaks
YAML

start=$SECONDS
(
	cd "$project"
	GIT_CONFIG_COUNT=1 \
		GIT_CONFIG_KEY_0="url.file://$work/golangci-lint.git.insteadOf" \
		GIT_CONFIG_VALUE_0=https://github.com/golangci/golangci-lint.git \
		"$GCL" custom -v
) >&2
log "golangci-lint custom built bin/custom-gcl in $((SECONDS - start)) s"

code=0
out=$(cd "$project" && GOLANGCI_LINT_CACHE=$work/lint-cache ./bin/custom-gcl run ./...) || code=$?
echo "$out" >&2
want='app/app.go:13:15: rowsclose: rows from Users is not closed on the path through the return at line 21 (leaklint)
app/app.go:39:13: txfinish: tx from Begin is neither committed nor rolled back on the path through the return at line 44 (leaklint)
app/app_test.go:11:15: rowsclose: rows from Query is not closed on the path through the return at line 18 (leaklint)
report/report.go:9:15: rowsclose: rows from Recent is not closed on the path through the return at line 16 (leaklint)'
got=$(grep -E '\(leaklint\)$' <<<"$out" || true)
if [[ $code != 1 || $got != "$want" ]]; then
	log "FAIL: bin/custom-gcl run: exit $code (want 1), issues:"
	diff <(echo "$want") <(echo "$got") >&2 || true
	exit 1
fi
touch "$stamp"
log "ok"
}

main "$@"
