#!/usr/bin/env bash
# tests/install/run.sh - installs a libpolicy build into a temporary prefix
# and uses it the way a moderation backend would:
#   1. cmake --install BUILD_DIR --prefix TMP and check the installed files
#      (headers, libpolicy.so with SONAME libpolicy.so.0, libpolicy.a,
#      policyctl, the default rules, libpolicy.pc, the CMake package);
#   2. build tests/install/backend.c with `cc $(pkg-config --cflags --libs
#      libpolicy)` and run it;
#   3. run the installed policyctl on the installed rules;
#   4. build tests/install as a CMake project (find_package(libpolicy)),
#      against libpolicy::policy and libpolicy::policy_static, and run both.
#
#   tests/install/run.sh BUILD_DIR [CMAKE [CONFIG]]
#
# Extra compiler and linker flags for step 2 come from LP_TEST_CFLAGS and
# LP_TEST_LDFLAGS (e.g. -fsanitize=address for a sanitizer build). Prints
# "ok - ..." / "not ok - ..." per check and ends with "N passed, M failed".
set -euo pipefail

if [ $# -lt 1 ]; then
	echo "usage: $0 BUILD_DIR [CMAKE [CONFIG]]" >&2
	exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "$1" && pwd)
cmake=${2:-cmake}
config=${3:-}
cc=${CC:-cc}
read -r -a extra_cflags <<<"${LP_TEST_CFLAGS:-}"
read -r -a extra_ldflags <<<"${LP_TEST_LDFLAGS:-}"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lp-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix

. "$(dirname "$0")/../tap.sh"

# step DESCRIPTION LOG COMMAND...: runs COMMAND, output in LOG; ok when it
# exits 0. Returns COMMAND's status.
step() {
	local desc=$1 log=$2 rc=0
	shift 2
	"$@" >"$log" 2>&1 || rc=$?
	if [ "$rc" -eq 0 ]; then
		pass "$desc"
	else
		fail "$desc" "exit status $rc: $*" "$(tail -n 25 "$log")"
	fi
	return "$rc"
}

# present DESCRIPTION PATH: PATH exists (a file or a symbolic link).
present() {
	if [ -e "$2" ] || [ -L "$2" ]; then
		pass "installed: $1"
	else
		fail "installed: $1" "missing: ${2#"$prefix"/}"
	fi
}

# ---- 1. install ------------------------------------------------------------
install_args=(--install "$build" --prefix "$prefix")
[ -n "$config" ] && install_args+=(--config "$config")
if ! step "cmake --install into a temporary prefix" "$tmp/install.log" "$cmake" "${install_args[@]}"; then
	finish
fi

pc=$(find "$prefix" -name libpolicy.pc -path '*/pkgconfig/*' | head -n 1)
if [ -z "$pc" ]; then
	fail "installed: libpolicy.pc" "no pkgconfig/libpolicy.pc under the prefix"
	finish
fi
pcdir=$(dirname "$pc")
libdir=$(dirname "$pcdir")
pass "installed: ${pc#"$prefix"/} (libdir ${libdir#"$prefix"/})"

present "include/libpolicy.h" "$prefix/include/libpolicy.h"
present "include/libpolicy/limits.h" "$prefix/include/libpolicy/limits.h"
present "libpolicy.so" "$libdir/libpolicy.so"
present "libpolicy.so.0" "$libdir/libpolicy.so.0"
present "libpolicy.a" "$libdir/libpolicy.a"
present "bin/policyctl" "$prefix/bin/policyctl"
present "libpolicyConfig.cmake" "$libdir/cmake/libpolicy/libpolicyConfig.cmake"
present "libpolicyConfigVersion.cmake" "$libdir/cmake/libpolicy/libpolicyConfigVersion.cmake"
present "libpolicyTargets.cmake" "$libdir/cmake/libpolicy/libpolicyTargets.cmake"

