#!/usr/bin/env bash
# tests/cli/test_yaml_edit.sh - the policy is data: editing the YAML alone
# changes decisions, with the same policyctl binary and no recompilation.
#
#   tests/cli/test_yaml_edit.sh POLICYCTL
#
# (a) Sweden's regional exception for identity numbers comes from the list
#     identity-numbers-public and the rule's `unless`: removing SE from the
#     list, or the exception from the rule, turns a Swedish report of an
#     identity number from no_violation into a violation.
# (b) A new category and a keyword detector added in YAML make a report
#     with that keyword a violation of the new category.
# Prints "ok - ..." / "not ok - ..." per check, then "N passed, M failed".
set -euo pipefail

if [ $# -ne 1 ]; then
	echo "usage: $0 POLICYCTL" >&2
	exit 2
fi
. "$(dirname "$0")/../tap.sh"
use_policyctl "$1" yaml-edit


# decide POLICY REPORT_FILE: the compact decision in $out, the exit status
# in $status.
status=0
out=
decide() {
	status=0
	"$policyctl" evaluate --policy "$1" "$2" >"$tmp/out" 2>"$tmp/err" || status=$?
	out=$(cat "$tmp/out")
}

# expect DESCRIPTION OUTPUT STRING...: OUTPUT holds every STRING.
expect() {
	local desc=$1 out=$2 s
	shift 2
	for s in "$@"; do
		if [[ $out != *"$s"* ]]; then
			fail "$desc" "missing: $s" "got: $out" "stderr: $(head -c 400 "$tmp/err")"
			return
		fi
	done
	if [ "$status" -ne 0 ]; then
		fail "$desc" "exit status $status" "stderr: $(head -c 400 "$tmp/err")"
		return
	fi
	pass "$desc"
}

cat >"$tmp/se.json" <<'EOF'
{"id": "se-1", "content": {"text": "Hennes personnummer/SSN: 123-45-6789"},
 "reporter": {"role": "bystander"}, "context": {"region": "SE"}}
EOF
cat >"$tmp/dox.json" <<'EOF'
{"id": "dox-1", "content": {"text": "Time to DOXX her, RT so everyone sees"},
 "reporter": {"role": "automated"}}
EOF

no_violation='"verdict":"no_violation"'
violation='"verdict":"violation"'
se_excepted='"exceptions":[{"rule":"private-information","reason":"regional-identity-number"}]'
se_violation='"violations":[{"category":"identity_document","rule":"private-information"'

# ---- (a) the regional exception is data ------------------------------------
fresh base
decide "$tmp/base" "$tmp/se.json"
expect "unchanged copy: SE identity number is no_violation (regional exception)" \
	"$out" "$no_violation" "$se_excepted"
status=0
out=$("$policyctl" evaluate "$tmp/se.json" 2>"$tmp/err") || status=$?
expect "embedded policy agrees: SE identity number is no_violation" "$out" "$no_violation"

fresh no-se
if edit "$tmp/no-se/30-exceptions.yaml" 's/^    items: \[SE\]$/    items: [NO]/' \
	"identity-numbers-public lists NO instead of SE"; then
	decide "$tmp/no-se" "$tmp/se.json"
	expect "SE removed from identity-numbers-public: the same report is a violation" \
		"$out" "$violation" "$se_violation" '"actions":["remove_content","lock_account"]'
	if [[ $out == *regional-identity-number* ]]; then
		fail "SE removed: the regional exception no longer applies" "$out"
	else
		pass "SE removed: the regional exception no longer applies"
	fi
	decide "$tmp/no-se" <(sed 's/"SE"/"NO"/' "$tmp/se.json")
	expect "NO added to identity-numbers-public: a Norwegian report is excepted" \
		"$out" "$no_violation" "$se_excepted"
fi

fresh no-exception
if edit "$tmp/no-exception/40-rules.yaml" '/^      - regional-identity-number$/d' \
	"regional-identity-number removed from the rule's unless list"; then
	decide "$tmp/no-exception" "$tmp/se.json"
	expect "exception removed from the rule: the SE report is a violation" \
		"$out" "$violation" "$se_violation"
fi

# ---- (b) a new category with a keyword detector -----------------------------
fresh keywords
decide "$tmp/keywords" "$tmp/dox.json"
expect "before the edit: the doxxing keyword report is no_violation" "$out" "$no_violation"
rev_before=$(printf '%s' "$out" | sed -n 's/.*"revision":"\([0-9a-f]*\)".*/\1/p')
if edit "$tmp/keywords/10-categories.yaml" '/^categories:$/a\
  - id: doxxing_keywords\
    kind: private_information\
    description: Words that announce that someone is about to be doxxed.' \
	"new category doxxing_keywords"; then
	# The detector is appended to the detectors list (the last section of
	# 20-detectors.yaml).
	cat >>"$tmp/keywords/20-detectors.yaml" <<'EOF'
  - id: doxxing_words
    keywords: [dox, doxx, doxxing, "drop her address"]
    category: doxxing_keywords
EOF
	status=0
	"$policyctl" validate "$tmp/keywords" >"$tmp/validate.out" 2>&1 || status=$?
	if [ "$status" -eq 0 ]; then
		pass "the edited policy validates"
	else
		fail "the edited policy validates" "$(cat "$tmp/validate.out")"
	fi
	decide "$tmp/keywords" "$tmp/dox.json"
	expect "after the edit: the keyword report is a violation of the new category" \
		"$out" "$violation" \
		'"violations":[{"category":"doxxing_keywords","rule":"private-information","evidence":[{"source":"text","detector":"doxxing_words","start":8,"end":12,'
	decide "$tmp/keywords" "$root/tests/examples/benign.json"
	expect "after the edit: a report without the keyword is still no_violation" "$out" "$no_violation"
	# The new category can also be given as a label (it is a category).
	printf '%s\n' '{"id":"lbl","content":{"labels":["doxxing_keywords"]},"reporter":{"role":"automated"}}' >"$tmp/label.json"
	decide "$tmp/keywords" "$tmp/label.json"
	expect "after the edit: the new category is accepted as a label" "$out" "$violation" \
		'"category":"doxxing_keywords"'
	decide "$tmp/base" "$tmp/label.json"
	if [ "$status" -eq 1 ] && [[ $out == *'"error"'* ]]; then
		pass "before the edit: the new category is an unknown label"
	else
		fail "before the edit: the new category is an unknown label" "exit $status" "$out"
	fi
	# The revision names the policy content (same directory, new content).
	decide "$tmp/keywords" "$tmp/dox.json"
	rev_after=$(printf '%s' "$out" | sed -n 's/.*"revision":"\([0-9a-f]*\)".*/\1/p')
	if [ -n "$rev_before" ] && [ -n "$rev_after" ] && [ "$rev_before" != "$rev_after" ]; then
		pass "the edit changes the policy revision ($rev_before -> $rev_after)"
	else
		fail "the edit changes the policy revision" "'$rev_before' vs '$rev_after'"
	fi
fi

finish
