#!/usr/bin/env bash
# test.sh: run leaklint's pre-commit hook (.pre-commit-hooks.yaml) with the
# real pre-commit, as a consumer repository would, through
# `pre-commit try-repo`:
#   - in a repository with leaks (integration/golangci/testdata/leaky) the
#     hook fails and prints the findings, and not the suppressed one;
#   - with a .pre-commit-config.yaml that passes analyzer flags in args,
#     only the enabled analyzers report;
#   - in a repository without leaks (the same module, store/ alone) it passes.
#
# pre-commit (and git) are installed with apt-get if missing (Debian's
# 3.0.4 is known to work). The hook is built by pre-commit with
# `go install ./...` from a snapshot of this checkout's working tree
# (tracked and untracked, non-ignored files; bin/ left out), committed in a
# temporary repository: try-repo on the checkout itself would only see its
# tracked files. PRE_COMMIT_HOME is a temporary directory; Go's module and
# build caches are the usual ones.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
FIXTURE=$ROOT/integration/golangci/testdata/leaky
export GOWORK=off

log() { printf 'precommit: %s\n' "$*" >&2; }

# Debian's pre-commit does not depend on git, which it runs.
missing=()
command -v pre-commit >/dev/null || missing+=(pre-commit)
command -v git >/dev/null || missing+=(git)
if ((${#missing[@]})); then
	log "installing ${missing[*]} with apt-get"
	sudo=
	[[ $(id -u) == 0 ]] || sudo=sudo
	$sudo apt-get install -y -q "${missing[@]}" >&2 ||
		{ $sudo apt-get update -q >&2 && $sudo apt-get install -y -q "${missing[@]}" >&2; }
fi
log "$(pre-commit --version)"

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
export PRE_COMMIT_HOME=$work/pre-commit-home

# git without the user's configuration or identity.
g() { git -c user.name=leaklint-ci -c user.email=ci@leaklint.invalid -c init.defaultBranch=main -c commit.gpgsign=false "$@"; }

# repo DIR: commit everything in DIR into a new repository.
repo() {
	g -C "$1" init -q
	g -C "$1" add -A
	g -C "$1" commit -q -m snapshot
}

# The hook repository: the checkout's working tree, committed.
mkdir "$work/leaklint"
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard |
	while IFS= read -r -d '' f; do [[ -e $f && $f != bin/* ]] && printf '%s\0' "$f"; done |
	tar --null -T - -cf -) | tar -xf - -C "$work/leaklint"
repo "$work/leaklint"

rev=$(git -C "$work/leaklint" rev-parse HEAD)

failed=0
# check NAME DIR WANT_EXIT PATTERN...: run the hook in DIR, expect the exit
# status (0 or non-0) and every pattern (a grep -E regexp; !regexp: absent).
# With a .pre-commit-config.yaml in DIR, "pre-commit run" runs it; without,
# "pre-commit try-repo" runs the hook with its defaults.
check() {
	local name=$1 dir=$2 want=$3
	shift 3
	local out=$work/$name.out code=0 start=$SECONDS
	if [[ -e $dir/.pre-commit-config.yaml ]]; then
		(cd "$dir" && pre-commit run --all-files --verbose) >"$out" 2>&1 || code=$?
	else
		(cd "$dir" && pre-commit try-repo "$work/leaklint" leaklint --all-files --verbose) >"$out" 2>&1 || code=$?
	fi
	log "$name: pre-commit exited $code in $((SECONDS - start)) s"
	local ok=1
	if [[ $want == 0 && $code != 0 ]] || [[ $want != 0 && $code == 0 ]]; then
		log "$name: exit status $code, want $([[ $want == 0 ]] && echo 0 || echo non-zero)"
		ok=0
	fi
	for p in "$@"; do
		if [[ $p == '!'* ]]; then
			if grep -Eq -- "${p#!}" "$out"; then log "$name: output matches $p"; ok=0; fi
		elif ! grep -Eq -- "$p" "$out"; then
			log "$name: output lacks $p"
			ok=0
		fi
	done
	if ((ok)); then
		log "$name: ok"
	else
		sed 's/^/    /' "$out" >&2
		failed=1
	fi
}

cp -r "$FIXTURE" "$work/leaky"
repo "$work/leaky"
check leaky "$work/leaky" 1 \
	'^leaklint\.+Failed' \
	'exit code: 3' \
	'app/app\.go:13:15: rows from Users is not closed on the path through the return at line 21' \
	'app/app\.go:39:13: tx from Begin is neither committed nor rolled back' \
	'app/app_test\.go:11:15: rows from Query is not closed' \
	'report/report\.go:9:15: rows from Recent is not closed' \
	'!app/app\.go:([4-9][0-9]|[1-9][0-9]{2,}):' # ListUsers, Delete, Legacy, Archive

# A consumer's own configuration, as docs/ci.md shows it, with analyzer
# flags in args.
cp -r "$FIXTURE" "$work/configured"
cat >"$work/configured/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $work/leaklint
    rev: $rev
    hooks:
      - id: leaklint
        args: [-txfinish=false, ./...]
YAML
repo "$work/configured"
check configured "$work/configured" 1 \
	'^leaklint\.+Failed' \
	'app/app\.go:13:15: rows from Users is not closed' \
	'!tx from Begin'

cp -r "$FIXTURE" "$work/clean"
rm -r "$work/clean/app" "$work/clean/report"
repo "$work/clean"
check clean "$work/clean" 0 '^leaklint\.+Passed'

exit $failed