# The default rules, file for file.
rules_ok=1
n=0
for f in "$root"/rules/default/*.yaml; do
	n=$((n + 1))
	if ! cmp -s "$f" "$prefix/share/libpolicy/rules/$(basename "$f")"; then
		rules_ok=0
		fail "installed: share/libpolicy/rules/$(basename "$f")" "missing or different from rules/default"
	fi
done
extra=$(comm -13 <(cd "$root/rules/default" && ls -- *.yaml) \
	<(cd "$prefix/share/libpolicy/rules" 2>/dev/null && ls -- *.yaml 2>/dev/null))
if [ "$rules_ok" = 1 ] && [ "$n" -gt 0 ] && [ -z "$extra" ]; then
	pass "installed: share/libpolicy/rules holds the $n files of rules/default"
elif [ -n "$extra" ]; then
	fail "installed: share/libpolicy/rules holds only the files of rules/default" "extra: $extra"
fi

# SONAME and exported symbols of the shared library.
soname=$(readelf -d "$libdir/libpolicy.so" 2>/dev/null | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
if [ "$soname" = libpolicy.so.0 ]; then
	pass "libpolicy.so has SONAME libpolicy.so.0"
else
	fail "libpolicy.so has SONAME libpolicy.so.0" "got '$soname'"
fi
if [ "$(readlink -f "$libdir/libpolicy.so")" = "$(readlink -f "$libdir/libpolicy.so.0")" ]; then
	pass "libpolicy.so and libpolicy.so.0 are the same library"
else
	fail "libpolicy.so and libpolicy.so.0 are the same library"
fi
nm -D --defined-only "$libdir/libpolicy.so" | awk '$2 ~ /^[TDBRVW]$/ { print $3 }' | sort >"$tmp/symbols"
leaked=$(grep -v '^lp_' "$tmp/symbols" | grep -v '^_' || true)
if [ -s "$tmp/symbols" ] && [ -z "$leaked" ]; then
	pass "libpolicy.so exports only lp_* symbols ($(wc -l <"$tmp/symbols") of them)"
else
	fail "libpolicy.so exports only lp_* symbols" "also exported: $(echo "$leaked" | head -n 10 | tr '\n' ' ')"
fi
missing_api=""
api_count=0
while read -r fn; do
	api_count=$((api_count + 1))
	grep -qx "$fn" "$tmp/symbols" || missing_api="$missing_api $fn"
done < <(sed -n 's/^LP_EXTERN[^(]*[ *]\(lp_[a-z_0-9]*\)(.*/\1/p' "$prefix/include/libpolicy.h")
if [ "$api_count" -ge 20 ] && [ -z "$missing_api" ]; then
	pass "every function of libpolicy.h is exported ($api_count)"
else
	fail "every function of libpolicy.h is exported" "$api_count found in the header; missing:$missing_api"
fi

# ---- 2. pkg-config ------------------------------------------------------------
export PKG_CONFIG_PATH=$pcdir
header_version=$(sed -n 's/^#define LP_VERSION_STRING "\(.*\)"/\1/p' "$prefix/include/libpolicy.h")
pc_version=$(pkg-config --modversion libpolicy 2>&1 || true)
if [ -n "$header_version" ] && [ "$pc_version" = "$header_version" ]; then
	pass "pkg-config --modversion libpolicy is $pc_version, as in libpolicy.h"
else
	fail "pkg-config --modversion libpolicy matches libpolicy.h" "pkg-config: '$pc_version', header: '$header_version'"
fi
pc_prefix=$(pkg-config --variable=prefix libpolicy 2>/dev/null || true)
pkgconfig=(pkg-config)
if [ -n "$pc_prefix" ] && [ "$(readlink -f "$pc_prefix")" = "$(readlink -f "$prefix")" ]; then
	pass "libpolicy.pc points at the prefix it was installed to"
else
	fail "libpolicy.pc points at the prefix it was installed to" \
		"cmake --install --prefix $prefix, but libpolicy.pc says prefix=$pc_prefix" \
		"(the .pc is not relocatable; the following steps use pkg-config --define-prefix)"
	pkgconfig=(pkg-config --define-prefix)
