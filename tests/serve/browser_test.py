#!/usr/bin/env python3
"""The page of `samsvar serve` in a real browser (Debian's chromium,
chromium-driver and python3-selenium): the scenarios a procurer, the
directorate and a vendor go through, with screenshots at desktop
(1280x900) and phone (390x844) width kept as test artifacts.

usage: browser_test.py SAMSVAR_BINARY ARTIFACT_DIR
Exit 77 (skipped) only when chromium, its driver or selenium is missing.
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

SKIP = 77

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    print("skipped: python3-selenium is not installed (./samsvar.sh deps installs it)")
    sys.exit(SKIP)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


def start_server(binary):
    """`samsvar serve --port 0`: its address from its first line."""
    # More workers than a repair in flight from an earlier scenario can hold
    # (a repair may take seconds; a check, milliseconds).
    proc = subprocess.Popen([binary, "serve", "--port", "0", "--jobs", "4"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    match = re.search(r"http://[^ ]+/", line)
    if not match:
        proc.kill()
        raise RuntimeError(f"samsvar serve did not say where it listens: {line!r} {proc.stderr.read()}")
    return proc, match.group(0)


def browser(profile):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900", f"--user-data-dir={profile}", "--lang=nb"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(DRIVER), options=options)


class Page:
    def __init__(self, driver, url, artifacts):
        self.d = driver
        self.url = url
        self.artifacts = artifacts

    def wait(self, predicate, what, timeout=30):
        try:
            return WebDriverWait(self.d, timeout, poll_frequency=0.05).until(lambda d: predicate())
        except Exception:
            raise AssertionError(f"timed out waiting for {what}")

    def js(self, script, *args):
        return self.d.execute_script(script, *args)

    def css(self, selector):
        return self.d.find_elements(By.CSS_SELECTOR, selector)

    def one(self, selector):
        found = self.css(selector)
        assert found, f"no element {selector}"
        return found[0]

    def click(self, selector):
        element = self.one(selector)
        self.js("arguments[0].scrollIntoView({block: 'center'})", element)
        element.click()

    def checks(self):
        return int(self.js("return Number(document.body.dataset.checks || 0)"))

    def after_check(self, action, what):
        """Does `action`, then waits until the page shows a newer check and
        the repair that follows it (which draws the report again)."""
        before = self.checks()
        action()
        self.wait(lambda: self.checks() > before and self.js("return document.body.dataset.check") != "busy"
                  and self.js("return document.body.dataset.repair") != "pending", what, timeout=90)

    def repaired(self):
        """Waits for the repair that follows a check with violations or gaps."""
        self.wait(lambda: self.js("return document.body.dataset.repair") == "done"
                  and self.css('#report button[data-action="apply-repair"]'), "the repair", timeout=60)

    def open(self):
        self.d.get(self.url)
        self.wait(lambda: self.js("return document.body.dataset.ready") == "true", "the page to load")

    def open_example(self, role, name):
        self.open()
        self.click(f'.role[data-role="{role}"]')
        self.after_check(lambda: self.click(f'.example[data-name="{name}"]'), f"the check of {name}")

    def count(self, verdict):
        found = self.css(f'#report .count[data-verdict="{verdict}"]')
        return int(found[0].get_attribute("data-count")) if found else 0

    def caret_line(self):
        return int(self.js("const t = document.querySelector('#editor textarea');"
                           "return t.value.slice(0, t.selectionStart).split('\\n').length;"))

    def shoot(self, name):
        """A screenshot at desktop width and one at phone width."""
        for label, (w, h, mobile) in (("desktop", (1280, 900, False)), ("phone", (390, 844, True))):
            self.d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": w, "height": h, "deviceScaleFactor": 1, "mobile": mobile})
            time.sleep(0.3)
            self.d.save_screenshot(str(self.artifacts / f"{name}-{label}.png"))
        self.d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        time.sleep(0.2)


PROCURER = "procurer/kritisk-info-helseforetak.case"


def procurer_sees_violations_goes_to_the_cause_and_repairs(p):
    p.open()
    p.shoot("start")
    p.open_example("procurer", PROCURER)
    assert p.count("violated") == 2, f"{p.count('violated')} violations shown"
    assert p.count("gap") == 4
    assert p.one("#verdict-banner").get_attribute("data-hold") == "false"
    assert p.css('#editor .num.mark-error[data-line="62"]'), "no error mark at line 62 (SEL-05)"
    p.shoot("report")
    # A line that causes the violation of ROLE-01: the editor lands on it.
    cause = p.one('#report article[data-rule="ROLE-01"] li.cause[data-line="155"]')
    p.js("arguments[0].scrollIntoView({block: 'center'})", cause)
    cause.click()
    assert p.caret_line() == 155, f"the caret is on line {p.caret_line()}"
    selected = p.js("const t = document.querySelector('#editor textarea');"
                    "return t.value.slice(t.selectionStart, t.selectionEnd);")
    assert selected.strip() == "main_responsible = leverandoeren", selected
    # The repair: a preview of its lines, then applied: every må/skal rule holds.
    p.repaired()
    assert p.caret_line() == 155, "the repair's arrival moved the caret"
    p.click('#report button[data-action="preview-repair"]')
    assert p.css('#diff .hunk .add'), "the preview shows no added line"
    assert "main_responsible = helse_bergen" in p.one("#diff").text
    p.shoot("repair-preview")
    p.after_check(lambda: p.click('#report button[data-action="apply-repair"]'), "the check of the repaired case")
    assert p.one("#verdict-banner").get_attribute("data-hold") == "true", p.one("#verdict-banner").text
    assert p.count("violated") == 0 and p.count("gap") == 0
    p.shoot("repaired")


def a_gap_is_settled_by_its_insert_buttons(p):
    p.open_example("procurer", PROCURER)
    gaps = p.count("gap")
    # SEL-23 is open on two undeclared attributes: each button declares one.
    for _ in range(3):
        buttons = p.css('#report article[data-rule="SEL-23"] button[data-action="insert-gap"]')
        if not buttons:
            break
        p.after_check(lambda: (p.js("arguments[0].scrollIntoView({block: 'center'})", buttons[0]), buttons[0].click()),
                      "the check after inserting a declaration")
    text = p.js("return document.querySelector('#editor textarea').value")
    assert "snomed_ct_assessed = true" in text, "the declaration is not in the text"
    assert not p.css('#report article[data-rule="SEL-23"]'), "SEL-23 is still open"
    # SEL-30 reads snomed_ct_chosen too: declaring it decides both.
    assert p.count("gap") == gaps - 2, f"{p.count('gap')} gaps after settling two of {gaps}"


def a_syntax_error_is_marked_on_its_line(p):
    p.open_example("procurer", PROCURER)
    area = p.one("#editor textarea")
    # At the end of line 36 (`leverandoeren.group = leverandoer`): a stray `= =`.
    p.js("const t = arguments[0]; const lines = t.value.split('\\n');"
         "const at = lines.slice(0, 36).join('\\n').length; t.focus(); t.setSelectionRange(at, at);", area)
    p.after_check(lambda: area.send_keys(" = = 3"), "the check of the broken case")
    assert p.js("return document.body.dataset.check") == "error"
    diags = p.css("#diagnostics li.diagnostic.error")
    assert diags, "no error shown"
    line = int(diags[0].get_attribute("data-line"))
    assert line == 36, f"the error is shown at line {line}"
    assert p.css('#editor .num.mark-error[data-line="36"]'), "no error mark in the margin at line 36"
    p.shoot("syntax-error")
    diags[0].click()
    assert p.caret_line() == 36


def the_language_switches(p):
    p.open_example("procurer", PROCURER)
    assert "Brudd på må/skal-regler" in p.one("#report").text
    p.after_check(lambda: p.click('.lang[data-lang="en"]'), "the check in English")
    report = p.one("#report").text
    assert "Violations of må/skal rules" in report and "Brudd på" not in report, report[:300]
    assert p.one('.tab[data-tab="rules"]').text == "Rules"
    assert p.js("return document.documentElement.lang") == "en"
    p.shoot("english")


def every_role_starts_from_a_template(p):
    for role in ("procurer", "directorate", "vendor"):
        p.open()
        p.click(f'.role[data-role="{role}"]')
        p.after_check(lambda: p.click("#template-button"), f"the check of the {role} template")
        assert p.js("return document.body.dataset.check") in ("hold", "open"), role
        assert p.one("#report .samsvar-report"), f"no report for the {role} template"
        text = p.js("return document.querySelector('#editor textarea').value")
        # The template is `samsvar init ROLE`'s starting case, commented.
        assert "Laget av `samsvar init` fra reglene" in text, text[:300]
        assert p.one("#file-name").text == f"templates/{role}.case"
    p.shoot("template-vendor")


def an_offer_is_checked_with_its_tender(p):
    p.open_example("vendor", "vendor/tilbud-trygghetsalarm-vkp.case")
    assert p.count("violated") == 1 and p.count("deviated") == 1
    assert "anbud-trygghetsalarm-vkp.case" in p.one("#tender-name").text


def the_rules_are_searchable_and_explained(p):
    p.open()
    p.click('.tab[data-tab="rules"]')
    p.wait(lambda: len(p.css("#rule-list .rule")) > 50, "the list of rules")
    search = p.one("#rule-search")
    search.send_keys("HOR-14")
    p.wait(lambda: len(p.css("#rule-list .rule")) == 1, "the search to keep one rule")
    p.click("#rule-list .rule .rule-head")
    p.click("#rule-list .rule .explain")
    p.wait(lambda: "HOR-14" in p.one("#rule-list .explanation").text, "the explanation of HOR-14")
    p.shoot("rules")


def completion_offers_the_vocabulary(p):
    p.open_example("directorate", "directorate/anbefalt-basisprofiler-kort-hoering.case")
    area = p.one("#editor textarea")
    p.js("const t = arguments[0]; t.focus(); t.setSelectionRange(t.value.length, t.value.length);", area)
    area.send_keys("\nx: Consultation { resp")
    p.wait(lambda: p.css(".completion:not([hidden]) li"), "the completion list")
    names = [e.text.split("\n")[0] for e in p.css(".completion li .name")]
    assert "responses_published" in names, names
    area.send_keys(Keys.ENTER)
    assert p.js("return document.querySelector('#editor textarea').value").endswith("responses_published")


def nothing_from_a_case_runs_as_script(p):
    """A case whose text is markup shows as text, and the page keeps its policy."""
    p.open()
    p.click('.role[data-role="procurer"]')
    p.after_check(lambda: p.click("#template-button"), "a template")
    area = p.one("#editor textarea")
    p.after_check(lambda: p.js("arguments[0].value = 'case \"<img src=x onerror=alert(1)>\"\\n';"
                               "arguments[0].dispatchEvent(new Event('input'));", area), "the check of a hostile title")
    assert not p.css("#report img"), "markup of a case became an element"
    assert "<img src=x" in p.one("#report h2").text


SCENARIOS = [
    procurer_sees_violations_goes_to_the_cause_and_repairs,
    a_gap_is_settled_by_its_insert_buttons,
    a_syntax_error_is_marked_on_its_line,
    the_language_switches,
    every_role_starts_from_a_template,
    an_offer_is_checked_with_its_tender,
    the_rules_are_searchable_and_explained,
    completion_offers_the_vocabulary,
    nothing_from_a_case_runs_as_script,
]


def main():
    if not CHROMIUM or not DRIVER:
        print("skipped: chromium and chromium-driver are not installed (./samsvar.sh deps installs them)")
        return SKIP
    binary = sys.argv[1]
    artifacts = pathlib.Path(sys.argv[2])
    artifacts.mkdir(parents=True, exist_ok=True)
    server, url = start_server(binary)
    profile = tempfile.mkdtemp(prefix="samsvar-chromium-")
    driver = None
    passed = failed = 0
    try:
        driver = browser(profile)
        driver.set_page_load_timeout(30)
        page = Page(driver, url, artifacts)
        for scenario in SCENARIOS:
            name = scenario.__name__
            try:
                scenario(page)
                errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
                assert not errors, f"the browser console has errors: {errors}"
                passed += 1
                print(f"ok: {name}")
            except Exception:
                failed += 1
                print(f"FAILED: {name}\n{traceback.format_exc()}")
                try:
                    driver.save_screenshot(str(artifacts / f"failed-{name}.png"))
                except Exception:
                    pass
    finally:
        if driver:
            driver.quit()
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(profile, ignore_errors=True)
    print(f"screenshots in {artifacts}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
