#!/usr/bin/env bash
# tests/cli/test_explain.sh - `policyctl explain`: one decision walked
# through for a moderator, in sections, without leaking private data.
#
#   tests/cli/test_explain.sh POLICYCTL
#
# Uses tests/examples/*.json: each section is present and holds the right
# content (detector, masked excerpt, offsets, rule and category, exception
# and its reason, referral, actions, the signals to find out); none of the
# report's private text appears unmasked; an invalid report exits 1 naming
# the field; standard input works; usage errors exit 2; lines fit 80
# columns; no colour escapes when the output is not a terminal.
# Prints "ok - ..." / "not ok - ..." per check, then "N passed, M failed".
set -euo pipefail

if [ $# -ne 1 ]; then
	echo "usage: $0 POLICYCTL" >&2
	exit 2
fi
. "$(dirname "$0")/../tap.sh"
use_policyctl "$1" explain
examples=$root/tests/examples

sections=(Verdict Found Rules Exceptions Referrals Enforcement "To find out")

# explain NAME [ARGS...]: runs policyctl explain ARGS; stdout in
# $tmp/NAME.out, stderr in $tmp/NAME.err, exit status in $status.
status=0
explain() {
	local name=$1
	shift
	status=0
	"$policyctl" explain "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" || status=$?
}

# section FILE TITLE: the lines of one section (after its heading line,
# up to the blank line that ends it).
section() {
	awk -v h="$2" '$0 == h { f = 1; next } f && /^$/ { exit } f' "$1"
}

# expect_in DESCRIPTION NAME TITLE STRING...: section TITLE of NAME's
# output holds every STRING (and the command exited 0).
expect_in() {
	local desc=$1 name=$2 title=$3 body s
	shift 3
	if [ "$status" -ne 0 ]; then
		fail "$desc" "exit status $status" "stderr: $(head -c 400 "$tmp/$name.err")"
		return
	fi
	body=$(section "$tmp/$name.out" "$title")
	if [ -z "$body" ]; then
		fail "$desc" "no section '$title'" "output: $(cat "$tmp/$name.out")"
		return
	fi
	for s in "$@"; do
		if [[ $body != *"$s"* ]]; then
			fail "$desc" "missing in '$title': $s" "section: $body"
			return
		fi
	done
	pass "$desc"
}

# expect_line DESCRIPTION NAME TITLE REGEX: a line of section TITLE
# matches the extended REGEX.
expect_line() {
	local desc=$1 name=$2 title=$3 re=$4
	if section "$tmp/$name.out" "$title" | grep -Eq -- "$re"; then
		pass "$desc"
	else
		fail "$desc" "no line of '$title' matches: $re" \
			"section: $(section "$tmp/$name.out" "$title")"
	fi
}

# no_leak DESCRIPTION REPORT NAME STRING...: every STRING is in the
# report (so that the check means something) and none is in the output.
no_leak() {
	local desc=$1 report=$2 name=$3 s
	shift 3
	for s in "$@"; do
		if ! grep -qF -- "$s" "$report"; then
			fail "$desc" "the report does not hold '$s': the check is void"
			return
		fi
		if grep -qF -- "$s" "$tmp/$name.out" "$tmp/$name.err"; then
			fail "$desc" "'$s' appears in the output" \
				"$(grep -F -- "$s" "$tmp/$name.out" "$tmp/$name.err")"
			return
		fi
	done
	pass "$desc"
}

# ---- every example: exit 0 and all sections, in order -------------------
for f in "$examples"/*.json; do
	n=$(basename "$f" .json)
	explain "$n" "$f"
	got=$(grep -xE 'Verdict|Found|Rules|Exceptions|Referrals|Enforcement|To find out' \
		"$tmp/$n.out" | paste -sd, - || true)
	want=$(IFS=,; echo "${sections[*]}")
	if [ "$status" -eq 0 ] && [ "$got" = "$want" ]; then
		pass "$n: exit 0, sections $want"
	else
		fail "$n: exit 0, sections $want" "exit $status, sections: $got" \
			"stderr: $(head -c 400 "$tmp/$n.err")"
	fi
done

# ---- an address reported by a bystander ------------------------------------
n=address-bystander
explain "$n" "$examples/$n.json"
expect_in "$n: verdict violation" "$n" "Verdict" "violation: "
if head -1 "$tmp/$n.out" | grep -qF '"r-2001"'; then
	pass "$n: the first line names report \"r-2001\""
else
	fail "$n: the first line names report \"r-2001\"" "$(head -1 "$tmp/$n.out")"
fi
expect_in "$n: Found gives the detector, category and code-point offsets" \
	"$n" "Found" "home_address" "street_address" "43-87"
expect_in "$n: Found gives the masked excerpt" "$n" "Found" \
	'"742 E•••••••• T••••••, S••••••••••, I• •••••"'
expect_line "$n: Rules: rule private-information found home_address" "$n" "Rules" \
	'^  private-information -> violation: home_address$'
expect_in "$n: Enforcement lists the actions" "$n" "Enforcement" \
	"Actions: remove_content, lock_account" "first-violation"
expect_in "$n: no exception, no referral" "$n" "Exceptions" "None."
expect_in "$n: To find out names subject.consented" "$n" "To find out" \
	"subject.consented"
no_leak "$n: the street address does not appear unmasked" "$examples/$n.json" "$n" \
	"Evergreen" "Terrace" "Springfield" "62704"

# ---- the address example: text, label and media evidence --------------------
n=address
explain "$n" "$examples/$n.json"
expect_in "$n: Found lists the text, the label and the media item" "$n" "Found" \
	"home_address: detector street_address in the text at 15-43" \
	"identity_document: label identity_document" "private_media: media 1 (image)"
expect_line "$n: Rules: private-information found two categories" "$n" "Rules" \
	'^  private-information -> violation: home_address, identity_document$'
expect_line "$n: Rules: private-media found private_media" "$n" "Rules" \
	'^  private-media -> violation: private_media$'
no_leak "$n: \"Elm Street\" does not appear" "$examples/$n.json" "$n" \
	"Elm Street" "Elm" "Springfield"

# ---- phone and e-mail of a repeat offender -----------------------------------
n=repeat-offender
explain "$n" "$examples/$n.json"
expect_in "$n: Found: phone and email, masked" "$n" "Found" \
	"detector phone in the text at 38-52" '"(•••) •••-••••"' "detector email"
expect_in "$n: Enforcement: suspension for a repeat offender" "$n" "Enforcement" \
	"Actions: remove_content, suspend_account"
no_leak "$n: no digit group of the phone number nor the e-mail appears" \
	"$examples/$n.json" "$n" "415" "555" "0132" "j.smith" "example"
if grep -q '[0-9]' <(section "$tmp/$n.out" Found | grep -v ' at [0-9]*-[0-9]*$'); then
	fail "$n: the Found excerpts hold no digit at all" "$(section "$tmp/$n.out" Found)"
else
	pass "$n: the Found excerpts hold no digit at all"
fi

# ---- a Swedish identity number: the regional exception -------------------------
n=se-identity-number
explain "$n" "$examples/$n.json"
expect_in "$n: verdict no_violation" "$n" "Verdict" "no_violation"
expect_in "$n: Exceptions: regional-identity-number on private-information" \
	"$n" "Exceptions" "regional-identity-number: rule private-information does not apply"
expect_in "$n: Exceptions: the exception's reason and what it covered" "$n" "Exceptions" \
	"why: identity numbers are public records in this region." \
	"to:  us_ssn at 25-36 (•••-••-••••)"
expect_in "$n: Found: the number was found but not counted" "$n" "Found" \
	"not counted" "us_ssn" "25-36"
expect_in "$n: Enforcement: none" "$n" "Enforcement" "None"
# (not "6789" alone: the report's id, a tweet id, holds those digits)
no_leak "$n: the identity number does not appear" "$examples/$n.json" "$n" \
	"123-45-6789" "45-6789" "123-45"

# ---- media reported by a bystander ----------------------------------------------
n=private-media-bystander
explain "$n" "$examples/$n.json"
expect_in "$n: verdict needs_first_person_report" "$n" "Verdict" \
	"needs_first_person_report"
expect_line "$n: To find out: subject.public_figure would make it no_violation" \
	"$n" "To find out" '^ +subject\.public_figure +-> no_violation$'
expect_line "$n: To find out: context.threat_to_expose would make it a violation" \
	"$n" "To find out" '^ +context\.threat_to_expose +-> violation$'
expect_in "$n: Rules: private-media explains the first-person requirement" \
	"$n" "Rules" "private-media" "authorized representative"

# ---- nudity: a referral ----------------------------------------------------------
n=nudity
explain "$n" "$examples/$n.json"
expect_in "$n: verdict refer" "$n" "Verdict" "refer"
expect_line "$n: Referrals: non_consensual_nudity from rule nudity" "$n" "Referrals" \
	'^  non_consensual_nudity \(from rule nudity\)$'
expect_in "$n: Enforcement: none" "$n" "Enforcement" "None"

# ---- a public figure harassed: exception and referral together --------------------
n=public-figure-harassment
explain "$n" "$examples/$n.json"
expect_in "$n: Exceptions: public-figure kept private-media out" "$n" "Exceptions" \
	"public-figure: rule private-media does not apply" "why: media of public figures"
expect_in "$n: Referrals: abusive_behavior" "$n" "Referrals" "abusive_behavior"

# ---- the output fits an 80-column terminal, without escapes -----------------------
cat "$tmp"/*.out >"$tmp/all.txt"
# Count code points: drop UTF-8 continuation bytes, then bytes per line.
long=$(LC_ALL=C tr -d '\200-\277' <"$tmp/all.txt" | LC_ALL=C awk 'length($0) > 80' | head -3)
if [ -z "$long" ]; then
	pass "every line of every explanation fits 80 columns"
else
	fail "every line of every explanation fits 80 columns" "$long"
fi
if grep -q $'\033' "$tmp/all.txt"; then
	fail "no escape sequences when the output is not a terminal" \
		"$(grep -n $'\033' "$tmp/all.txt" | cat -v | head -3)"
else
	pass "no escape sequences when the output is not a terminal"
fi

# ---- standard input ------------------------------------------------------------------
n=address-bystander
status=0
"$policyctl" explain <"$examples/$n.json" >"$tmp/stdin.out" 2>"$tmp/stdin.err" || status=$?
if [ "$status" -eq 0 ] && [ -s "$tmp/stdin.out" ] && cmp -s "$tmp/stdin.out" "$tmp/$n.out"; then
	pass "no REPORT: standard input gives the same explanation"
else
	fail "no REPORT: standard input gives the same explanation" "exit $status" \
		"$(diff "$tmp/$n.out" "$tmp/stdin.out" | head -10)"
fi
status=0
"$policyctl" explain - <"$examples/$n.json" >"$tmp/dash.out" 2>"$tmp/dash.err" || status=$?
if [ "$status" -eq 0 ] && cmp -s "$tmp/dash.out" "$tmp/$n.out"; then
	pass "REPORT '-': standard input gives the same explanation"
else
	fail "REPORT '-': standard input gives the same explanation" "exit $status" \
		"$(diff "$tmp/$n.out" "$tmp/dash.out" | head -10)"
fi

# ---- --json is the decision evaluate gives ---------------------------------------------
status=0
"$policyctl" evaluate --pretty "$examples/$n.json" >"$tmp/eval.json" 2>/dev/null || true
explain json --json "$examples/$n.json"
if [ "$status" -eq 0 ] && [ -s "$tmp/json.out" ] && cmp -s "$tmp/json.out" "$tmp/eval.json"; then
	pass "--json prints the decision of 'evaluate --pretty'"
else
	fail "--json prints the decision of 'evaluate --pretty'" "exit $status" \
		"$(diff "$tmp/eval.json" "$tmp/json.out" | head -10)"
fi

# ---- errors -----------------------------------------------------------------------------
printf '%s\n' '{"id":"bad","reporter":{"role":"bystander"},"subject":{"public_figure":"yes"}}' \
	>"$tmp/bad.json"
explain bad "$tmp/bad.json"
if [ "$status" -eq 1 ] && grep -qF "subject.public_figure: expected boolean" "$tmp/bad.err" &&
	[ ! -s "$tmp/bad.out" ]; then
	pass "invalid report: exit 1, the field named on stderr, nothing on stdout"
else
	fail "invalid report: exit 1, the field named on stderr, nothing on stdout" \
		"exit $status" "stderr: $(cat "$tmp/bad.err")" "stdout: $(head -c 300 "$tmp/bad.out")"
fi
printf '%s\n' '{"id":"bad2","reporter":{"role":"neighbour"}}' >"$tmp/bad2.json"
status=0
"$policyctl" explain <"$tmp/bad2.json" >"$tmp/bad2.out" 2>"$tmp/bad2.err" || status=$?
if [ "$status" -eq 1 ] && grep -qF "reporter.role" "$tmp/bad2.err"; then
	pass "invalid report on standard input: exit 1, reporter.role named"
else
	fail "invalid report on standard input: exit 1, reporter.role named" \
		"exit $status" "stderr: $(cat "$tmp/bad2.err")"
fi

# check_exit DESCRIPTION WANT ARGS...: policyctl explain ARGS exits WANT.
check_exit() {
	local desc=$1 want=$2
	shift 2
	explain exit "$@"
	if [ "$status" -eq "$want" ]; then
		pass "$desc: exit $want"
	else
		fail "$desc: exit $want" "exit $status" "stderr: $(head -c 300 "$tmp/exit.err")"
	fi
}
check_exit "unknown option" 2 --no-such-option "$examples/nudity.json"
check_exit "two reports" 2 "$examples/nudity.json" "$examples/benign.json"
check_exit "unreadable report file" 2 "$tmp/does-not-exist.json"
check_exit "invalid policy" 2 --policy "$tmp/does-not-exist" "$examples/nudity.json"
check_exit "--policy with the default rules" 0 --policy "$root/rules/default" \
	"$examples/nudity.json"
check_exit "--help" 0 --help

finish
