#!/usr/bin/env bash
# tests/cli/run.sh - golden-output and behaviour tests of policyctl, run
# through the real binary.
#
#   tests/cli/run.sh POLICYCTL [SECTION...]
#
# SECTION is one or more of: evaluate batch determinism validate test help
# (default: all). Prints "ok - ..." / "not ok - ..." per check and ends with
# "N passed, M failed"; exits 1 when any check failed, 2 on a usage error.
#
# Goldens: tests/cli/golden/evaluate/*.json (one per tests/examples/*.json)
# and tests/cli/golden/batch/*. A golden holds the exact output of policyctl
# except that the policy revision is written @REVISION@ (the revision is a
# digest of the embedded policy and changes with any edit of rules/default;
# the checks compare it separately against `policyctl --version`). To
# regenerate the goldens after an intended change of output, run
#   UPDATE_GOLDEN=1 tests/cli/run.sh path/to/policyctl evaluate batch
# and review the diff (git diff tests/cli/golden) before committing.
set -euo pipefail

if [ $# -lt 1 ]; then
	echo "usage: $0 POLICYCTL [evaluate|batch|streaming|determinism|validate|test|help]..." >&2
	exit 2
fi

. "$(dirname "$0")/../tap.sh"
use_policyctl "$1" cli
shift
sections=${*:-evaluate batch streaming determinism validate test help}
update=${UPDATE_GOLDEN:-0}

# run ARGS...: runs policyctl; stdout in $tmp/out, stderr in $tmp/err, the
# exit status in $status. Never aborts the script.
status=0
run() {
	status=0
	"$policyctl" "$@" >"$tmp/out" 2>"$tmp/err" || status=$?
}

# expect_status DESCRIPTION WANT: checks $status of the last run.
expect_status() {
	if [ "$status" -eq "$2" ]; then
		pass "$1 (exit $2)"
	else
		fail "$1 (exit $2)" "got exit status $status" "stderr: $(head -c 600 "$tmp/err")"
	fi
}

# expect_contains DESCRIPTION FILE STRING: FILE holds STRING literally.
expect_contains() {
	if grep -qF -- "$3" "$2"; then
		pass "$1"
	else
		fail "$1" "expected to find: $3" "in $(basename "$2"):" "$(head -c 1500 "$2")"
	fi
}

# expect_empty DESCRIPTION FILE
expect_empty() {
	if [ ! -s "$2" ]; then
		pass "$1"
	else
		fail "$1" "expected no output, got:" "$(head -c 600 "$2")"
	fi
}

# The revision of the embedded policy, as policyctl --version gives it.
revision=$("$policyctl" --version | sed -n 's/.*(revision \([0-9a-f]*\)).*/\1/p')

# golden DESCRIPTION ACTUAL GOLDEN: ACTUAL must equal GOLDEN byte for byte
# once @REVISION@ in GOLDEN is replaced by the revision of the policy.
golden() {
	local desc=$1 actual=$2 gold=$3
	if [ "$update" = 1 ]; then
		mkdir -p "$(dirname "$gold")"
		if [ -n "$revision" ]; then
			sed "s/\"revision\":\"$revision\"/\"revision\":\"@REVISION@\"/g; s/\"revision\": \"$revision\"/\"revision\": \"@REVISION@\"/g" \
				"$actual" >"$gold"
		else
			cp "$actual" "$gold"
		fi
		pass "$desc (golden ${gold#"$root"/} updated)"
		return
	fi
	if [ ! -f "$gold" ]; then
		fail "$desc" "missing golden ${gold#"$root"/}; run with UPDATE_GOLDEN=1 to create it"
		return
	fi
	sed "s/@REVISION@/$revision/g" "$gold" >"$tmp/expected"
	if cmp -s "$tmp/expected" "$actual"; then
		pass "$desc"
	else
		fail "$desc" "output differs from ${gold#"$root"/} ($(cmp "$tmp/expected" "$actual" 2>&1 | sed 's/^.*: //' | head -n 1)); - expected, + got:" \
			"$(diff -u "$tmp/expected" "$actual" | tail -n +3 | head -60)"
	fi
}

# lines FILE: the number of lines of FILE (a last line without newline counts).
lines() {
	awk 'END { print NR }' "$1"
}

# ids FILE: the "id" of each output line, in order (the first key of every
# decision and error record).
ids() {
	sed -n 's/^{"id":\("[^"]*"\|[0-9-]*\|null\),.*/\1/p' "$1"
}

# The ids of the results in $tmp/out, in order, are $2 ("1 2 null ", each
# followed by a space).
expect_ids() {
	local got
	got=$(ids "$tmp/out" | tr '\n' ' ')
	if [ "$got" = "$2" ]; then
		pass "$1"
	else
		fail "$1" "ids: $got"
	fi
}

# ---------------------------------------------------------------------------
section_evaluate() {
	local ex name n=0 want
	if [[ $revision =~ ^[0-9a-f]{16}$ ]]; then
		pass "policyctl --version gives the embedded policy's revision ($revision)"
	else
		fail "policyctl --version gives the embedded policy's revision" \
			"got: $("$policyctl" --version 2>&1)"
	fi
	for ex in "$root"/tests/examples/*.json; do
		[ -e "$ex" ] || continue
		n=$((n + 1))
		name=$(basename "$ex" .json)
		run evaluate "$ex"
		expect_status "evaluate examples/$name.json" 0
		if [ "$(lines "$tmp/out")" -eq 1 ]; then
			pass "examples/$name.json: one compact line when stdout is not a terminal"
		else
			fail "examples/$name.json: one compact line when stdout is not a terminal" \
				"got $(lines "$tmp/out") lines"
		fi
		golden "examples/$name.json matches golden" "$tmp/out" "$here/golden/evaluate/$name.json"
		# The verdict is also asserted on its own, so that a regenerated
		# golden cannot quietly enshrine a wrong decision.
		want=$(sed -n "s/^${name}[[:space:]]\{1,\}//p" "$here/cases/verdicts.txt")
		if [ -z "$want" ]; then
			fail "examples/$name.json: expected verdict listed in cases/verdicts.txt"
		else
			expect_contains "examples/$name.json: $want" "$tmp/out" "$want"
		fi
	done
	if [ "$n" -ge 8 ]; then
		pass "found $n example reports in tests/examples"
	else
		fail "found at least 8 example reports in tests/examples" "found $n"
	fi

	run evaluate "$root/tests/examples/address.json"
	expect_contains "the decision names the policy revision of --version" "$tmp/out" \
		"\"policy\":{\"name\":\"private-information-and-media\",\"version\":\"2021-11-30\",\"revision\":\"$revision\"}"
	if grep -qE 'Elm Street|1428 Elm' "$tmp/out"; then
		fail "address.json: the address is masked in evidence and explanation" "$(cat "$tmp/out")"
	else
		pass "address.json: the address is masked in evidence and explanation"
	fi

	run evaluate --pretty "$root/tests/examples/address.json"
	expect_status "evaluate --pretty" 0
	golden "evaluate --pretty examples/address.json matches golden" "$tmp/out" \
		"$here/golden/evaluate/address.pretty.json"

	cp "$root/tests/examples/address.json" "$tmp/address.json"
	run evaluate "$tmp/address.json"
	cp "$tmp/out" "$tmp/from-file"
	status=0
	"$policyctl" evaluate <"$root/tests/examples/address.json" >"$tmp/out" 2>"$tmp/err" || status=$?
	if [ "$status" -eq 0 ] && cmp -s "$tmp/out" "$tmp/from-file"; then
		pass "evaluate from standard input gives the same decision as from a file"
	else
		fail "evaluate from standard input gives the same decision as from a file" \
			"exit $status" "$(diff "$tmp/from-file" "$tmp/out" | head -10)"
	fi
	status=0
	"$policyctl" evaluate - <"$root/tests/examples/address.json" >"$tmp/out" 2>"$tmp/err" || status=$?
	if [ "$status" -eq 0 ] && cmp -s "$tmp/out" "$tmp/from-file"; then
		pass "evaluate - reads standard input"
	else
		fail "evaluate - reads standard input" "exit $status" "$(head -c 300 "$tmp/err")"
	fi

	run evaluate --policy "$root/rules/default" "$root/tests/examples/address.json"
	sed 's/"revision":"[0-9a-f]*"/"revision":"R"/' "$tmp/out" >"$tmp/a"
	sed 's/"revision":"[0-9a-f]*"/"revision":"R"/' "$tmp/from-file" >"$tmp/b"
	if [ "$status" -eq 0 ] && cmp -s "$tmp/a" "$tmp/b"; then
		pass "--policy rules/default decides like the embedded policy"
	else
		fail "--policy rules/default decides like the embedded policy" "exit $status" \
			"$(diff "$tmp/b" "$tmp/a" | head -10)"
	fi
}

# ---------------------------------------------------------------------------
section_batch() {
	local b="$here/cases/batch" g="$here/golden/batch"

	# A JSON array in, a JSON array out.
	run evaluate "$b/array.json"
	expect_status "array.json: all records valid" 0
	golden "array.json matches golden" "$tmp/out" "$g/array.out"
	if jq_like_array "$tmp/out" 4; then
		pass "array.json: a JSON array of 4 decisions comes out"
	else
		fail "array.json: a JSON array of 4 decisions comes out" "$(head -c 400 "$tmp/out")"
	fi
	expect_contains "array.json: a record without id gets its record number as id" \
		"$tmp/out" '{"id":2,"verdict":"violation"'
	expect_contains "array.json: an integer id is echoed as an integer" \
		"$tmp/out" '{"id":42,"verdict":"no_violation"'

	# An array with invalid records in the middle.
	run evaluate "$b/array-invalid.json"
	expect_status "array-invalid.json: some records invalid" 1
	golden "array-invalid.json matches golden" "$tmp/out" "$g/array-invalid.out"
	if jq_like_array "$tmp/out" 4; then
		pass "array-invalid.json: 4 records in, 4 results out"
	else
		fail "array-invalid.json: 4 records in, 4 results out" "$(head -c 400 "$tmp/out")"
	fi
	expect_contains "array-invalid.json: error record in place, naming the field" "$tmp/out" \
		'{"id":"ai-2","record":2,"line":3,"error":{"code":"invalid_field","message":"subject.public_figure: expected boolean"}}'
	expect_contains "array-invalid.json: unknown reporter.role is an error naming the field" "$tmp/out" \
		'{"id":"ai-3","record":3,"line":4,"error":{"code":"invalid_field","message":"reporter.role: '
	expect_ids "array-invalid.json: results in input order" '"ai-1" "ai-2" "ai-3" "ai-4" '

	# A malformed array still gives a result per element, in order: a
	# missing ',' makes an error of the element after it, and an empty
	# place (",,", a trailing ',') or a stray '}' is an error of its own.
	local rep='"reporter":{"role":"bystander"},"content":{"text":"hi"}' arr
	for arr in \
		"[{\"id\":1,$rep},{\"id\":2,$rep} {\"id\":3,$rep},{\"id\":4,$rep}]|1 2 3 4 |expected ',' or ']' before this element" \
		"[{\"id\":1,$rep},,{\"id\":2,$rep},]|1 null 2 null |no element between two ','" \
		"[{\"id\":1,$rep}},{\"id\":2,$rep}]|1 null 2 |a '}' that closes nothing"; do
		printf '%s\n' "${arr%%|*}" >"$tmp/malformed.json"
		run evaluate --compact "$tmp/malformed.json"
		expect_status "malformed array ${arr##*|}: some records invalid" 1
		expect_ids "malformed array ${arr##*|}: every element in its place" "$(echo "$arr" | cut -d'|' -f2)"
		expect_contains "malformed array ${arr##*|}: said so" "$tmp/out" "${arr##*|}"
	done

	# Records after a multi-line array are each an error in their place:
	# none is lost, and the array's own records are evaluated.
	printf '[{"id":1,%s},\n{"id":2,%s}\n]\n{"id":3,%s}\n{"id":4,%s}\n' \
		"$rep" "$rep" "$rep" "$rep" >"$tmp/array-then.json"
	run evaluate --compact "$tmp/array-then.json"
	expect_status "records after an array: invalid" 1
	expect_ids "records after an array: every record in its place" '1 2 3 4 '
	if [ "$(grep -c '"error"' "$tmp/out")" = 2 ]; then
		pass "records after an array: an error each, the array's evaluated"
	else
		fail "records after an array: an error each, the array's evaluated" \
			"$(cat "$tmp/out")"
	fi
	expect_contains "records after an array: said so" "$tmp/out" \
		"a record after the array's closing ']'"

	# Arrays in several files make one array of results: one JSON text.
	printf '[]\n' >"$tmp/empty.json"
	run evaluate --compact "$b/array.json" "$tmp/empty.json" "$b/array-invalid.json"
	expect_status "two arrays and an empty one: one invalid record" 1
	if jq_like_array "$tmp/out" 8; then
		pass "two arrays and an empty one: one array of 8 results"
	else
		fail "two arrays and an empty one: one array of 8 results" "$(head -c 400 "$tmp/out")"
	fi
	run evaluate --compact "$tmp/empty.json" "$tmp/empty.json"
	if [ "$(cat "$tmp/out")" = "[]" ]; then
		pass "two empty arrays: one empty array"
	else
		fail "two empty arrays: one empty array" "$(head -c 200 "$tmp/out")"
	fi

	# Inputs of different shapes: the first that is an array or holds
	# a record sets the shape of the whole output, which stays one JSON
	# text or one JSON Lines stream.
	printf '{"id":"m1",%s}\n{"id":"m2",%s}\n' "$rep" "$rep" >"$tmp/two.jsonl"
	: >"$tmp/nothing.jsonl"
	run evaluate --compact "$tmp/nothing.jsonl" "$b/array.json" "$tmp/two.jsonl" "$tmp/empty.json"
	if [ "$status" -eq 0 ] && jq_like_array "$tmp/out" 6 &&
		[ "$(ids "$tmp/out" | tail -n 2 | tr '\n' ' ')" = '"m1" "m2" ' ]; then
		pass "an array, then JSON Lines: one array of every result, in order"
	else
		fail "an array, then JSON Lines: one array of every result, in order" "exit $status" "$(cut -c1-160 "$tmp/out")"
	fi
	run evaluate --compact "$tmp/empty.json" "$tmp/two.jsonl"
	if [ "$status" -eq 0 ] && jq_like_array "$tmp/out" 2; then
		pass "an empty array, then JSON Lines: one array"
	else
		fail "an empty array, then JSON Lines: one array" "exit $status" "$(cut -c1-160 "$tmp/out")"
	fi
	run evaluate "$tmp/nothing.jsonl" "$tmp/two.jsonl" "$b/array.json"
	if [ "$status" -eq 0 ] && [ "$(lines "$tmp/out")" -eq 6 ] &&
		! grep -q '^[][]' "$tmp/out" &&
		[ "$(ids "$tmp/out" | head -n 2 | tr '\n' ' ')" = '"m1" "m2" ' ]; then
		pass "JSON Lines, then an array: a line per result, in order"
	else
		fail "JSON Lines, then an array: a line per result, in order" "exit $status" "$(cut -c1-160 "$tmp/out")"
	fi

	# JSON Lines whose first record is an array on one line are JSON
	# Lines: read as an array, the records after it were one error.
	printf '[1,2]\n{"id":"l2",%s}\n\n[]\n{"id":"l5",%s}\n' "$rep" "$rep" >"$tmp/array-first.jsonl"
	run evaluate "$tmp/array-first.jsonl"
	expect_status "JSON Lines whose first line is an array" 1
	if [ "$(lines "$tmp/out")" -eq 4 ] && [ "$(ids "$tmp/out" | tr '\n' ' ')" = 'null "l2" null "l5" ' ] &&
		sed -n 1p "$tmp/out" | grep -qF '{"id":null,"record":1,"line":1,"error":{"code":"invalid_json","message":"report: expected a JSON object"}}' &&
		sed -n 3p "$tmp/out" | grep -qF '"record":3,"line":4,'; then
		pass "JSON Lines whose first line is an array: a result per line, in order"
	else
		fail "JSON Lines whose first line is an array: a result per line, in order" "$(cut -c1-160 "$tmp/out")"
	fi
	# An array on one line with nothing after it is still an array.
	printf '[{"id":"only",%s}]\n\n' "$rep" >"$tmp/one-line.json"
	run evaluate --compact "$tmp/one-line.json"
	if [ "$status" -eq 0 ] && jq_like_array "$tmp/out" 1; then
		pass "an array on one line alone is an array"
	else
		fail "an array on one line alone is an array" "exit $status" "$(cut -c1-160 "$tmp/out")"
	fi

	# Positions in messages are those of the input, not of the record;
	# with several inputs, error records name the file.
	printf '[\n  {"id":"p1",%s},\n  {"id":"p2",\n   "content": {"text": nope}}\n]\n' "$rep" >"$tmp/where.json"
	run evaluate --compact "$tmp/where.json"
	expect_contains "an array element's syntax error gives its line and column in the file" "$tmp/out" \
		'{"id":"p2","record":2,"line":3,"error":{"code":"invalid_json","message":"report: invalid JSON at line 4, column 24 (in content.text): expected a value"}}'
	printf '{"id":"j1",%s}\n\n  {"id":"j2", "content": x}\n' "$rep" >"$tmp/where.jsonl"
	run evaluate "$tmp/where.jsonl"
	expect_contains "a JSON Line's syntax error gives its line in the file" "$tmp/out" \
		'{"id":"j2","record":2,"line":3,"error":{"code":"invalid_json","message":"report: invalid JSON at line 3, column 26 (in content): expected a value"}}'
	printf '\n\n{"id": "o1",\n "content": x}\n' >"$tmp/where-object.json"
	run evaluate --compact "$tmp/where-object.json"
	expect_contains "a single object after blank lines: the position counts them" "$tmp/out" \
		'{"id":"o1","record":1,"error":{"code":"invalid_json","message":"report: invalid JSON at line 4, column 13 (in content): expected a value"}}'
	run evaluate "$tmp/where.jsonl" "$tmp/where.json"
	expect_contains "several inputs: an error record in the second names its file" "$tmp/out" \
		'{"id":"p2","record":4,"file":"'"$tmp/where.json"'","line":3,"error":{"code":"invalid_json","message":"report: invalid JSON at line 4, column 24'
	expect_contains "several inputs: an error record in the first names its file" "$tmp/out" \
		'{"id":"j2","record":2,"file":"'"$tmp/where.jsonl"'","line":3,'
	run evaluate - "$tmp/where.json" <"$tmp/where.jsonl"
	expect_contains "several inputs: standard input is named stdin" "$tmp/out" \
		'{"id":"j2","record":2,"file":"stdin","line":3,'

	# Indented objects one after another (jq's output) are records one
	# by one, with JSON Lines out; a bracket between them is an error in
	# its place. One indented object with a stray '}' after it is one
	# error, not one per line.
	{
		printf '{\n  "id": "s1",\n  "reporter": {"role": "bystander"}\n}\n'
		printf '{\n  "id": "s2",\n  "subject": {"public_figure": "no"}\n}\n}\n'
		printf '{\n  "id": "s3",\n  "reporter": {"role": "bystander"}\n}\n'
	} >"$tmp/stream.json"
	run evaluate "$tmp/stream.json"
	expect_status "a stream of indented objects with errors" 1
	expect_ids "a stream of indented objects: a result per object and per stray bracket, in order" '"s1" "s2" null "s3" '
	expect_contains "a stream of indented objects: the stray bracket is named" "$tmp/out" \
		"a bracket that closes nothing"
	printf '{\n  "id": "x1",\n  "reporter": {"role": "bystander"}\n}\n}\n' >"$tmp/extra.json"
	run evaluate --compact "$tmp/extra.json"
	expect_status "an indented object with a stray '}' after it" 1
	if [ "$(lines "$tmp/out")" -eq 1 ]; then
		pass "an indented object with a stray '}' after it: one error"
	else
		fail "an indented object with a stray '}' after it: one error" "$(head -c 600 "$tmp/out")"
	fi
	expect_contains "an indented object with a stray '}' after it: said so" "$tmp/out" \
		"unexpected text after the JSON value"

	# JSON Lines with blank lines and an invalid record in the middle.
	run evaluate "$b/mixed.jsonl"
	expect_status "mixed.jsonl: an invalid record" 1
	golden "mixed.jsonl matches golden" "$tmp/out" "$g/mixed.out"
	local nin nout
	nin=$(grep -c '[^[:space:]]' "$b/mixed.jsonl")
	nout=$(lines "$tmp/out")
	if [ "$nin" -eq 5 ] && [ "$nout" -eq "$nin" ]; then
		pass "mixed.jsonl: blank lines skipped, $nin records in, $nout results out"
	else
		fail "mixed.jsonl: blank lines skipped, N records in, N results out" "in $nin, out $nout"
	fi
	expect_contains "mixed.jsonl: error record with record and line, naming the field" "$tmp/out" \
		'{"id":"b-3","record":3,"line":5,"error":{"code":"invalid_field","message":"subject.public_figure: expected boolean"}}'
	expect_ids "mixed.jsonl: results in input order, record number as the missing id" '"b-1" "b-2" "b-3" "b-4" 5 '
	if head -c 1 "$tmp/out" | grep -q '{' && ! grep -q '^\[' "$tmp/out"; then
		pass "mixed.jsonl: JSON Lines in, JSON Lines out"
	else
		fail "mixed.jsonl: JSON Lines in, JSON Lines out" "$(head -c 200 "$tmp/out")"
	fi

	# A truncated last line is an error record, not a crash or a skip.
	run evaluate "$b/truncated.jsonl"
	expect_status "truncated.jsonl: a truncated last line" 1
	golden "truncated.jsonl matches golden" "$tmp/out" "$g/truncated.out"
	if [ "$(lines "$tmp/out")" -eq 2 ] &&
		tail -n 1 "$tmp/out" | grep -qF '"record":2,"line":2,"error":{"code":"invalid_json"'; then
		pass "truncated.jsonl: the truncated record gives an error record in its place"
	else
		fail "truncated.jsonl: the truncated record gives an error record in its place" \
			"$(cat "$tmp/out")" "stderr: $(head -c 300 "$tmp/err")"
	fi

	# A pretty-printed object cut short is one record, not one per line.
	run evaluate "$b/truncated-pretty.json"
	expect_status "truncated-pretty.json: one object cut short" 1
	if [ "$(lines "$tmp/out")" -eq 1 ]; then
		pass "truncated-pretty.json: a single error record"
	else
		fail "truncated-pretty.json: a single error record" "$(cat "$tmp/out")"
	fi
	expect_contains "truncated-pretty.json: the error says where the input ends" \
		"$tmp/out" '"message":"report: truncated JSON (the input ends inside reporter)"'

	# Blank lines before the first record still count as lines.
	printf '\n\n{"id":"x","reporter":{"role":"bystander"},"subject":{"consented":1}}\n{"id":"y","reporter":{"role":"bystander"}}\n' >"$tmp/blank-first.jsonl"
	run evaluate "$tmp/blank-first.jsonl"
	expect_contains "leading blank lines are counted in \"line\"" "$tmp/out" \
		'{"id":"x","record":1,"line":3,"error":{"code":"invalid_field"'

	# An id under an escaped key is still named in the error record.
	printf '{"i\\u0064":"esc","reporter":{"role":"bystander"},"subject":{"consented":1}}\n' >"$tmp/escid.jsonl"
	run evaluate "$tmp/escid.jsonl"
	expect_contains "an id under an escaped key is echoed in the error record" "$tmp/out" \
		'{"id":"esc","record":1,"error":{"code":"invalid_field"'

	# An integer id is echoed as written, -0 too (not as 0), in a
	# decision and in an error record.
	printf '{"id":-0,"reporter":{"role":"bystander"}}\n{"id":-0,"reporter":{"role":"bystander"},"subject":{"consented":1}}\n{"id":-17,"reporter":{"role":"bystander"}}\n' >"$tmp/negid.jsonl"
	run evaluate "$tmp/negid.jsonl"
	expect_contains "an id of -0 is echoed as -0 in a decision" "$tmp/out" \
		'{"id":-0,"verdict":'
	expect_contains "an id of -0 is echoed as -0 in an error record" "$tmp/out" \
		'{"id":-0,"record":2,"line":2,"error":{"code":"invalid_field"'
	expect_contains "a negative id is echoed as written" "$tmp/out" \
		'{"id":-17,"verdict":'

	# An id that is not valid UTF-8 is not echoed: the output stays JSON.
	printf '{"id":"\377","reporter":{"role":"bystander"}}\n' >"$tmp/badid.jsonl"
	run evaluate "$tmp/badid.jsonl"
	expect_status "an id that is not UTF-8" 1
	expect_contains "an id that is not UTF-8 is not echoed" "$tmp/out" \
		'{"id":null,"record":1,"error":{"code":"invalid_field","message":"id: not valid UTF-8"}}'

	# A directory among the inputs is refused before anything is written.
	mkdir -p "$tmp/adir"
	run evaluate "$root/tests/examples/benign.json" "$tmp/adir"
	expect_status "a directory as input" 2
	expect_empty "a directory as input: nothing is written" "$tmp/out"
	expect_contains "a directory as input: the error names it" "$tmp/err" "is a directory"

	# One record per kind of invalid field (SPEC §2), then a valid one with an
	# unknown field (ignored): each error names its field.
	run evaluate "$b/invalid.jsonl"
	expect_status "invalid.jsonl: 12 invalid records and a valid one" 1
	golden "invalid.jsonl matches golden" "$tmp/out" "$g/invalid.out"
	local fields=(author.prior_violations "content.media[0].type" reporter.role reporter.role
		content.text context.region context.public_event content.labels "content.labels[0]"
		"content.media[0].depicts_person" reporter author.prior_violations)
	local i=0 bad="" rec
	for rec in "${fields[@]}"; do
		i=$((i + 1))
		sed -n "${i}p" "$tmp/out" >"$tmp/line"
		if ! grep -qF "{\"id\":\"i-$i\",\"record\":$i,\"line\":$i,\"error\":{\"code\":\"" "$tmp/line" ||
			! grep -qF "\"message\":\"$rec: " "$tmp/line"; then
			bad="$bad"$'\n'"record $i (want $rec): $(cat "$tmp/line")"
		fi
	done
	if [ -z "$bad" ]; then
		pass "invalid.jsonl: each of the 12 error records names its field"
	else
		fail "invalid.jsonl: each of the 12 error records names its field" "$bad"
	fi
	if [ "$(lines "$tmp/out")" -eq 13 ] &&
		tail -n 1 "$tmp/out" | grep -qF '{"id":"i-13","verdict":"violation"'; then
		pass "invalid.jsonl: the valid record after 12 invalid ones is still decided"
	else
		fail "invalid.jsonl: the valid record after 12 invalid ones is still decided" \
			"$(tail -n 1 "$tmp/out" | head -c 300)"
	fi

	# All valid: exit 0, N in, N out.
	run evaluate "$b/valid.jsonl"
	expect_status "valid.jsonl: all records valid" 0
	golden "valid.jsonl matches golden" "$tmp/out" "$g/valid.out"
	if [ "$(lines "$tmp/out")" -eq 3 ] && ! grep -q '"error"' "$tmp/out"; then
		pass "valid.jsonl: 3 records in, 3 decisions out"
	else
		fail "valid.jsonl: 3 records in, 3 decisions out" "$(head -c 400 "$tmp/out")"
	fi
	cp "$tmp/out" "$tmp/valid.out"
	run evaluate --format jsonl - <"$b/valid.jsonl"
	if [ "$status" -eq 0 ] && cmp -s "$tmp/out" "$tmp/valid.out"; then
		pass "valid.jsonl from standard input with --format jsonl: same output"
	else
		fail "valid.jsonl from standard input with --format jsonl: same output" "exit $status"
	fi

	# Exit status 2: nothing evaluated.
	run evaluate "$tmp/no-such-file.json"
	expect_status "a missing input file" 2
	expect_empty "a missing input file: nothing on standard output" "$tmp/out"
	expect_contains "a missing input file: named on standard error" "$tmp/err" "no-such-file.json"
	run evaluate --no-such-option "$b/valid.jsonl"
	expect_status "an unknown option" 2
	expect_empty "an unknown option: nothing on standard output" "$tmp/out"
	run evaluate --format yaml "$b/valid.jsonl"
	expect_status "an unknown --format" 2
	# Past the range of an int: not taken modulo 2^32 (4294967297 -> 1).
	run evaluate --threads 4294967297 "$b/valid.jsonl"
	expect_status "--threads beyond the range of an int" 2
	expect_empty "--threads beyond the range of an int: nothing evaluated" "$tmp/out"
	run evaluate --policy "$here/policies/unknown-key" "$b/valid.jsonl"
	expect_status "an invalid --policy" 2
	expect_empty "an invalid --policy: nothing evaluated" "$tmp/out"
	expect_contains "an invalid --policy: the problem is shown with its place" "$tmp/err" \
		"40-rules.yaml:16:5:"
	run evaluate --policy "$tmp/no-such-policy" "$b/valid.jsonl"
	expect_status "a --policy path that does not exist" 2
	expect_empty "a --policy path that does not exist: nothing evaluated" "$tmp/out"
}

# jq_like_array FILE N: FILE is a JSON array ("[" line, N element lines,
# "]" line) whose elements are objects.
jq_like_array() {
	[ "$(head -n 1 "$1")" = "[" ] && [ "$(tail -n 1 "$1")" = "]" ] &&
		[ "$(lines "$1")" -eq $(($2 + 2)) ] &&
		[ "$(sed -n '2,$p' "$1" | grep -c '^{')" -eq "$2" ]
}

# ---------------------------------------------------------------------------
# section_streaming: threads, big batches, hostile records, summaries.
section_streaming() {
	local i
	# 3000 records (more than two chunks), one of them invalid mid-way:
	# N in, N out, in order, identical whatever the number of threads.
	: >"$tmp/many.jsonl"
	for i in $(seq 1 3000); do
		if [ "$i" -eq 1500 ]; then
			echo '{"id":"r-1500","reporter":{"role":"bystander"},"subject":{"public_figure":"no"}}'
		else
			echo "{\"id\":\"r-$i\",\"content\":{\"text\":\"call 555-123-$(printf %04d "$i")\"},\"reporter\":{\"role\":\"bystander\"}}"
		fi
	done >>"$tmp/many.jsonl"
	run evaluate --threads 1 "$tmp/many.jsonl"
	expect_status "3000 records on 1 thread, one invalid" 1
	cp "$tmp/out" "$tmp/t1"
	run evaluate --threads 4 "$tmp/many.jsonl"
	expect_status "3000 records on 4 threads, one invalid" 1
	if cmp -s "$tmp/t1" "$tmp/out"; then
		pass "--threads 4 gives byte-identical output to --threads 1"
	else
		fail "--threads 4 gives byte-identical output to --threads 1" \
			"$(diff "$tmp/t1" "$tmp/out" | head -6)"
	fi
	if [ "$(lines "$tmp/out")" -eq 3000 ] &&
		[ "$(ids "$tmp/out" | head -1)" = '"r-1"' ] &&
		[ "$(ids "$tmp/out" | tail -1)" = '"r-3000"' ] &&
		sed -n 1500p "$tmp/out" | grep -qF '{"id":"r-1500","record":1500,"line":1500,"error":{"code":"invalid_field","message":"subject.public_figure: expected boolean"}}'; then
		pass "3000 in, 3000 out, in order, the invalid one in its place"
	else
		fail "3000 in, 3000 out, in order, the invalid one in its place" \
			"$(lines "$tmp/out") lines" "$(sed -n 1500p "$tmp/out" | head -c 300)"
	fi

	# A record over the size limit and one nested 10,000 deep are error
	# records in their place; the records around them are evaluated.
	{
		echo '{"id":"before","reporter":{"role":"bystander"}}'
		printf '{"id":"big","reporter":{"role":"bystander"},"content":{"text":"'
		head -c 1100000 /dev/zero | tr '\0' 'a'
		echo '"}}'
		printf '{"id":"deep","x":'
		head -c 10000 /dev/zero | tr '\0' '['
		head -c 10000 /dev/zero | tr '\0' ']'
		echo '}'
		echo '{"id":"after","reporter":{"role":"bystander"}}'
	} >"$tmp/hostile.jsonl"
	run evaluate "$tmp/hostile.jsonl"
	expect_status "hostile.jsonl: invalid records" 1
	if [ "$(lines "$tmp/out")" -eq 4 ] &&
		sed -n 2p "$tmp/out" | grep -qF '"record":2,"line":2,"error":{"code":"limit_exceeded","message":"report:' &&
		sed -n 3p "$tmp/out" | grep -qF '{"id":"deep","record":3,"line":3,"error":{"code":"limit_exceeded","message":"report: nested deeper than 32 levels"}}' &&

		sed -n 4p "$tmp/out" | grep -qF '{"id":"after","verdict":"no_violation"'; then
		pass "an oversized record and a 10,000-deep one are error records in place"
	else
		fail "an oversized record and a 10,000-deep one are error records in place" \
			"$(cut -c1-160 "$tmp/out")"
	fi
	# One too long to keep whole is dropped as it is read; its error
	# gives the limit.
	{
		printf '{"id":"huge","content":{"text":"'
		head -c 1200000 /dev/zero | tr '\0' 'a'
		echo '"}}'
		echo '{"id":"after","reporter":{"role":"bystander"}}'
	} >"$tmp/huge.jsonl"
	run evaluate "$tmp/huge.jsonl"
	expect_status "a record far over the size limit" 1
	expect_contains "a record far over the size limit: the limit is given" "$tmp/out" \
		'"record":1,"line":1,"error":{"code":"limit_exceeded","message":"report: over the size limit of a record (1048576 bytes)"}}'
	expect_contains "a record far over the size limit: the next is evaluated" "$tmp/out" \
		'{"id":"after","verdict":"no_violation"'

	# The same in an array, with a truncated last element.
	{
		printf '[{"id":"a","reporter":{"role":"bystander"}},\n{"id":"big","x":"'
		head -c 1100000 /dev/zero | tr '\0' 'b'
		printf '"},\n{"id":"c","reporter":{"role":"bystander"}},\n{"id":"d","reporter":{"ro'
	} >"$tmp/hostile.json"
	run evaluate "$tmp/hostile.json"
	expect_status "hostile.json: invalid array elements" 1
	if [ "$(grep -c '"record"' "$tmp/out")" -eq 2 ] && [ "$(grep -c '"verdict"' "$tmp/out")" -eq 2 ] &&
		grep -qF '"record":4,"line":4,"error":{"code":"invalid_json","message":"report: truncated JSON (the input ends inside this record)"}' "$tmp/out" &&
		head -c 1 "$tmp/out" | grep -qF '[' && tail -n 1 "$tmp/out" | grep -qx ']'; then
		pass "an array keeps its shape around oversized and truncated elements"
	else
		fail "an array keeps its shape around oversized and truncated elements" "$(cut -c1-160 "$tmp/out")"
	fi

	# The shape is read right whatever the first record holds: a first
	# JSON Line cut short or over the limit is one record of a batch, and
	# one pretty-printed object over the limit is one record.
	{
		printf '{"id":"t1","reporter":{"role":"bystan\n'
		echo '{"id":"t2","reporter":{"role":"bystander"}}'
		echo '{"id":"t3","reporter":{"role":"bystander"}}'
	} >"$tmp/trunc-first.jsonl"
	run evaluate "$tmp/trunc-first.jsonl"
	if [ "$(lines "$tmp/out")" -eq 3 ] && sed -n 3p "$tmp/out" | grep -qF '{"id":"t3","verdict"'; then
		pass "a first JSON Line cut short: 3 records in, 3 results out"
	else
		fail "a first JSON Line cut short: 3 records in, 3 results out" "$(cut -c1-120 "$tmp/out")"
	fi
	{
		printf '{"id":"big","x":"'
		head -c 1048600 /dev/zero | tr '\0' 'a'
		echo '"}'
		echo '{"id":"t2","reporter":{"role":"bystander"}}'
	} >"$tmp/big-first.jsonl"
	run evaluate "$tmp/big-first.jsonl"
	if [ "$(lines "$tmp/out")" -eq 2 ] && sed -n 2p "$tmp/out" | grep -qF '{"id":"t2","verdict"'; then
		pass "a first JSON Line over the limit: 2 records in, 2 results out"
	else
		fail "a first JSON Line over the limit: 2 records in, 2 results out" "$(cut -c1-120 "$tmp/out")"
	fi
	{
		printf '{\n  "id": "pretty",\n  "x": [\n'
		for i in $(seq 1 12000); do echo '    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",'; done
		printf '    "end"\n  ],\n  "reporter": {"role": "bystander"}\n}\n'
	} >"$tmp/pretty-big.json"
	run evaluate "$tmp/pretty-big.json"
	if [ "$(lines "$tmp/out")" -eq 1 ] && grep -qF '"code":"limit_exceeded"' "$tmp/out"; then
		pass "one pretty-printed object over the limit: one error record"
	else
		fail "one pretty-printed object over the limit: one error record" "$(lines "$tmp/out") lines" "$(head -c 200 "$tmp/out")"
	fi

	# An array element that is a bare scalar across the reader's 64 KiB
	# refill does not swallow the element after it.
	{
		printf '['
		head -c 65527 /dev/zero | tr '\0' ' '
		echo '123456789,{"id":"after","reporter":{"role":"bystander"}}]'
	} >"$tmp/scalar-edge.json"
	run evaluate "$tmp/scalar-edge.json"
	if [ "$(grep -c '^{' "$tmp/out")" -eq 2 ] && grep -qF '{"id":"after","verdict"' "$tmp/out"; then
		pass "a scalar element across a buffer refill: 2 elements in, 2 results out"
	else
		fail "a scalar element across a buffer refill: 2 elements in, 2 results out" "$(cut -c1-120 "$tmp/out")"
	fi

	# A record of exactly the limit (1 MiB) is evaluated, as line 2 and
	# with a CR LF ending.
	local head='{"id":"exact","reporter":{"role":"bystander"},"x":"'
	{
		echo '{"id":"t1","reporter":{"role":"bystander"}}'
		printf '%s' "$head"
		head -c $((1048576 - ${#head} - 2)) /dev/zero | tr '\0' 'a'
		printf '"}\r\n'
	} >"$tmp/exact.jsonl"
	run evaluate "$tmp/exact.jsonl"
	if [ "$(wc -c <"$tmp/exact.jsonl")" -eq $((44 + 1048576 + 2)) ] &&
		sed -n 2p "$tmp/out" | grep -qF '{"id":"exact","verdict"'; then
		pass "a record of exactly 1 MiB (line 2, CR LF) is evaluated"
	else
		fail "a record of exactly 1 MiB (line 2, CR LF) is evaluated" "$(wc -c <"$tmp/exact.jsonl") bytes" "$(sed -n 2p "$tmp/out" | cut -c1-160)"
	fi

	# --summary: counts by verdict, category, action and referral.
	run evaluate --summary=json "$tmp/many.jsonl"
	expect_contains "--summary=json counts records and verdicts" "$tmp/err" \
		'{"records":3000,"invalid":1,"verdicts":{"violation":2999},"categories":{"contact_information":2999},"actions":{"lock_account":2999,"remove_content":2999},"referrals":{}}'
	run evaluate --summary "$tmp/many.jsonl"
	expect_contains "--summary prints a table" "$tmp/err" "3000 records, 2999 evaluated, 1 invalid"
	expect_contains "--summary table lists categories" "$tmp/err" "  contact_information"
	run evaluate --summary=xml "$tmp/many.jsonl"
	expect_status "--summary=xml is a usage error" 2

	# Progress can be asked for when standard error is not a terminal.
	run evaluate --progress "$tmp/many.jsonl"
	expect_contains "--progress writes a progress line" "$tmp/err" "3000 records"
	run evaluate "$tmp/many.jsonl"
	expect_empty "no progress line when standard error is not a terminal" "$tmp/err"
	run evaluate --threads 0 "$tmp/many.jsonl"
	expect_status "--threads 0 is a usage error" 2
}

section_determinism() {
	local ex i=0
	# Every example as one JSON Lines batch, twice.
	: >"$tmp/all.jsonl"
	for ex in "$root"/tests/examples/*.json; do
		tr -d '\n' <"$ex" >>"$tmp/all.jsonl"
		echo >>"$tmp/all.jsonl"
	done
	run evaluate "$tmp/all.jsonl"
	cp "$tmp/out" "$tmp/first"
	local s1=$status
	run evaluate "$tmp/all.jsonl"
	if [ "$s1" -eq 0 ] && [ "$status" -eq 0 ] && [ -s "$tmp/first" ] && cmp -s "$tmp/first" "$tmp/out"; then
		pass "evaluating the same batch twice gives byte-identical output"
	else
		fail "evaluating the same batch twice gives byte-identical output" \
			"exit $s1 then $status" "$(diff "$tmp/first" "$tmp/out" | head -20)"
	fi
	# Each record of the batch decides as it does alone.
	local same=1
	for ex in "$root"/tests/examples/*.json; do
		i=$((i + 1))
		"$policyctl" evaluate "$ex" >"$tmp/one" 2>/dev/null || true
		sed -n "${i}p" "$tmp/first" >"$tmp/line"
		if ! cmp -s "$tmp/one" "$tmp/line"; then
			same=0
			fail "examples/$(basename "$ex"): decided alone as in a batch" \
				"$(diff "$tmp/one" "$tmp/line" | head -10)"
		fi
	done
	if [ "$same" = 1 ]; then
		pass "every example decides alone exactly as inside a JSON Lines batch ($i records)"
	fi
	# Array and JSON Lines give the same decisions.
	{
		echo "["
		sed '$!s/$/,/' "$tmp/all.jsonl"
		echo "]"
	} >"$tmp/all.json"
	run evaluate "$tmp/all.json"
	sed '1d;$d;s/,$//' "$tmp/out" >"$tmp/arr"
	if [ "$status" -eq 0 ] && cmp -s "$tmp/arr" "$tmp/first"; then
		pass "the same records as an array give the same decisions as JSON Lines"
	else
		fail "the same records as an array give the same decisions as JSON Lines" \
			"exit $status" "$(diff "$tmp/first" "$tmp/arr" | head -10)"
	fi
	# -o FILE writes the same bytes.
	run evaluate -o "$tmp/o.jsonl" "$tmp/all.jsonl"
	if [ "$status" -eq 0 ] && cmp -s "$tmp/o.jsonl" "$tmp/first"; then
		pass "-o FILE writes the same output as standard output"
	else
		fail "-o FILE writes the same output as standard output" "exit $status"
	fi
	# -o naming an input would empty it before it is read.
	cp "$tmp/all.jsonl" "$tmp/in-out.jsonl"
	run evaluate -o "$tmp/in-out.jsonl" "$tmp/all.jsonl" "$tmp/in-out.jsonl"
	expect_status "-o naming one of the inputs" 2
	expect_contains "-o naming one of the inputs: said so" "$tmp/err" \
		"the output $tmp/in-out.jsonl is also an input"
	if cmp -s "$tmp/in-out.jsonl" "$tmp/all.jsonl"; then
		pass "-o naming one of the inputs: the input is left as it was"
	else
		fail "-o naming one of the inputs: the input is left as it was" \
			"$(wc -c <"$tmp/in-out.jsonl") bytes left"
	fi
	status=0
	"$policyctl" evaluate -o "$tmp/in-out.jsonl" - <"$tmp/in-out.jsonl" \
		>"$tmp/out" 2>"$tmp/err" || status=$?
	expect_status "-o naming the file on standard input" 2
	run diff --old builtin --new builtin -o "$tmp/in-out.jsonl" "$tmp/in-out.jsonl"
	expect_status "diff -o naming its input" 2
	if cmp -s "$tmp/in-out.jsonl" "$tmp/all.jsonl"; then
		pass "diff -o naming its input: the input is left as it was"
	else
		fail "diff -o naming its input: the input is left as it was" \
			"$(wc -c <"$tmp/in-out.jsonl") bytes left"
	fi
	run evaluate -o "$tmp" "$tmp/all.jsonl"
	expect_status "-o naming a directory" 2
	expect_contains "-o naming a directory: the reason is given" "$tmp/err" \
		"Is a directory"
	# The policy's revision is the same on each load of the same files.
	local r1 r2
	r1=$("$policyctl" validate "$root/rules/default" 2>&1 | sed -n 's/.*(revision \([0-9a-f]*\)).*/\1/p')
	r2=$("$policyctl" validate "$root/rules/default" 2>&1 | sed -n 's/.*(revision \([0-9a-f]*\)).*/\1/p')
	if [ -n "$r1" ] && [ "$r1" = "$r2" ]; then
		pass "validating the same policy twice gives the same revision"
	else
		fail "validating the same policy twice gives the same revision" "'$r1' vs '$r2'"
	fi
}

# ---------------------------------------------------------------------------
# check_diag FIXTURE WANT_STATUS PREFIX CODE [MESSAGE_PART]: `policyctl
# validate policies/FIXTURE` (run from tests/cli) exits WANT_STATUS and
# prints a line that starts with PREFIX (file:line:column: level:), ends
# with [CODE] and contains MESSAGE_PART.
check_diag() {
	local fixture=$1 want=$2 prefix=$3 code=$4 part=${5:-}
	status=0
	(cd "$here" && "$policyctl" validate "policies/$fixture") >"$tmp/out" 2>"$tmp/err" || status=$?
	cat "$tmp/out" "$tmp/err" >"$tmp/all"
	expect_status "validate $fixture" "$want"
	local desc="validate $fixture: $prefix ...${part:+ $part ...} [$code]"
	local line
	line=$(grep -F -- "$prefix" "$tmp/all" | head -n 1 || true)
	if [ -z "$line" ]; then
		fail "$desc" "no line starts with '$prefix'; output:" \
			"$(cat "$tmp/all")"
	elif [[ $line != "$prefix"* ]]; then
		fail "$desc" "the place is not at the start of the line: $line"
	elif [[ $line != *"[$code]" ]]; then
		fail "$desc" "wrong code: $line"
	elif [ -n "$part" ] && [[ $line != *"$part"* ]]; then
		fail "$desc" "message lacks '$part': $line"
	else
		pass "$desc"
	fi
}

section_validate() {
	run validate
	expect_status "validate the embedded default policy" 0
	expect_contains "validate: the embedded policy is valid with 0 warnings" "$tmp/out" "valid: private-information-and-media 2021-11-30"
	run validate "$root/rules/default"
	expect_status "validate rules/default" 0

	check_diag unknown-key 2 "policies/unknown-key/40-rules.yaml:16:5: error:" unknown-key \
		"did you mean 'outcome'"
	check_diag wrong-type-unless 2 "policies/wrong-type-unless/40-rules.yaml:25:13: error:" wrong-type "unless"
	check_diag wrong-type-enabled 2 "policies/wrong-type-enabled/40-rules.yaml:56:14: error:" wrong-type "enabled"
	check_diag undefined-category 2 "policies/undefined-category/40-rules.yaml:75:15: error:" \
		undefined-reference "home_adress"
	check_diag undefined-category 2 "policies/undefined-category/40-rules.yaml:75:15: error:" \
		undefined-reference "did you mean 'home_address'"
	check_diag undefined-exception 2 "policies/undefined-exception/40-rules.yaml:13:9: error:" \
		undefined-reference "consnet"
	check_diag undefined-signal 2 "policies/undefined-signal/30-exceptions.yaml:33:11: error:" \
		undefined-reference "context.publc_event"
	check_diag duplicate-id 2 "policies/duplicate-id/45-more-rules.yaml:3:9: error:" duplicate-id \
		"policies/duplicate-id/40-rules.yaml:52:"
	check_diag duplicate-key 2 "policies/duplicate-key/40-rules.yaml:82:5: error:" duplicate-key "where"
	check_diag alias 2 "policies/alias/30-exceptions.yaml:22:11: error:" syntax "&public"
	check_diag never-fires 0 "policies/never-fires/40-rules.yaml:55:12: warning:" never-fires "nudity"
	expect_contains "validate never-fires: still valid, 1 warning" "$tmp/all" "1 warning"

	# A single file can be validated too (it is one whole policy only with
	# the other files, so errors are expected; the place must be exact).
	status=0
	(cd "$here" && "$policyctl" validate policies/duplicate-key/40-rules.yaml) >"$tmp/out" 2>"$tmp/err" || status=$?
	expect_status "validate a single broken file" 2
	expect_contains "validate a single broken file: duplicate key found" "$tmp/out" \
		"policies/duplicate-key/40-rules.yaml:82:5: error:"
	run validate "$tmp/no-such-policy"
	expect_status "validate a path that does not exist" 2
	run validate --no-such-option
	expect_status "validate with an unknown option" 2
}

# ---------------------------------------------------------------------------
section_test() {
	status=0
	(cd "$root" && "$policyctl" test rules/tests) >"$tmp/out" 2>"$tmp/err" || status=$?
	expect_status "policyctl test rules/tests passes" 0
	local summary
	summary=$(tail -n 1 "$tmp/out")
	if [[ $summary =~ ^([0-9]+)\ passed,\ 0\ failed$ ]] && [ "${BASH_REMATCH[1]}" -gt 0 ]; then
		pass "policyctl test rules/tests: '$summary'"
	else
		fail "policyctl test rules/tests: 'N passed, 0 failed'" "last line: $summary"
	fi

	status=0
	(cd "$here" && "$policyctl" test cases/policy-tests/wrong-expectation.yaml) >"$tmp/out" 2>"$tmp/err" || status=$?
	cat "$tmp/out" "$tmp/err" >"$tmp/all"
	expect_status "a test file with a wrong expectation fails" 1
	expect_contains "wrong expectation: the failing test is named with its place" "$tmp/all" \
		"cases/policy-tests/wrong-expectation.yaml:8:5: FAIL wrong on purpose"
	expect_contains "wrong expectation: the expected verdict is shown" "$tmp/all" "expected no_violation"
	expect_contains "wrong expectation: the verdict that came is shown" "$tmp/all" "got      violation"
	expect_contains "wrong expectation: the unexpected category is shown" "$tmp/all" "unexpected: home_address"
	expect_contains "wrong expectation: 1 passed, 1 failed" "$tmp/all" "1 passed, 1 failed"

	# Tests that would pass whatever came fail, each at its place.
	status=0
	(cd "$here" && "$policyctl" test cases/policy-tests/checks-nothing.yaml) >"$tmp/out" 2>"$tmp/err" || status=$?
	expect_status "tests that check nothing fail" 1
	expect_contains "a misspelt key in expect is named" "$tmp/out" \
		"checks-nothing.yaml:5:14: test 1: unknown key 'verdcit' in expect"
	expect_contains "an empty expected error is refused" "$tmp/out" \
		"checks-nothing.yaml:8:21: test 2: error takes a part of the message"
	expect_contains "an empty expect is refused" "$tmp/out" \
		"checks-nothing.yaml:11:13: test 3: expect is empty"
	expect_contains "tests that check nothing: 1 passed, 3 failed" "$tmp/out" "1 passed, 3 failed"

	# --verbose names the tests that pass, and explains a failure.
	status=0
	(cd "$here" && "$policyctl" test --verbose cases/policy-tests/wrong-expectation.yaml) >"$tmp/out" 2>"$tmp/err" || status=$?
	expect_status "test --verbose with a wrong expectation" 1
	expect_contains "test --verbose names the test that passes" "$tmp/out" \
		"cases/policy-tests/wrong-expectation.yaml:4:5: ok address shared by a bystander is a violation"
	expect_contains "test --verbose explains the failure" "$tmp/out" "  explanation:"

	run test "$tmp/no-such-tests.yaml"
	expect_status "policyctl test on a missing file" 2
}

# ---------------------------------------------------------------------------
section_help() {
	run --help
	expect_status "policyctl --help" 0
	expect_contains "policyctl --help: shows the usage" "$tmp/out" "usage: policyctl"
	run --version
	expect_status "policyctl --version" 0
	expect_contains "policyctl --version: names the version" "$tmp/out" "policyctl 0."
	# Output that cannot be written is a failure a script can see
	# (/dev/full: every write fails with ENOSPC).
	local args
	for args in "--help" "--version" "validate" "test $root/rules/tests"; do
		status=0
		# shellcheck disable=SC2086
		"$policyctl" $args >/dev/full 2>"$tmp/err" || status=$?
		expect_status "policyctl $args with standard output full" 2
		expect_contains "policyctl $args with standard output full: said so" \
			"$tmp/err" "error writing the output"
	done
	local cmd
	for cmd in evaluate validate test; do
		run help "$cmd"
		expect_status "policyctl help $cmd" 0
		expect_contains "policyctl help $cmd: shows its usage" "$tmp/out" "usage: policyctl $cmd"
		run "$cmd" --help
		expect_status "policyctl $cmd --help" 0
	done
	run no-such-command
	expect_status "an unknown command" 2
	expect_empty "an unknown command: nothing on standard output" "$tmp/out"
	run
	expect_status "no command at all" 2
}

for s in $sections; do
	case $s in
	evaluate | batch | streaming | determinism | validate | test | help) "section_$s" ;;
	*)
		echo "$0: unknown section '$s'" >&2
		exit 2
		;;
	esac
done

finish
