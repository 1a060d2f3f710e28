#!/usr/bin/env bash
# tests/cli/test_parallel.sh - policyctl as a mapper: a JSON Lines file
# split across GNU parallel workers (`parallel --pipe --keep-order`) gives
# byte-identical output to a single run.
#
#   tests/cli/test_parallel.sh POLICYCTL
#
# Generates ~2,000 reports in the shapes of tests/examples/*.json, each
# with a unique id (a record without an id is named by its record number,
# and every worker numbers its own chunk from 1, so such records would
# differ), evaluates them once whole and once in 32 KiB blocks on four
# workers, and compares. Invalid records are then mixed in: their error
# records carry the record and line numbers within a worker's chunk, so
# they match once those two fields are set aside.
# Skips (exit 77, ctest SKIP_RETURN_CODE) when GNU parallel is missing,
# unless LP_TEST_STRICT is set (tools/check sets it, after installing
# parallel): then a missing parallel fails the test.
# Prints "ok - ..." / "not ok - ..." per check, then "N passed, M failed".
set -euo pipefail

if [ $# -ne 1 ]; then
	echo "usage: $0 POLICYCTL" >&2
	exit 2
fi
. "$(dirname "$0")/../tap.sh"
use_policyctl "$1" parallel
examples=$root/tests/examples

if ! parallel --version 2>/dev/null | grep -q 'GNU parallel'; then
	if [ -n "${LP_TEST_STRICT:-}" ]; then
		echo "not ok - GNU parallel is not installed (Debian package: parallel)"
		exit 1
	fi
	echo "# SKIP: GNU parallel is not installed (Debian package: parallel)"
	exit 77
fi

# parallel keeps its state (and the citation notice) under PARALLEL_HOME
# and its buffers under TMPDIR: keep both in the scratch directory.
export PARALLEL_HOME=$tmp/parallel-home TMPDIR=$tmp
mkdir "$PARALLEL_HOME"
touch "$PARALLEL_HOME/will-cite"

records=2000

# ---- the input: one template per example, id replaced by @ID@ ------------
: >"$tmp/templates"
for f in "$examples"/*.json; do
	# One line; the first "id" is the report's own (the first key).
	tr -d '\n' <"$f" |
		sed -E 's/"id": *("([^"\\]|\\.)*"|-?[0-9]+)/"id": "@ID@"/' >>"$tmp/templates"
	echo >>"$tmp/templates"
done
# Shapes with a number in them, so that records differ beyond the id.
cat >>"$tmp/templates" <<'EOF'
{"id": "@ID@", "content": {"text": "order @N@ shipped, tracking 1Z999AA1@N@"}, "reporter": {"role": "automated"}}
{"id": "@ID@", "content": {"text": "she lives at @N@ Elm Street, Springfield"}, "reporter": {"role": "bystander"}, "author": {"prior_violations": 1}}
{"id": "@ID@", "content": {"media": [{"type": "video", "depicts_person": true}]}, "reporter": {"role": "authorized_representative"}, "context": {"public_event": true}}
EOF
ntemplates=$(grep -c '@ID@' "$tmp/templates")
example_files=("$examples"/*.json)
if [ "$ntemplates" -eq "$((${#example_files[@]} + 3))" ]; then
	pass "a template for every example ($ntemplates shapes)"
else
	fail "a template for every example" "$ntemplates templates with @ID@" \
		"$(cat "$tmp/templates")"
fi

# generate N BAD_EVERY: N records, every BAD_EVERY-th one invalid (0: none).
generate() {
	awk -v n="$1" -v bad="$2" '
		{ t[k++] = $0 }
		END {
			for (i = 1; i <= n; i++) {
				if (bad && i % bad == 0) {
					printf "{\"id\": \"p-%d\", \"reporter\": {\"role\": \"neighbour\"}}\n", i
					continue
				}
				s = t[(i - 1) % k]
				gsub(/@ID@/, "p-" i, s)
				gsub(/@N@/, i, s)
				print s
			}
		}' "$tmp/templates"
}
generate "$records" 0 >"$tmp/reports.jsonl"

# ---- one run over the whole file -------------------------------------------
status=0
"$policyctl" evaluate --threads 1 --no-progress <"$tmp/reports.jsonl" \
	>"$tmp/single.jsonl" 2>"$tmp/single.err" || status=$?
lines=$(wc -l <"$tmp/single.jsonl")
decisions=$(grep -c '"verdict":' "$tmp/single.jsonl" || true)
if [ "$status" -eq 0 ] && [ "$lines" -eq "$records" ] && [ "$decisions" -eq "$records" ]; then
	pass "single run: exit 0, $records decisions for $records records"
else
	fail "single run: exit 0, $records decisions for $records records" \
		"exit $status, $lines lines, $decisions decisions" "$(head -c 400 "$tmp/single.err")"
fi
# The ids come back in input order.
sed -E 's/^\{"id":"([^"]*)".*/\1/' "$tmp/single.jsonl" >"$tmp/ids.out"
seq -f 'p-%g' 1 "$records" >"$tmp/ids.want"
if cmp -s "$tmp/ids.out" "$tmp/ids.want"; then
	pass "single run: ids p-1..p-$records in input order"
else
	fail "single run: ids p-1..p-$records in input order" \
		"$(diff "$tmp/ids.want" "$tmp/ids.out" | head -5)"
fi
verdicts=$(grep -oE '"verdict":"[a-z_]+"' "$tmp/single.jsonl" | sort -u | wc -l)
if [ "$verdicts" -ge 3 ]; then
	pass "the records give a mix of verdicts ($verdicts kinds)"
else
	fail "the records give a mix of verdicts" "$verdicts kinds"
fi

# ---- the same file in 32 KiB blocks on four workers --------------------------
chunks=$(parallel --pipe --keep-order --block 32k -j4 wc -l <"$tmp/reports.jsonl" | wc -l)
if [ "$chunks" -ge 4 ]; then
	pass "the input is split into $chunks blocks"
else
	fail "the input is split into several blocks" "$chunks block(s)"
fi

# mapped OUT ARGS...: the reports through parallel workers running
# policyctl evaluate ARGS; the exit status of parallel in $status.
mapped() {
	local out=$1
	shift
	status=0
	parallel --pipe --keep-order --block 32k -j4 \
		"$policyctl" evaluate --threads 1 --no-progress "$@" \
		<"$tmp/reports.jsonl" >"$tmp/$out" 2>"$tmp/$out.err" || status=$?
}

mapped parallel.jsonl
if [ "$status" -eq 0 ] && cmp -s "$tmp/single.jsonl" "$tmp/parallel.jsonl"; then
	pass "parallel --pipe --keep-order: byte-identical to the single run"
else
	fail "parallel --pipe --keep-order: byte-identical to the single run" \
		"exit $status, $(wc -l <"$tmp/parallel.jsonl") lines" \
		"$(cmp "$tmp/single.jsonl" "$tmp/parallel.jsonl" 2>&1 | head -3)" \
		"$(head -c 400 "$tmp/parallel.jsonl.err")"
fi
n=$(wc -l <"$tmp/parallel.jsonl")
if [ "$n" -eq "$records" ]; then
	pass "parallel: $records records in, $records results out"
else
	fail "parallel: $records records in, $records results out" "$n lines out"
fi

mapped parallel-jsonl.jsonl --format jsonl
if [ "$status" -eq 0 ] && cmp -s "$tmp/single.jsonl" "$tmp/parallel-jsonl.jsonl"; then
	pass "parallel with --format jsonl: byte-identical to the single run"
else
	fail "parallel with --format jsonl: byte-identical to the single run" \
		"exit $status" "$(cmp "$tmp/single.jsonl" "$tmp/parallel-jsonl.jsonl" 2>&1 | head -3)"
fi

# ---- invalid records mixed in ------------------------------------------------------
generate "$records" 97 >"$tmp/reports.jsonl"
invalid=$((records / 97))
status=0
"$policyctl" evaluate --threads 1 --no-progress --format jsonl <"$tmp/reports.jsonl" \
	>"$tmp/single-bad.jsonl" 2>/dev/null || status=$?
errors=$(grep -c '"error":' "$tmp/single-bad.jsonl" || true)
if [ "$status" -eq 1 ] && [ "$errors" -eq "$invalid" ] &&
	[ "$(wc -l <"$tmp/single-bad.jsonl")" -eq "$records" ]; then
	pass "with invalid records: single run exits 1 with $invalid error records"
else
	fail "with invalid records: single run exits 1 with $invalid error records" \
		"exit $status, $errors error records"
fi
mapped parallel-bad.jsonl --format jsonl
# parallel exits with the number of jobs that failed (here: exit 1 each).
if [ "$status" -ge 1 ]; then
	pass "with invalid records: parallel exits non-zero ($status failed jobs)"
else
	fail "with invalid records: parallel exits non-zero" "exit $status"
fi
# Error records name the record and line within the worker's chunk.
strip() { sed -E 's/"record":[0-9]+,"line":[0-9]+,//' "$1"; }
if cmp -s <(strip "$tmp/single-bad.jsonl") <(strip "$tmp/parallel-bad.jsonl") &&
	[ "$(wc -l <"$tmp/parallel-bad.jsonl")" -eq "$records" ]; then
	pass "with invalid records: identical but for the error records' record/line"
else
	fail "with invalid records: identical but for the error records' record/line" \
		"$(diff <(strip "$tmp/single-bad.jsonl") <(strip "$tmp/parallel-bad.jsonl") | head -5)"
fi

finish
