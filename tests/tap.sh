# tap.sh - the check helpers the shell test scripts share; source it.
# Each check prints "ok - ..." or "not ok - ..." (details indented with
# '#'), and finish prints "N passed, M failed" and exits non-zero on any
# failure.
passed=0
failed=0

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

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}
