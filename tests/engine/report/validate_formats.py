#!/usr/bin/env python3
"""Validates the SARIF, JUnit and HTML reports with real validators: every
SARIF log against the schema of the part of SARIF 2.1.0 that samsvar writes
(sarif/, written from the standard; the official schema is not bundled: set
SAMSVAR_SARIF_SCHEMA to its path to validate against it too) by Debian's
python3-jsonschema, and JUnit and HTML with an XML parser (the
HTML page is written as well-formed XML too). Checks the golden files and
fresh `samsvar check examples/` runs of every example, and that the schema
can fail.

usage: validate_formats.py SOURCE_DIR SAMSVAR_BINARY
"""
import copy
import json
import os
import pathlib
import subprocess
import sys
import xml.etree.ElementTree as ET

try:
    import jsonschema
except ImportError:
    sys.exit("validate_formats.py: needs python3-jsonschema (./samsvar.sh deps installs it)")

HERE = pathlib.Path(__file__).resolve().parent


def main() -> int:
    source = pathlib.Path(sys.argv[1])
    binary = sys.argv[2]
    schema = json.loads((HERE / "sarif/sarif-2.1.0-subset.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    validators = [jsonschema.Draft4Validator(schema)]
    official = os.environ.get("SAMSVAR_SARIF_SCHEMA")
    if official:
        official_schema = json.loads(pathlib.Path(official).read_text(encoding="utf-8"))
        validators.append(jsonschema.validators.validator_for(official_schema)(official_schema))
    validator = validators[0]
    failures = []

    def samsvar(*args):
        run = subprocess.run([binary, *args], cwd=source, capture_output=True, text=True)
        if run.returncode not in (0, 1):
            failures.append(f"samsvar {' '.join(args)}: exit {run.returncode}: {run.stderr}")
        return run.stdout

    def check_sarif(name, log):
        for v in validators:
            for error in sorted(v.iter_errors(log), key=lambda e: [str(p) for p in e.absolute_path]):
                path = "/".join(str(p) for p in error.absolute_path)
                failures.append(f"{name}: /{path}: {error.message}")
        # What the schema cannot say: each result names a rule of its run.
        for run in log.get("runs", []):
            rules = run["tool"]["driver"].get("rules", [])
            for result in run.get("results", []):
                if rules[result["ruleIndex"]]["id"] != result["ruleId"]:
                    failures.append(f"{name}: result {result['ruleId']} has the index of another rule")
                if not result["locations"]:
                    failures.append(f"{name}: result {result['ruleId']} has no location")

    def check_junit(name, text):
        root = ET.fromstring(text)
        if root.tag != "testsuites":
            failures.append(f"{name}: the root is <{root.tag}>")
        for suite in root:
            cases = suite.findall("testcase")
            for attr, tag in (("tests", "testcase"), ("failures", "testcase/failure"), ("skipped", "testcase/skipped")):
                if int(suite.get(attr)) != len(suite.findall(tag)):
                    failures.append(f"{name}: {suite.get('name')}: {attr}={suite.get(attr)} but {len(suite.findall(tag))}")
            if not cases:
                failures.append(f"{name}: {suite.get('name')} has no test case")
        return root

    def check_html(name, text):
        root = ET.fromstring(text.replace("<!DOCTYPE html>", "", 1))
        for element in root.iter():
            tag = element.tag.split("}")[-1]
            if tag in ("script", "link", "img", "iframe", "object"):
                failures.append(f"{name}: has a <{tag}>")
            for attr in element.attrib:
                if attr in ("src", "href") or attr.startswith("on"):
                    failures.append(f"{name}: <{tag}> has the attribute {attr}")
        style = "".join(e.text or "" for e in root.iter("{http://www.w3.org/1999/xhtml}style"))
        if "url(" in style or "@import" in style:
            failures.append(f"{name}: the style sheet loads something")
        return root

    goldens = sorted(source.glob("examples/**/*.expected.sarif"))
    for path in goldens:
        check_sarif(path.relative_to(source), json.loads(path.read_text(encoding="utf-8")))
    for path in sorted(source.glob("examples/**/*.expected.junit.xml")):
        check_junit(path.relative_to(source), path.read_text(encoding="utf-8"))
    for path in sorted(source.glob("examples/**/*.expected.html")):
        check_html(path.relative_to(source), path.read_text(encoding="utf-8"))
    if not goldens:
        failures.append("no golden SARIF report found")

    examples = len(list(source.glob("examples/**/*.case")))
    for lang in ("nb", "en"):
        log = json.loads(samsvar("check", "examples/", "--format", "sarif", "--lang", lang))
        check_sarif(f"--format sarif --lang {lang}", log)
        if len(log["runs"]) != examples:
            failures.append(f"--format sarif: {len(log['runs'])} runs for {examples} examples")
    root = check_junit("--format junit", samsvar("check", "examples/", "--format", "junit", "--strict"))
    if len(root) != examples:
        failures.append(f"--format junit: {len(root)} suites for {examples} examples")
    check_html("--format html", samsvar("check", "examples/", "--format", "html", "--lang", "en"))

    # The schema can fail: it rejects an unknown level and a result without a message.
    sample = json.loads(goldens[0].read_text(encoding="utf-8")) if goldens else None
    if sample:
        level = copy.deepcopy(sample)
        level["runs"][0]["results"][0]["level"] = "fatal"
        message = copy.deepcopy(sample)
        del message["runs"][0]["results"][0]["message"]
        for what, log in (("an unknown level", level), ("a result without a message", message)):
            if validator.is_valid(log):
                failures.append(f"the SARIF schema accepts {what}")

    for f in failures:
        print(f, file=sys.stderr)
    print(f"{len(goldens)} golden SARIF logs and {examples} examples in every format checked; {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
