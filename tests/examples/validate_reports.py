#!/usr/bin/env python3
"""Validates JSON reports against docs/report-schema.json with a real JSON
Schema validator (Debian's python3-jsonschema): every golden report of the
examples (with their repairs), and fresh `samsvar check --all` reports of
every example (JSON Lines) and of a small case with its own rule module.

usage: validate_reports.py SOURCE_DIR SAMSVAR_BINARY
"""
import copy
import json
import pathlib
import subprocess
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("validate_reports.py: needs python3-jsonschema (./samsvar.sh deps installs it)")


def main() -> int:
    source = pathlib.Path(sys.argv[1])
    binary = sys.argv[2]
    schema = json.loads((source / "docs/report-schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = []

    def check(name, report):
        for error in sorted(validator.iter_errors(report), key=lambda e: list(e.absolute_path)):
            path = "/".join(str(p) for p in error.absolute_path)
            failures.append(f"{name}: /{path}: {error.message}")
        # What a schema cannot say: every finding's rule is in the table.
        for finding in report.get("findings", []):
            if finding.get("rule") not in report.get("rules", {}):
                failures.append(f"{name}: rule {finding.get('rule')} of a finding is not in `rules`")

    def samsvar(*args):
        run = subprocess.run([binary, *args], cwd=source, capture_output=True, text=True)
        if run.returncode not in (0, 1):
            failures.append(f"samsvar {' '.join(args)}: exit {run.returncode}: {run.stderr}")
        return run.stdout

    goldens = sorted(source.glob("examples/**/*.expected.json"))
    for path in goldens:
        check(path.relative_to(source), json.loads(path.read_text(encoding="utf-8")))

    # Without --repair: the goldens carry the repairs, and repairing every
    # example again would take most of the time of the test suite.
    batch = samsvar("check", "examples/", "--all", "--format", "json", "--lang", "en")
    lines = batch.splitlines()
    for line in lines:
        report = json.loads(line)
        if not report.get("all_findings") or not any(f["verdict"] == "satisfied" for f in report["findings"]):
            failures.append(f"--all report of {report['case']['file']}: lists no satisfied finding")
        check(f"--all report of {report['case']['file']}", report)
    if len(lines) != len(goldens):
        failures.append(f"the --all batch printed {len(lines)} reports for {len(goldens)} examples")

    single = samsvar("check", "tests/cli/violation.case", "--rules", "tests/cli/hearing.rules", "--all",
                     "--format", "json")
    check("tests/cli/violation.case --all", json.loads(single))

    # The schema can fail: it rejects what version 1 wrote and unknown fields.
    sample = json.loads(goldens[0].read_text(encoding="utf-8"))
    version1 = copy.deepcopy(sample)
    version1["findings"][0]["title"] = {"nb": "tittel", "en": "title"}
    extra = copy.deepcopy(sample)
    extra["extra"] = True
    for what, report in (("a finding with its rule's title", version1), ("an unknown field", extra)):
        if validator.is_valid(report):
            failures.append(f"the schema accepts {what}")

    for f in failures:
        print(f, file=sys.stderr)
    print(f"{len(goldens)} golden reports and {len(lines) + 1} --all reports checked; {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
