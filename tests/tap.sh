# tap.sh - the check helpers the shell test scripts share; source it.
# Each check prints "ok - ..." or "not ok - ..." (details indented with
# '#'), and finish prints "N passed, M failed" and exits non-zero on any
# failure.
passed=0
failed=0

# use_policyctl PATH NAME: policyctl is PATH made absolute (and checked
# executable), here the script's folder, root the source tree, and tmp a
# new temporary directory that is removed on exit.
use_policyctl() {
	here=$(cd "$(dirname "$0")" && pwd)
	root=$(cd "$here/../.." && pwd)
	policyctl=$1
	case $policyctl in
	/*) ;;
	*) policyctl=$(cd "$(dirname "$policyctl")" && pwd)/$(basename "$policyctl") ;;
	esac
	if [ ! -x "$policyctl" ]; then
		echo "$0: $policyctl is not an executable" >&2
		exit 2
	fi
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/lp-$2.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	# LP_TEST_WRAPPER (e.g. "valgrind -q --error-exitcode=99") runs every
	# policyctl of the script under it: tools/valgrind --all.
	if [ -n "${LP_TEST_WRAPPER:-}" ]; then
		printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$LP_TEST_WRAPPER" "$policyctl" \
			>"$tmp/policyctl-wrapped"
		chmod +x "$tmp/policyctl-wrapped"
		policyctl=$tmp/policyctl-wrapped
	fi
}

pass() {
	passed=$((passed + 1))
	echo "ok - $1"
}

# fail DESCRIPTION [DETAIL...]
fail() {
	local desc=$1
	shift
	failed=$((failed + 1))
	echo "not ok - $desc"
	local line
	for line in "$@"; do
		printf '%s\n' "$line" | sed 's/^/#   /'
	done
}

# fresh NAME: a pristine copy of rules/default in $tmp/NAME.
fresh() {
	rm -rf "${tmp:?}/$1"
	mkdir "$tmp/$1"
	cp "$root"/rules/default/*.yaml "$tmp/$1/"
}

# edit FILE SED-SCRIPT DESCRIPTION: applies the edit and checks that it
# changed the file (an edit that no longer matches fails loudly).
edit() {
	cp "$1" "$tmp/before"
	sed -i -e "$2" "$1"
	if cmp -s "$tmp/before" "$1"; then
		fail "edit applied: $3" "the sed script '$2' changed nothing in $(basename "$1")"
		return 1
	fi
	pass "edit applied: $3"
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}
