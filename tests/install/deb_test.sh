#!/usr/bin/env bash
# The Debian package as a user gets it: made by `cpack -G DEB` from this build
# tree (nothing is rebuilt), unpacked with dpkg-deb into a temporary folder,
# and run from another working folder, far from the source and build trees,
# so the bundled rules can only come from the package.
#   deb_test.sh CPACK BUILD_DIR SOURCE_DIR VERSION
set -euo pipefail
cpack=$1 build=$2 source=$3 version=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
unset SAMSVAR_RULES

if ! "$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1; then
  cat "$tmp/cpack.log" >&2
  fail "cpack -G DEB failed"
fi
debs=("$tmp"/pkg/samsvar_"$version"_*.deb)
[ -f "${debs[0]}" ] || fail "no samsvar_${version}_*.deb in: $(ls "$tmp/pkg")"
deb=${debs[0]}
depends=$(dpkg-deb -f "$deb" Depends)
[[ $depends == *libz3-4* ]] || fail "the package does not depend on libz3-4: $depends"

dpkg-deb -x "$deb" "$tmp/root"
usr=$tmp/root/usr
for f in bin/samsvar share/samsvar/rules/felles.rules share/samsvar/rules/lint-intended.txt \
         share/doc/samsvar/README.md share/doc/samsvar/docs/language.md \
         share/doc/samsvar/docs/report-schema.json share/man/man1/samsvar.1; do
  [ -f "$usr/$f" ] || fail "the package lacks /usr/$f"
done
grep -q '^\.TH SAMSVAR 1 "" "samsvar '"$version"'"' "$usr/share/man/man1/samsvar.1" \
  || fail "the man page has no title line for version $version"
grep -q '^\\fB\\-\\-version\\fR$' "$usr/share/man/man1/samsvar.1" || fail "the man page lacks --version"

mkdir "$tmp/work"
cd "$tmp/work"
exe=$usr/bin/samsvar

# --version: samsvar's version from CMake, then Z3's.
out=$("$exe" --version) || fail "--version exited with $?"
[[ $out =~ ^samsvar\ "$version"$'\n'Z3\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "--version printed: $out"

# The procurer's example: violations (exit 1), and the report of the source
# tree's golden file, the file named as given here.
example=kritisk-info-helseforetak.case
cp "$source/examples/procurer/$example" .
sed "s|examples/procurer/$example|$example|g" "$source/examples/procurer/${example%.case}.expected.txt" >expected.txt
code=0
"$exe" check "$example" --repair --date 2026-12-01 >out.txt 2>err.txt || code=$?
[ $code -eq 1 ] || fail "check exited with $code, not 1: $(cat err.txt)"
[ "$(head -n 1 out.txt)" = "Sak «Helse Bergen HF: anskaffelse av løsning for deling av kritisk informasjon» ($example)" ] \
  || fail "first line of the report: $(head -n 1 out.txt)"
diff -u expected.txt out.txt >&2 || fail "the report differs from the golden report"
[ ! -s err.txt ] || fail "stderr: $(cat err.txt)"

# The rules are the package's: without them the check cannot run (no path of
# the build machine is compiled in), and $SAMSVAR_RULES names them anywhere.
mv "$usr/share/samsvar/rules" "$tmp/moved-rules"
code=0
"$exe" check "$example" >out.txt 2>err.txt || code=$?
[ $code -eq 2 ] || fail "check without the package's rules exited with $code, not 2"
grep -q "share/samsvar/rules" err.txt || fail "the error does not name where the rules were looked for: $(cat err.txt)"
code=0
SAMSVAR_RULES=$tmp/moved-rules "$exe" check "$example" >out.txt 2>err.txt || code=$?
[ $code -eq 1 ] || fail "check with SAMSVAR_RULES exited with $code, not 1: $(cat err.txt)"
echo "deb: ok ($(basename "$deb"), Depends: $depends)"
