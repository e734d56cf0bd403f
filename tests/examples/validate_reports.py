#!/usr/bin/env python3
"""Validates JSON reports against docs/report-schema.json with a real JSON
Schema validator (Debian's python3-jsonschema): every golden report of the
examples (with their repairs), and fresh `samsvar check --all` reports of
every example (JSON Lines) and of a small case with its own rule module.
Input errors with --format json are validated against
docs/input-errors-schema.json: a date written 01.03.2025, a Latin-1 file, a
missing file, and a batch where one case of two is broken.

usage: validate_reports.py SOURCE_DIR SAMSVAR_BINARY
"""
import copy
import json
import pathlib
import subprocess
import sys
import tempfile

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

    # Imprecise dates: a gap on a date given as a month carries its period.
    for fixture in ("tests/engine/check/fixtures/hoering_frist_februar.case",
                    "tests/engine/check/fixtures/snomed_ct_publisert_februar_2021.case"):
        report = json.loads(samsvar("check", fixture, "--repair", "--date", "2026-12-01", "--format", "json"))
        check(fixture, report)
        if fixture.endswith("februar.case") and not any(
                g.get("declared") == "2021-02" for f in report["findings"] for g in f["gaps"]):
            failures.append(f"{fixture}: no gap gives the declared month 2021-02")

    # The schema can fail: it rejects what version 1 wrote and unknown fields.
    sample = json.loads(goldens[0].read_text(encoding="utf-8"))
    version1 = copy.deepcopy(sample)
    version1["findings"][0]["title"] = {"nb": "tittel", "en": "title"}
    extra = copy.deepcopy(sample)
    extra["extra"] = True
    for what, report in (("a finding with its rule's title", version1), ("an unknown field", extra)):
        if validator.is_valid(report):
            failures.append(f"the schema accepts {what}")

    failures.extend(input_errors(source, binary))

    for f in failures:
        print(f, file=sys.stderr)
    print(f"{len(goldens)} golden reports and {len(lines) + 1} --all reports checked; {len(failures)} problems")
    return 1 if failures else 0


def input_errors(source, binary):
    """Input errors as JSON on standard output, exit code 2, valid by their schema."""
    schema = json.loads((source / "docs/input-errors-schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        (folder / "date.case").write_text(
            'case "x" uses hoering\nh: Consultation { kind = hoering  opens = 01.03.2025 }\n', encoding="utf-8")
        (folder / "latin1.case").write_bytes('case "Kjøp" uses hoering\n'.encode("latin-1"))
        (folder / "good.case").write_text('case "ok" uses hoering\n', encoding="utf-8")
        runs = {
            "a date as 01.03.2025": (["date.case"], "write dates as YYYY-MM-DD", False),
            "a Latin-1 file": (["latin1.case"], "save the file as UTF-8", False),
            "a missing file": (["missing.case"], "missing.case", False),
            "a batch with one broken case": (["good.case", "date.case"], "write dates as YYYY-MM-DD", True),
        }
        for what, (cases, expected, batch) in runs.items():
            run = subprocess.run([binary, "check", *cases, "--format", "json", "--lang", "en"], cwd=folder,
                                 capture_output=True, text=True, errors="replace")
            if run.returncode != 2:
                failures.append(f"input errors, {what}: exit {run.returncode}, not 2")
            lines = run.stdout.splitlines() if batch else [run.stdout]
            try:
                document = json.loads(lines[-1])
            except (json.JSONDecodeError, IndexError) as e:
                failures.append(f"input errors, {what}: standard output is not JSON ({e}): {run.stdout!r}")
                continue
            for error in validator.iter_errors(document):
                failures.append(f"input errors, {what}: {error.message}")
            if expected not in json.dumps(document, ensure_ascii=False):
                failures.append(f"input errors, {what}: does not say {expected!r}: {run.stdout}")
            if batch and (len(lines) != 2 or json.loads(lines[0])["case"]["file"] != "good.case"):
                failures.append(f"input errors, {what}: the good case's report is not the first line: {run.stdout}")
    if validator.is_valid({"schema": "samsvar-input-errors/1", "exit_code": 2, "errors": []}):
        failures.append("the input-errors schema accepts a document without errors")
    return failures


if __name__ == "__main__":
    sys.exit(main())
