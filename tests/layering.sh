#!/usr/bin/env bash
# The pipeline's one-way dependencies, checked on every #include:
#   core ← grammar;  core ← engine/sema ← engine/smt ← engine/check ←
#   engine/repair ← engine/report;  engine/smt ← engine/lint ← engine/report;
#   grammar, engine/report ← engine/driver (the commands) ← engine/serve
#   (the web page);  cli on top.
# A folder may include its own headers and those of the folders listed for it.
# Only grammar/parse.hpp is public in grammar/. Only engine/smt/ sees Z3: its
# public headers (engine/smt/*.hpp) are Z3-free, and the ones that include
# z3++.h live in engine/smt/z3/, which no other folder may include.
set -u
cd "$(dirname "$0")/.."
declare -A allowed=(
  [core]="core"
  [grammar]="core grammar"
  [engine/sema]="core engine/sema"
  [engine/smt]="core engine/sema engine/smt"
  [engine/check]="core engine/sema engine/smt engine/check"
  [engine/repair]="core engine/sema engine/smt engine/check engine/repair"
  [engine/lint]="core engine/sema engine/smt engine/lint"
  [engine/report]="core engine/sema engine/check engine/repair engine/lint engine/report"
  [engine/driver]="core grammar/parse.hpp engine/sema engine/check engine/repair engine/lint engine/report engine/driver"
  [engine/serve]="core grammar/parse.hpp engine/sema engine/check engine/repair engine/lint engine/report engine/driver engine/serve"
  [cli]="core grammar/parse.hpp engine cli"
)
status=0
for folder in "${!allowed[@]}"; do
  while IFS=: read -r file line inc; do
    target=$(sed -E 's/.*#include "([^"]+)".*/\1/' <<<"$inc")
    ok=0
    for a in ${allowed[$folder]}; do
      case "$target" in "$a"|"$a"/*) ok=1 ;; esac
    done
    # Inside grammar/ everything is reachable; from outside only parse.hpp.
    [ "$folder" != grammar ] && case "$target" in grammar/*) [ "$target" = grammar/parse.hpp ] || ok=0 ;; esac
    if [ $ok -eq 0 ]; then
      echo "$file:$line: $folder/ must not include \"$target\""
      status=1
    fi
  done < <(grep -Hn "#include \"" $(find "$folder" -name "*.[ch]pp") 2>/dev/null)
done
# Z3 is seen by engine/smt/ only (tests and bench may reach it directly).
while IFS= read -r hit; do
  case "$hit" in engine/smt/*) ;; *) echo "$hit: only engine/smt/ may include z3++.h"; status=1 ;; esac
done < <(grep -rln 'include <z3++.h>\|include <z3.h>' core grammar engine cli)
# Headers that include Z3 live in engine/smt/z3/; no other folder includes them.
while IFS= read -r hit; do
  case "$hit" in engine/smt/*) ;; *) echo "$hit: only engine/smt/ may include engine/smt/z3/"; status=1 ;; esac
done < <(grep -rln '#include "engine/smt/z3/' core grammar engine cli)
# The public headers of engine/smt/ stay Z3-free, also through engine/smt/z3/.
while IFS= read -r hit; do
  echo "$hit: a public header of engine/smt/ must not include Z3 (move it to engine/smt/z3/)"
  status=1
done < <(grep -ln 'include <z3++.h>\|include <z3.h>\|#include "engine/smt/z3/' $(find engine/smt -maxdepth 1 -name "*.hpp"))
[ $status -eq 0 ] && echo "layering: ok"
exit $status
