#!/usr/bin/env bash
# No z3::expr (or sort, func_decl) of engine/smt/ is move-assigned. The move
# assignment of Z3 4.8.12's z3++.h never releases the term it overwrites, and
# one leaked term makes the deletion of its context scan Z3's whole term
# table (about 7 M instructions per case of a batch; bench/README.md). Use
# assign() of engine/smt/z3/terms.hpp instead.
#
# Checked by compiling engine/smt/ against a copy of the installed z3++.h,
# made in a temporary folder, whose classes declare that move assignment
# deprecated: every use is then a warning at its line.
set -u
cd "$(dirname "$0")/.."
header=$(echo '#include <z3++.h>' | ${CXX:-c++} -x c++ -E -H - 2>&1 >/dev/null | sed -n 's/^\. //p' | grep 'z3++\.h$' | head -1)
if [[ -z $header ]]; then
  echo "z3++.h not found"
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# After "class expr : public ast {\n    public:" (likewise sort, func_decl) add
# the default copy operations and a deprecated move assignment that copies.
awk '
  { print }
  pending && /^ *public:/ {
    printf "        %s(%s const&) = default; %s(%s&&) = default; %s& operator=(%s const&) = default;\n", cls, cls, cls, cls, cls, cls
    printf "        [[deprecated(\"move-assigned z3 term\")]] %s& operator=(%s&& o) noexcept { ast::operator=(static_cast<ast const&>(o)); return *this; }\n", cls, cls
    pending = 0
  }
  match($0, /^ *class (expr|sort|func_decl) : public ast \{/) {
    cls = $0; sub(/^ *class /, "", cls); sub(/ :.*/, "", cls); pending = 1
  }
' "$header" > "$tmp/z3++.h"
if [[ $(grep -c 'move-assigned z3 term' "$tmp/z3++.h") -ne 3 ]]; then
  echo "could not mark the move assignments in $header"
  exit 1
fi
status=0
for f in engine/smt/*.cpp engine/smt/z3/*.cpp; do
  out=$(${CXX:-c++} -std=gnu++20 -fsyntax-only -I"$tmp" -I. "$f" 2>&1)
  if grep -q 'move-assigned z3 term' <<<"$out"; then
    grep -E '^[^ ]+:[0-9]+:[0-9]+: warning: .*move-assigned z3 term' <<<"$out" | grep -v "^$tmp" | sed 's/: warning:.*/: move assignment of a Z3 term (use assign())/'
    status=1
  elif grep -q 'error:' <<<"$out"; then
    echo "$f does not compile:"
    echo "$out" | head -20
    status=1
  fi
done
exit $status
