#!/usr/bin/env bash
# tests/cli/test_diff.sh - `policyctl diff --old P --new P`: the records
# whose decision a policy change alters, with both sides, and the table of
# verdict transitions on standard error.
#
#   tests/cli/test_diff.sh POLICYCTL
#
# The "new" policies are copies of rules/default edited with sed:
#   new     SE leaves identity-numbers-public (SE identity numbers become
#           violations) and the label medical_record becomes criminal_record
#           (a report labelled criminal_record is valid only under new, one
#           labelled medical_record only under old);
#   strict  a repeat violation needs 5 earlier ones (actions change, the
#           verdict does not).
# Fixtures: tests/cli/cases/diff/ (reports.jsonl, reports.json, and
# expected-new.jsonl, the reviewed output of builtin -> new on reports.jsonl).
# Prints "ok - ..." / "not ok - ..." per check, then "N passed, M failed".
set -euo pipefail

if [ $# -ne 1 ]; then
	echo "usage: $0 POLICYCTL" >&2
	exit 2
fi
. "$(dirname "$0")/../tap.sh"
use_policyctl "$1" diff
cases=$here/cases/diff


# run ARGS...: policyctl diff ARGS; stdout in $tmp/out, stderr in $tmp/err,
# the exit status in $status.
status=0
run() {
	status=0
	"$policyctl" diff --no-progress "$@" >"$tmp/out" 2>"$tmp/err" || status=$?
}

# check DESCRIPTION EXPECTED-STATUS EXPECTED-FILE: stdout is exactly the
# file and the exit status is as expected.
check() {
	if [ "$status" -ne "$2" ]; then
		fail "$1" "exit status $status, expected $2" "stderr: $(head -c 600 "$tmp/err")"
	elif ! cmp -s "$3" "$tmp/out"; then
		fail "$1" "stdout differs (- expected, + got):" \
			"$(diff -u "$3" "$tmp/out" | tail -n +3 | head -40)"
	else
		pass "$1"
	fi
}

# table_is DESCRIPTION LINE...: the table on stderr is exactly these lines
# (the note about identical revisions aside).
table_is() {
	local desc=$1
	shift
	printf '%s\n' "$@" >"$tmp/want-table"
	grep -v '^policyctl: diff: note:' "$tmp/err" >"$tmp/table" || true
	if cmp -s "$tmp/want-table" "$tmp/table"; then
		pass "$desc"
	else
		fail "$desc" "(- expected, + got):" \
			"$(diff -u "$tmp/want-table" "$tmp/table" | tail -n +3)"
	fi
}

# table_json DESCRIPTION WANT: the JSON table on stderr is WANT byte for
# byte once both revisions are replaced by OLD and NEW (checked apart: the
# revisions change whenever rules/default does).
table_json() {
	local got
	got=$(sed 's/"old_revision":"[0-9a-f]\{16\}"/"old_revision":"OLD"/; s/"new_revision":"[0-9a-f]\{16\}"/"new_revision":"NEW"/' "$tmp/err")
	if [ "$got" = "$2" ]; then
		pass "$1"
	else
		fail "$1" "expected: $2" "got:      $got"
	fi
}

# revisions DESCRIPTION same|differ: the table's two revisions.
revisions() {
	local old new
	old=$(sed -n 's/.*"old_revision":"\([0-9a-f]*\)".*/\1/p' "$tmp/err")
	new=$(sed -n 's/.*"new_revision":"\([0-9a-f]*\)".*/\1/p' "$tmp/err")
	if [ -n "$old" ] && { { [ "$2" = same ] && [ "$old" = "$new" ]; } ||
		{ [ "$2" = differ ] && [ "$old" != "$new" ]; }; }; then
		pass "$1"
	else
		fail "$1" "old $old, new $new"
	fi
}

: >"$tmp/empty"

# ---- policies ---------------------------------------------------------------
fresh same
fresh new
edit "$tmp/new/30-exceptions.yaml" 's/^    items: \[SE\]$/    items: [NO]/' \
	"new: identity-numbers-public lists NO instead of SE" || true
edit "$tmp/new/10-categories.yaml" 's/^  - id: medical_record$/  - id: criminal_record/' \
	"new: the label medical_record becomes criminal_record" || true
fresh strict
edit "$tmp/strict/50-enforcement.yaml" 's/prior_violations >= 1$/prior_violations >= 5/' \
	"strict: a repeat violation needs 5 earlier ones" || true

# ---- help ---------------------------------------------------------------------
status=0
"$policyctl" diff --help >"$tmp/out" 2>"$tmp/err" || status=$?
lines=$(wc -l <"$tmp/out")
if [ "$status" -eq 0 ] && [ "$lines" -le 24 ] && grep -q -- '--old' "$tmp/out" &&
	grep -q 'builtin' "$tmp/out" && grep -q 'Exit status: 0' "$tmp/out" &&
	grep -q '1 some records were rejected' "$tmp/out"; then
	pass "--help: one screen ($lines lines), names builtin and the exit statuses"
else
	fail "--help: one screen, names builtin and the exit statuses" "exit $status, $lines lines" "$(cat "$tmp/out")"
fi

# ---- identical policies ----------------------------------------------------------
# reports.jsonl holds 3 records the default policy rejects (bad-1, and the
# labels criminal_record only "new" defines): their error records, exactly
# as evaluate writes them, are the only output.
"$policyctl" evaluate "$cases/reports.jsonl" 2>/dev/null | grep '"error":' >"$tmp/eval-errors" || true
run --old builtin --new "$tmp/same" "$cases/reports.jsonl"
if [ "$(wc -l <"$tmp/eval-errors")" -eq 3 ]; then
	check "identical policies (builtin vs a copy): only evaluate's 3 error records, exit 1" 1 "$tmp/eval-errors"
else
	fail "identical policies: evaluate rejects 3 records of reports.jsonl" "$(cat "$tmp/eval-errors")"
fi
table_is "identical policies: the table says 0 changed" \
	"records: 9" "changed: 0" "unchanged: 6" "invalid: 3"
if grep -q '^policyctl: diff: note: both policies have revision' "$tmp/err"; then
	pass "identical policies: a note says the revisions are the same"
else
	fail "identical policies: a note says the revisions are the same" "$(cat "$tmp/err")"
fi

run --old "$tmp/same" --new "$tmp/same" "$cases/reports.json"
check "identical policies, JSON array without invalid records: no output, exit 0" 0 "$tmp/empty"
table_is "identical policies, JSON array: 4 unchanged" \
	"records: 4" "changed: 0" "unchanged: 4" "invalid: 0"

# ---- a real change ------------------------------------------------------------------
run --old builtin --new "$tmp/new" "$cases/reports.jsonl"
check "builtin -> new: exactly the changed and invalid records, exit 1" 1 "$cases/expected-new.jsonl"
table_is "builtin -> new: transitions by count, then totals" \
	"no_violation -> violation: 2" "invalid -> violation: 1" "violation -> invalid: 1" \
	"records: 9" "changed: 4" "unchanged: 3" "invalid: 2"
cp "$tmp/out" "$tmp/first"

if grep -q '"id":"se-1","record":1,"line":1,"old":{"verdict":"no_violation","actions":\[\],"categories":\[\],"referrals":\[\]},"new":{"verdict":"violation","actions":\["lock_account","remove_content"\],"categories":\["identity_document"\],"referrals":\[\]}}' "$tmp/out"; then
	pass "the SE report shows old no_violation and new violation, lists sorted"
else
	fail "the SE report shows old no_violation and new violation, lists sorted" "$(cat "$tmp/out")"
fi
if grep -q '^{"id":4,"record":4,"line":5,"old"' "$tmp/out"; then
	pass "a report without an id: the record number as id, the line counts blank lines"
else
	fail "a report without an id: the record number as id, the line counts blank lines" "$(cat "$tmp/out")"
fi
if grep -q '^{"id":"label-new","record":5,"line":6,"old":{"error":{"code":"invalid_field","message":"content.labels\[0\]: unknown label '"'criminal_record'"'"}},"new":{"verdict":"violation"' "$tmp/out"; then
	pass "valid only under new: the old side holds the error naming the field"
else
	fail "valid only under new: the old side holds the error naming the field" "$(cat "$tmp/out")"
fi
if grep -q '^{"id":"label-old",.*"old":{"verdict":"violation".*"new":{"error":{"code":"invalid_field","message":"content.labels\[0\]: unknown label' "$tmp/out"; then
	pass "valid only under old: the new side holds the error"
else
	fail "valid only under old: the new side holds the error" "$(cat "$tmp/out")"
fi
if grep -qx '{"id":"bad-1","record":7,"line":8,"error":{"code":"invalid_field","message":"subject.public_figure: expected boolean"}}' "$tmp/out"; then
	pass "invalid under both: one error record, as evaluate writes it"
else
	fail "invalid under both: one error record, as evaluate writes it" "$(cat "$tmp/out")"
fi
"$policyctl" evaluate "$cases/reports.jsonl" 2>/dev/null | grep '"id":"bad-1"' >"$tmp/eval-bad" || true
if grep -qxF -f "$tmp/eval-bad" "$tmp/out" && [ -s "$tmp/eval-bad" ]; then
	pass "invalid under both: the error record is byte-identical to evaluate's"
else
	fail "invalid under both: the error record is byte-identical to evaluate's" "evaluate: $(cat "$tmp/eval-bad")"
fi
if grep -q '"id":"addr-1"\|"id":"benign-1"\|"id":"repeat-1"' "$tmp/out"; then
	fail "unchanged records print nothing" "$(cat "$tmp/out")"
else
	pass "unchanged records print nothing"
fi
# policyctl's own strict validator: a line that is not JSON comes back as
# invalid_json (the lines are not reports, so each is invalid_field).
"$policyctl" evaluate --format jsonl "$tmp/out" >"$tmp/lint" 2>/dev/null || true
if [ -s "$tmp/out" ] && ! grep -q '"code":"invalid_json"' "$tmp/lint" &&
	[ "$(wc -l <"$tmp/lint")" -eq "$(wc -l <"$tmp/out")" ]; then
	pass "every output line is one JSON object"
else
	fail "every output line is one JSON object" "$(grep '"invalid_json"' "$tmp/lint" | head -3)"
fi

run --old builtin --new "$tmp/new" "$cases/reports.jsonl"
if cmp -s "$tmp/first" "$tmp/out"; then
	pass "deterministic: a second run writes the same bytes"
else
	fail "deterministic: a second run writes the same bytes" "$(diff "$tmp/first" "$tmp/out" | head)"
fi

# The reverse direction swaps the sides.
run --old "$tmp/new" --new builtin "$cases/reports.jsonl"
table_is "new -> builtin: the transitions reverse" \
	"violation -> no_violation: 2" "invalid -> violation: 1" "violation -> invalid: 1" \
	"records: 9" "changed: 4" "unchanged: 3" "invalid: 2"

# ---- --all ----------------------------------------------------------------------------
run --old builtin --new "$tmp/new" --all "$cases/reports.jsonl"
n=$(wc -l <"$tmp/out")
if [ "$status" -eq 1 ] && [ "$n" -eq 9 ] &&
	grep -q '^{"id":"repeat-1","record":9,"line":10,"old":{"verdict":"violation","actions":\["remove_content","suspend_account"\],"categories":\["contact_information"\],"referrals":\[\]},"new":{"verdict":"violation","actions":\["remove_content","suspend_account"\]' "$tmp/out" &&
	grep -q '"id":"benign-1"' "$tmp/out"; then
	pass "--all: one line per record (9), unchanged ones with both sides equal"
else
	fail "--all: one line per record (9), unchanged ones with both sides equal" "exit $status, $n lines" "$(cat "$tmp/out")"
fi
grep -v -e addr-1 -e benign-1 -e repeat-1 "$tmp/out" >"$tmp/changed-only" || true
if cmp -s "$tmp/changed-only" "$cases/expected-new.jsonl"; then
	pass "--all: the other lines are the changed records, unaltered"
else
	fail "--all: the other lines are the changed records, unaltered" "$(diff "$cases/expected-new.jsonl" "$tmp/changed-only")"
fi

# A category found by two rules (a threat_to_expose label and the
# context signal) is one member of the set.
printf '%s\n' '{"id":"dup","content":{"labels":["threat_to_expose"]},"reporter":{"role":"automated"},"context":{"threat_to_expose":true}}' >"$tmp/dup.jsonl"
run --old builtin --new "$tmp/same" --all --format jsonl "$tmp/dup.jsonl"
if [ "$status" -eq 0 ] && grep -qx '{"id":"dup","record":1,"line":1,"old":{"verdict":"violation","actions":\["lock_account","remove_content"\],"categories":\["threat_to_expose"\],"referrals":\[\]},"new":{.*}}' "$tmp/out"; then
	pass "--all: a category under two rules is listed once"
else
	fail "--all: a category under two rules is listed once" "exit $status" "$(cat "$tmp/out")"
fi

# ---- --table=json ----------------------------------------------------------------------
run --old builtin --new "$tmp/new" --table=json "$cases/reports.jsonl"
table_json "--table=json: the totals and the transitions, by count" \
	'{"old_revision":"OLD","new_revision":"NEW","records":9,"changed":4,"unchanged":3,"invalid":2,"transitions":[{"old":"no_violation","new":"violation","count":2},{"old":"invalid","new":"violation","count":1},{"old":"violation","new":"invalid","count":1}]}'
revisions "--table=json: the two policies' revisions differ" differ
run --old builtin --new "$tmp/same" --table=json "$cases/reports.json"
table_json "--table=json, identical policies: 0 changed, no transitions" \
	'{"old_revision":"OLD","new_revision":"NEW","records":4,"changed":0,"unchanged":4,"invalid":0,"transitions":[]}'
revisions "--table=json, identical policies: the same revision" same
run --old builtin --new "$tmp/new" --table=none "$cases/reports.json"
if [ "$status" -eq 0 ] && [ ! -s "$tmp/err" ] && [ "$(wc -l <"$tmp/out")" -eq 2 ]; then
	pass "--table=none: nothing on standard error, the records still on stdout"
else
	fail "--table=none: nothing on standard error, the records still on stdout" "exit $status" "$(cat "$tmp/err")"
fi

# ---- same verdict, other actions -------------------------------------------------------
run --old builtin --new "$tmp/strict" "$cases/reports.jsonl"
# (criminal_record is unknown to both policies here: 3 error records.)
if [ "$(grep -c '"old":' "$tmp/out")" -eq 1 ] && [ "$(grep -c '"error":' "$tmp/out")" -eq 3 ] &&
	grep -qx '{"id":"repeat-1","record":9,"line":10,"old":{"verdict":"violation","actions":\["remove_content","suspend_account"\],"categories":\["contact_information"\],"referrals":\[\]},"new":{"verdict":"violation","actions":\["lock_account","remove_content"\],"categories":\["contact_information"\],"referrals":\[\]}}' "$tmp/out"; then
	pass "strict: only the repeat offender changes, suspend -> lock with the same verdict"
else
	fail "strict: only the repeat offender changes, suspend -> lock with the same verdict" "$(cat "$tmp/out")"
fi
table_is "strict: a violation -> violation row counts the changed actions" \
	"violation -> violation: 1" "records: 9" "changed: 1" "unchanged: 5" "invalid: 3"

# ---- input shapes ----------------------------------------------------------------------
run --old builtin --new "$tmp/new" "$cases/reports.json"
printf '%s\n' \
	'{"id":"se-1","record":1,"line":2,"old":{"verdict":"no_violation","actions":[],"categories":[],"referrals":[]},"new":{"verdict":"violation","actions":["lock_account","remove_content"],"categories":["identity_document"],"referrals":[]}}' \
	'{"id":3,"record":3,"line":4,"old":{"verdict":"no_violation","actions":[],"categories":[],"referrals":[]},"new":{"verdict":"violation","actions":["lock_account","remove_content"],"categories":["identity_document"],"referrals":[]}}' \
	>"$tmp/want-array"
check "JSON array input: the changed records as JSON Lines, with the line each begins on, exit 0" 0 "$tmp/want-array"
table_is "JSON array input: the table" \
	"no_violation -> violation: 2" "records: 4" "changed: 2" "unchanged: 2" "invalid: 0"

status=0
"$policyctl" diff --no-progress --old builtin --new "$tmp/new" <"$cases/reports.jsonl" >"$tmp/out" 2>"$tmp/err" || status=$?
check "JSON Lines on standard input: the same output as from the file" 1 "$cases/expected-new.jsonl"
status=0
cat "$cases/reports.jsonl" | "$policyctl" diff --no-progress --old builtin --new "$tmp/new" - >"$tmp/out" 2>"$tmp/err" || status=$?
check "JSON Lines through a pipe, '-': the same output" 1 "$cases/expected-new.jsonl"

sed -n 1p "$cases/reports.jsonl" >"$tmp/one.json"
run --old builtin --new "$tmp/new" "$tmp/one.json" "$cases/reports.json"
if [ "$status" -eq 0 ] && [ "$(wc -l <"$tmp/out")" -eq 3 ] &&
	grep -qF '{"id":"se-1","record":1,"file":"'"$tmp/one.json"'","old"' "$tmp/out" &&
	grep -qF '{"id":"se-1","record":2,"file":"'"$cases/reports.json"'","line":2,"old"' "$tmp/out" &&
	grep -qF '{"id":4,"record":4,"file":"'"$cases/reports.json"'","line":4,"old"' "$tmp/out"; then
	pass "several files: record numbers run on across files, each record names its file and line"
else
	fail "several files: record numbers run on across files, each record names its file and line" "exit $status" "$(cat "$tmp/out")"
fi

printf '{"id":"cut","reporter":{"role":"bystander"\n{"id":"fine","reporter":{"role":"automated"}}\n' >"$tmp/cut.jsonl"
run --old builtin --new "$tmp/new" --format jsonl "$tmp/cut.jsonl"
if [ "$status" -eq 1 ] && grep -q '^{"id":"cut","record":1,"line":1,"error":{"code":"invalid_json"' "$tmp/out" &&
	grep -qx 'invalid: 1' "$tmp/err" && grep -qx 'unchanged: 1' "$tmp/err"; then
	pass "--format jsonl, a cut line: an invalid_json error record, the next line still read, exit 1"
else
	fail "--format jsonl, a cut line: an invalid_json error record, the next line still read, exit 1" "exit $status" "$(cat "$tmp/out" "$tmp/err")"
fi

run --old builtin --new "$tmp/new" -o "$tmp/written.jsonl" "$cases/reports.jsonl"
if [ "$status" -eq 1 ] && [ ! -s "$tmp/out" ] && cmp -s "$tmp/written.jsonl" "$cases/expected-new.jsonl"; then
	pass "-o FILE: the records go to FILE, nothing to stdout"
else
	fail "-o FILE: the records go to FILE, nothing to stdout" "exit $status" "$(cat "$tmp/out")"
fi

# ---- thousands separators --------------------------------------------------------------
for i in $(seq 1 1200); do
	printf '{"id":"se-%d","content":{"text":"SSN 123-45-6789"},"reporter":{"role":"automated"},"context":{"region":"SE"}}\n' "$i"
done >"$tmp/many.jsonl"
run --old builtin --new "$tmp/new" "$tmp/many.jsonl"
if [ "$status" -eq 0 ] && [ "$(wc -l <"$tmp/out")" -eq 1200 ]; then
	pass "1,200 changed records: 1,200 lines, exit 0"
else
	fail "1,200 changed records: 1,200 lines, exit 0" "exit $status, $(wc -l <"$tmp/out") lines"
fi
table_is "1,200 changed records: thousands separators" \
	"no_violation -> violation: 1,200" "records: 1,200" "changed: 1,200" "unchanged: 0" "invalid: 0"

# ---- usage errors, unreadable input, invalid policy -----------------------------------
expect_usage() {
	local desc=$1
	shift
	run "$@"
	if [ "$status" -eq 2 ] && [ ! -s "$tmp/out" ] && [ -s "$tmp/err" ]; then
		pass "$desc"
	else
		fail "$desc" "exit $status" "stdout: $(head -c 300 "$tmp/out")" "stderr: $(head -c 300 "$tmp/err")"
	fi
}
expect_usage "missing --new: exit 2, nothing on stdout" --old builtin "$cases/reports.jsonl"
if grep -q -- '--new are required' "$tmp/err"; then
	pass "missing --new: the message says both are required"
else
	fail "missing --new: the message says both are required" "$(cat "$tmp/err")"
fi
expect_usage "missing --old: exit 2" --new builtin "$cases/reports.jsonl"
expect_usage "an unknown option: exit 2" --old builtin --new builtin --bogus "$cases/reports.jsonl"
expect_usage "--table=yaml: exit 2" --old builtin --new builtin --table=yaml "$cases/reports.jsonl"
expect_usage "--format xml: exit 2" --old builtin --new builtin --format xml "$cases/reports.jsonl"
expect_usage "an unreadable input file: exit 2" --old builtin --new builtin "$tmp/no-such-file.jsonl"
expect_usage "a directory as input: exit 2" --old builtin --new builtin "$tmp"
expect_usage "an unreadable input after a good one: exit 2 before any output" \
	--old builtin --new "$tmp/new" "$cases/reports.jsonl" "$tmp/no-such-file.jsonl"
expect_usage "a missing --new policy path: exit 2" --old builtin --new "$tmp/no-such-policy" "$cases/reports.jsonl"

fresh broken
edit "$tmp/broken/40-rules.yaml" 's/^      - regional-identity-number$/      - no-such-exception/' \
	"broken: a rule names an undefined exception" || true
expect_usage "an invalid new policy: exit 2, nothing evaluated" --old builtin --new "$tmp/broken" "$cases/reports.jsonl"
if grep -q '40-rules.yaml:[0-9]*:[0-9]*: error' "$tmp/err"; then
	pass "an invalid policy: its diagnostics name file:line:column"
else
	fail "an invalid policy: its diagnostics name file:line:column" "$(cat "$tmp/err")"
fi
expect_usage "an invalid old policy: exit 2" --old "$tmp/broken" --new builtin "$cases/reports.jsonl"

finish
