#!/usr/bin/env bash
# test.sh: leaklint's CI output, checked with real consumers' validators.
#   - `leaklint -f sarif ./...` on a module with leaks
#     (integration/golangci/testdata/leaky) and on one without (the same
#     module, store/ alone): the findings are in the file, and validate.sh
#     (the SARIF multitool with GitHub's rules, and ajv against the SARIF
#     2.1.0 schema) reports zero errors and zero warnings;
#   - `leaklint -f github ./...` prints one ::error workflow command per
#     finding;
#   - validate.sh itself rejects known-bad files (testdata/*.sarif), so
#     that a validator that silently passes everything is caught.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
FIXTURE=$ROOT/integration/golangci/testdata/leaky
export GOWORK=off

log() { printf 'sarif: %s\n' "$*" >&2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
fail() { log "FAIL: $*"; failed=1; }

(cd "$ROOT" && go build -o "$work/leaklint" ./cmd/leaklint)
cp -r "$FIXTURE" "$work/leaky"
cp -r "$FIXTURE" "$work/clean"
rm -r "$work/clean/app" "$work/clean/report"

# lint DIR FORMAT OUT: run leaklint -f FORMAT ./... in DIR; print its exit status.
lint() {
	local code=0
	(cd "$1" && "$work/leaklint" -f "$2" ./...) >"$3" 2>"$3.err" || code=$?
	echo "$code"
}

# SARIF with findings, written by the command line of docs/ci.md's
# workflow: findings (exit status 3) do not fail the step.
code=$(lint "$work/leaky" sarif "$work/leaky.sarif")
[[ $code == 3 ]] || { fail "leaklint -f sarif on leaks: exit $code, want 3"; cat "$work/leaky.sarif.err" >&2; }
(cd "$work/leaky" && PATH=$work:$PATH bash -e -c 'leaklint -f sarif ./... > leaklint.sarif || [ $? -eq 3 ]') ||
	fail "the workflow's leaklint step fails on findings"
cmp -s "$work/leaky.sarif" "$work/leaky/leaklint.sarif" || fail "the workflow's leaklint step writes another file"
node - "$work/leaky.sarif" <<'JS' || fail "leaky.sarif does not hold the expected findings"
const log = JSON.parse(require('node:fs').readFileSync(process.argv[2], 'utf8'));
const got = log.runs[0].results.map((r) => {
  const loc = r.locations[0].physicalLocation;
  return `${r.ruleId} ${loc.artifactLocation.uri}:${loc.region.startLine}:${loc.region.startColumn} ${r.message.text}`;
}).sort();
const want = [
  'rowsclose app/app.go:13:15 rows from Users is not closed on the path through the return at line 21',
  'rowsclose app/app_test.go:11:15 rows from Query is not closed on the path through the return at line 18',
  'rowsclose report/report.go:9:15 rows from Recent is not closed on the path through the return at line 16',
  'txfinish app/app.go:39:13 tx from Begin is neither committed nor rolled back on the path through the return at line 44',
];
if (JSON.stringify(got) !== JSON.stringify(want)) {
  console.error('results:\n  ' + got.join('\n  ') + '\nwant:\n  ' + want.join('\n  '));
  process.exit(1);
}
JS
"$HERE/validate.sh" "$work/leaky.sarif" || fail "leaky.sarif is not valid"

# SARIF without findings: still a valid log, with an empty results array.
code=$(lint "$work/clean" sarif "$work/clean.sarif")
[[ $code == 0 ]] || { fail "leaklint -f sarif on clean code: exit $code, want 0"; cat "$work/clean.sarif.err" >&2; }
node -e 'const l=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));
  process.exit(Array.isArray(l.runs[0].results) && l.runs[0].results.length===0 ? 0 : 1)' "$work/clean.sarif" ||
	fail "clean.sarif: want an empty results array"
"$HERE/validate.sh" "$work/clean.sarif" || fail "clean.sarif is not valid"

# GitHub Actions annotations.
code=$(lint "$work/leaky" github "$work/leaky.github")
[[ $code == 3 ]] || fail "leaklint -f github on leaks: exit $code, want 3"
want='::error file=app/app.go,line=13,endLine=13,col=15,endColumn=30,title=rowsclose::rows from Users is not closed on the path through the return at line 21
::error file=app/app.go,line=39,endLine=39,col=13,endColumn=23,title=txfinish::tx from Begin is neither committed nor rolled back on the path through the return at line 44
::error file=app/app_test.go,line=11,endLine=11,col=15,endColumn=47,title=rowsclose::rows from Query is not closed on the path through the return at line 18
::error file=report/report.go,line=9,endLine=9,col=15,endColumn=25,title=rowsclose::rows from Recent is not closed on the path through the return at line 16'
if [[ $(cat "$work/leaky.github") != "$want" ]]; then
	fail "leaklint -f github:"
	diff <(echo "$want") "$work/leaky.github" >&2 || true
fi

# The validators reject what they must.
expect_invalid() {
	local out
	if out=$("$HERE/validate.sh" "$1" 2>&1); then
		fail "validate.sh accepts $1"
	elif ! grep -q -- "$2" <<<"$out"; then
		fail "validate.sh on $1 does not say $2:"
		echo "$out" >&2
	fi
}
expect_invalid "$HERE/testdata/missing-help.sarif" "error GH2012"
expect_invalid "$HERE/testdata/bad-level.sarif" "level must be equal to one of the allowed values"

((failed)) || log "ok"
exit $failed
