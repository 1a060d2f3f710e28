#!/usr/bin/env bash
# Every command of `policyctl --help`, and every long option of each
# command's --help, appears in the manual page.
# usage: test_manpage.sh POLICYCTL MANPAGE
set -euo pipefail
policyctl=$1
man=$2
. "$(dirname "$0")/../tap.sh"

cmds=$("$policyctl" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\).*/\1/p')
n=0
for c in $cmds; do
	n=$((n + 1))
	if grep -q "^\.SY \"policyctl $c\"" "$man" && grep -q "^\.SS \"$c[ \"]" "$man"; then
		pass "$c is in SYNOPSIS and COMMANDS"
	else
		fail "$c is in SYNOPSIS and COMMANDS"
	fi
	for o in $("$policyctl" help "$c" 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u || true); do
		if grep -qF -- "$(printf '%s' "$o" | sed 's/-/\\-/g')" "$man"; then
			pass "$c $o is in the manual page"
		else
			fail "$c $o is in the manual page"
		fi
	done
done
if [ "$n" -ge 6 ]; then
	pass "$n commands found in policyctl --help"
else
	fail "$n commands found in policyctl --help (expected at least 6)"
fi
finish
