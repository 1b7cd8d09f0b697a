#!/usr/bin/env bash
# validate.sh FILE...: validate SARIF files the way GitHub code scanning
# would want them, with two independent validators:
#   1. Microsoft's SARIF multitool (npm @microsoft/sarif-multitool),
#      `validate --rule-kind "Sarif;Gh"`: the SARIF rules and GitHub's
#      ingestion rules (GHxxxx). Its exit status is 0 even when it finds
#      errors, so pass/fail is decided from its -o report: any error or
#      warning fails; notes are printed.
#   2. ajv (JSON Schema 2020-12) against the SARIF 2.1.0 schema that the
#      multitool ships: the multitool's own schema check misses some
#      violations (e.g. an unknown "level").
# Exit status 0 when every file passes both, 1 otherwise.
#
# The npm packages are installed once (npm registry, ~100 MB) into
# $LEAKLINT_NPM_DIR, by default $(go env GOCACHE)/leaklint-npm, outside the
# repository.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NPM_DIR=${LEAKLINT_NPM_DIR:-$(go env GOCACHE)/leaklint-npm}
PACKAGES=(@microsoft/sarif-multitool@5.7.0 ajv@8.20.0 ajv-formats@3.0.1)

log() { printf 'sarif: %s\n' "$*" >&2; }

(($# > 0)) || { echo "usage: validate.sh FILE.sarif..." >&2; exit 2; }

stamp=$NPM_DIR/.installed-$(printf '%s\n' "${PACKAGES[@]}" | sha256sum | cut -c1-12)
if [[ ! -e $stamp ]]; then
	log "installing ${PACKAGES[*]} into $NPM_DIR"
	mkdir -p "$NPM_DIR"
	[[ -e $NPM_DIR/package.json ]] || echo '{"private": true}' >"$NPM_DIR/package.json"
	npm install --prefix "$NPM_DIR" --no-audit --no-fund --save-exact "${PACKAGES[@]}" >&2
	touch "$stamp"
fi
MT_DIR=$NPM_DIR/node_modules/@microsoft/sarif-multitool-linux
MT=$MT_DIR/Sarif.Multitool
SCHEMA=$MT_DIR/sarif-2.1.0.json
# npm may skip the package's postinstall (chmod u+x Sarif.Multitool).
[[ -x $MT ]] || chmod u+x "$MT"
# The multitool is a self-contained .NET program: without libicu it needs
# invariant globalization, which does not affect validation.
if ! ldconfig -p 2>/dev/null | grep -q libicuuc; then
	export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
for f in "$@"; do
	report=$work/report.sarif
	# The input file goes right after "validate": --log takes a list and
	# would swallow it. Called directly, not through npx, whose shell eats
	# the ";" of "Sarif;Gh".
	"$MT" validate "$f" --rule-kind "Sarif;Gh" -o "$report" --log ForceOverwrite >"$work/mt.log" 2>&1 || {
		log "$f: the multitool failed to run"
		cat "$work/mt.log" >&2
		failed=1
		continue
	}
	if ! node "$HERE/report.cjs" "$report" "$f"; then
		failed=1
	fi
	if ! NODE_PATH=$NPM_DIR/node_modules node "$HERE/schema.cjs" "$SCHEMA" "$f"; then
		failed=1
	fi
done
exit $failed
