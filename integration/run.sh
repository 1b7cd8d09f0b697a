#!/usr/bin/env bash
# run.sh [STEP]...: prove leaklint's integrations with the real tools, as
# users run them. STEP is one of (all by default):
#   golangci   build golangci-lint v2.15.0 with the leaklint module plugin
#              (integration/golangci/build.sh: offline from the Go module
#              proxy, cached; 3-15 min cold on 2 cores, seconds warm) and
#              run it on a module with leaks (integration/golangci, go test)
#   custom     `golangci-lint custom` with docs/ci.md's .custom-gcl.yml,
#              offline (integration/golangci/custom.sh; 2-3 min, once per
#              build of the above)
#   precommit  the pre-commit hook, through `pre-commit try-repo`
#              (integration/precommit/test.sh; installs pre-commit with apt)
#   sarif      `leaklint -f sarif` validated with the SARIF multitool and
#              ajv, and `-f github` (integration/sarif/test.sh; installs
#              the validators with npm)
# Needs Go, Node/npm and apt-get (or pre-commit already installed). Prints
# "N passed, N failed" last and exits 1 if any failed.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1
export GOWORK=off

golangci() {
	local bin
	bin=$(integration/golangci/build.sh) || return 1
	LEAKLINT_GOLANGCI=1 LEAKLINT_GOLANGCI_BIN=$bin go test -count=1 -timeout 10m ./integration/golangci/
}
custom() {
	local bin
	bin=$(integration/golangci/build.sh) || return 1
	integration/golangci/custom.sh "$bin"
}
precommit() { integration/precommit/test.sh; }
sarif() { integration/sarif/test.sh; }

steps=("$@")
((${#steps[@]})) || steps=(golangci custom precommit sarif)
passed=0 failed=0 failures=()
for step in "${steps[@]}"; do
	case $step in
	golangci | custom | precommit | sarif) ;;
	*) echo "run.sh: unknown step $step (golangci, custom, precommit, sarif)" >&2; exit 2 ;;
	esac
	echo "=== $step"
	start=$SECONDS
	if "$step"; then
		echo "--- PASS $step ($((SECONDS - start)) s)"
		passed=$((passed + 1))
	else
		echo "--- FAIL $step ($((SECONDS - start)) s)"
		failed=$((failed + 1))
		failures+=("$step")
	fi
done
((failed == 0)) || echo "failed: ${failures[*]}"
echo "$passed passed, $failed failed"
((failed == 0))