fi
read -r -a pc_flags <<<"$("${pkgconfig[@]}" --cflags --libs libpolicy)"
if step "cc backend.c \$(pkg-config --cflags --libs libpolicy)" "$tmp/cc.log" \
	"$cc" -std=c11 -Wall -Wextra -Wpedantic -Werror "${extra_cflags[@]}" \
	-o "$tmp/backend" "$here/backend.c" "${pc_flags[@]}" -pthread "${extra_ldflags[@]}"; then
	resolved=$(LD_LIBRARY_PATH=$libdir ldd "$tmp/backend" | sed -n 's/.*libpolicy\.so\.0 => \([^ ]*\).*/\1/p')
	if [ "$(readlink -f "$resolved")" = "$(readlink -f "$libdir/libpolicy.so.0")" ]; then
		pass "backend (pkg-config) loads the installed libpolicy.so.0"
	else
		fail "backend (pkg-config) loads the installed libpolicy.so.0" "resolved to '$resolved'"
	fi
	if step "backend (pkg-config build) runs and all its checks pass" "$tmp/backend.log" \
		env LD_LIBRARY_PATH="$libdir" "$tmp/backend"; then
		sed -n 's/^\(not \)\{0,1\}ok - /  &/p' "$tmp/backend.log"
	fi
fi

# ---- 3. the installed policyctl ----------------------------------------------
step "installed policyctl --version" "$tmp/version.log" "$prefix/bin/policyctl" --version || true
step "installed policyctl validates the installed rules" "$tmp/validate.log" \
	"$prefix/bin/policyctl" validate "$prefix/share/libpolicy/rules" || true
rc=0
"$prefix/bin/policyctl" evaluate --policy "$prefix/share/libpolicy/rules" \
	"$root/tests/examples/address.json" >"$tmp/decision.json" 2>"$tmp/evaluate.log" || rc=$?
if [ "$rc" -eq 0 ] && grep -qF '"verdict":"violation"' "$tmp/decision.json"; then
	pass "installed policyctl decides examples/address.json with the installed rules"
else
	fail "installed policyctl decides examples/address.json with the installed rules" \
		"exit $rc" "$(head -c 400 "$tmp/decision.json")" "$(head -c 400 "$tmp/evaluate.log")"
fi

# ---- 4. find_package(libpolicy) -----------------------------------------------
configure_args=(-S "$here" -B "$tmp/cmake-build" -DCMAKE_PREFIX_PATH="$prefix")
[ -n "${CC:-}" ] && configure_args+=(-DCMAKE_C_COMPILER="$CC")
if step "cmake configure tests/install with find_package(libpolicy)" "$tmp/configure.log" \
	"$cmake" "${configure_args[@]}" &&
	step "cmake build of the backend (libpolicy::policy and libpolicy::policy_static)" \
		"$tmp/build.log" "$cmake" --build "$tmp/cmake-build"; then
	if grep -q "libpolicy_DIR:PATH=$libdir/cmake/libpolicy" "$tmp/cmake-build/CMakeCache.txt"; then
		pass "find_package found the installed package"
	else
		fail "find_package found the installed package" \
			"$(grep libpolicy_DIR "$tmp/cmake-build/CMakeCache.txt")"
	fi
	step "backend (CMake, shared) runs and all its checks pass" "$tmp/backend-cmake.log" \
		env LD_LIBRARY_PATH="$libdir" "$tmp/cmake-build/backend" || true
	step "backend_static (CMake, static) runs and all its checks pass" "$tmp/backend-static.log" \
		"$tmp/cmake-build/backend_static" || true
	if readelf -d "$tmp/cmake-build/backend_static" | grep -q 'NEEDED.*libpolicy'; then
		fail "backend_static does not need libpolicy.so"
	else
		pass "backend_static does not need libpolicy.so"
	fi
fi

finish
