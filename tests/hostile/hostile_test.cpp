// Hostile input, as an attacker or an unlucky user would give it: each test
// runs the executable and asserts the exit code, the message and its
// location, and that nothing leaks, crashes or hangs (the time bound is a
// hang guard, not a speed target). See tests/hostile/README.md.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "harness.hpp"
#include "process.hpp"

using namespace samsvar::testing;
namespace fs = std::filesystem;

namespace {

constexpr double kBound = 60;  // seconds; every run here takes well under one

/// A fresh temporary folder, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("samsvar-hostile-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return (path / name).string();
  }
};

Process run(std::vector<std::string> args, const std::string& input = "", const std::string& dir = "") {
  args.push_back("--lang");
  args.push_back("en");
  Process p = runSamsvar(args, input, dir, kBound);
  EXPECT_FALSE(p.timedOut) << "ran past " << kBound << " s";
  EXPECT_EQ(p.signal, 0) << "killed by a signal";
  return p;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

/// Nothing of the password files may be shown.
void expectNoSecrets(const Process& p) {
  for (const char* secret : {"root:", "daemon:", "nologin", "/bin/bash"}) {
    EXPECT_FALSE(contains(p.out, secret)) << p.out;
    EXPECT_FALSE(contains(p.err, secret)) << p.err;
  }
}

TEST(HostileLeak, AnOffersAgainstCannotLeaveItsFolder) {
  Process p = run({"check", "tests/hostile/against_shadow.case"});
  EXPECT_EQ(p.code, 2);
  EXPECT_EQ(p.out, "");
  EXPECT_TRUE(contains(p.err, "tests/hostile/against_shadow.case:1:22: error: the tender must be in the offer's folder "
                              "or below it; `../../../../etc/shadow` points outside it"))
      << p.err;
  expectNoSecrets(p);
}

TEST(HostileLeak, InlineStreamCasesCannotNameFilesOutsideTheRoots) {
  Process p = run({"check", "-"}, readFile(sourcePath("tests/hostile/batch_against_leak.jsonl")));
  EXPECT_EQ(p.code, 2);
  EXPECT_TRUE(contains(p.err, "x.case:1:22: error: the tender must be in the offer's folder or below it; `/etc/shadow`"))
      << p.err;
  expectNoSecrets(p);
}

TEST(HostileLeak, StreamPathsStayInsideTheCurrentFolder) {
  Process p = run({"check", "-"}, "{\"path\": \"/etc/passwd\"}\n{\"path\": \"../../../../../etc/passwd\"}\n");
  EXPECT_EQ(p.code, 2);
  EXPECT_TRUE(contains(p.err, "<stdin>:1:1: error: `/etc/passwd` is outside the folders cases are read from (.)")) << p.err;
  EXPECT_TRUE(contains(p.err, "<stdin>:2:1: error: `../../../../../etc/passwd` is outside")) << p.err;
  expectNoSecrets(p);
}

TEST(HostileLeak, AFileThatIsNotASamsvarFileIsNamedNotEchoed) {
  Process p = run({"check", "/etc/passwd"});
  EXPECT_EQ(p.code, 2);
  EXPECT_TRUE(contains(p.err, "/etc/passwd:1:1: error: this is not a samsvar file: expected `module` or `case`")) << p.err;
  EXPECT_FALSE(contains(p.err, " 1 | ")) << "no line of the file is shown:\n" << p.err;
  expectNoSecrets(p);
}

TEST(HostileFiles, AFifoIsRefusedNotWaitedFor) {
  TempDir dir;
  ASSERT_EQ(::mkfifo((dir.path / "fifo.case").c_str(), 0600), 0);
  ASSERT_EQ(::mkfifo((dir.path / "fifo.rules").c_str(), 0600), 0);
  const std::string ok = sourcePath("tests/hostile/ok.case");
  for (auto args : std::vector<std::vector<std::string>>{{"check", "fifo.case"},
                                                           {"check", ok, "--rules", "fifo.rules"},
                                                           {"lint", "fifo.rules"}}) {
    Process p = run(args, "", dir.path.string());
    EXPECT_EQ(p.code, 2) << args[1];
    EXPECT_TRUE(contains(p.err, "is not a regular file (a FIFO, a device or a socket); samsvar reads regular files only"))
        << p.err;
  }
}

TEST(HostileFiles, ADeviceIsRefused) {
  Process p = run({"check", "/dev/zero"});
  EXPECT_EQ(p.code, 2);
  EXPECT_TRUE(contains(p.err, "error: `/dev/zero` is not a regular file")) << p.err;
}

TEST(HostileFiles, AFileOverTheSizeLimitIsRefused) {
  TempDir dir;
  std::string big = "case \"big\" uses normering\n" + std::string(std::size_t{3} << 20, ' ');
  dir.write("big.case", big);
  Process p = run({"check", "big.case", "--max-input-mb", "2"}, "", dir.path.string());
  EXPECT_EQ(p.code, 2);
  EXPECT_TRUE(contains(p.err, "error: `big.case` is larger than the limit of 2 MiB")) << p.err;
  Process fine = run({"check", "big.case"}, "", dir.path.string());
  EXPECT_LE(fine.code, 1) << fine.err;
}

std::string longPathCase(int parts) {
  std::string s =
      "case \"path\" uses felles\ntype N { next: N  v: int }\na: N { next = b  v = 1 }\nb: N { next = a  v = 2 }\n"
      "rule P-1 skal title nb \"p\" en \"p\" for n: N require n";
  for (int i = 0; i < parts; ++i) s += ".next";
  return s + ".v > 0\n";
}

TEST(HostileDepth, AVeryLongPathIsALocatedErrorNotACrash) {
  TempDir dir;
  dir.write("path.case", longPathCase(30000));
  Process p = run({"check", "path.case"}, "", dir.path.string());
  EXPECT_EQ(p.code, 2);
  EXPECT_TRUE(contains(p.err, "path.case:5:52: error: the path has 30002 parts; the limit is 256")) << p.err.substr(0, 500);
  EXPECT_LT(p.err.size(), 2000u) << "the long line is cut, not echoed whole";
}

TEST(HostileDepth, TheGoodCasesOfABatchStillGetTheirReport) {
  std::string text = longPathCase(30000), line = "{\"name\": \"evil.case\", \"text\": \"";
  for (char c : text) {
    if (c == '"') line += "\\\"";
    else if (c == '\n') line += "\\n";
    else line += c;
  }
  line += "\"}\n";
  Process p = run({"check", "-", "-j2"}, "{\"path\": \"tests/hostile/ok.case\"}\n" + line);
  EXPECT_EQ(p.code, 2);
  EXPECT_TRUE(contains(p.out, "Case «ok» (tests/hostile/ok.case)")) << p.out;
  EXPECT_TRUE(contains(p.err, "evil.case:5:52: error: the path has 30002 parts")) << p.err.substr(0, 500);
}

TEST(HostileTerminal, EscapeSequencesAreRejectedAndNeverPrintedRaw) {
  for (const char* file : {"tests/hostile/ansi_offer/tilbud.case", "tests/hostile/ansi_title.case",
                           "tests/hostile/ansi_snippet.case"}) {
    Process p = run({"check", file});
    EXPECT_EQ(p.code, 2) << file;
    EXPECT_TRUE(contains(p.err, "error: unexpected control character U+001B")) << p.err;
    EXPECT_FALSE(contains(p.out + p.err, "\x1b")) << file << ": a raw ESC reached the terminal";
    EXPECT_FALSE(contains(p.out + p.err, "\x07")) << file << ": a raw BEL reached the terminal";
  }
}

TEST(HostileTerminal, ControlCharactersInNamesAreShownVisibly) {
  Process p = run({"check", "-"}, "{\"name\": \"a\\u001b[2Jb.case\", \"text\": \"case \\\"x\\\" uses nothing\"}\n");
  EXPECT_EQ(p.code, 2);
  EXPECT_FALSE(contains(p.out + p.err, "\x1b")) << p.err;
  EXPECT_TRUE(contains(p.err, "a\u241b[2Jb.case:")) << p.err;
}

TEST(HostileConventions, AByteOrderMarkIsAccepted) {
  Process p = run({"check", "tests/hostile/bom.case"});
  EXPECT_LE(p.code, 1) << p.err;
  EXPECT_EQ(p.err, "");
  EXPECT_TRUE(contains(p.out, "Case «BOM» (tests/hostile/bom.case)")) << p.out;
}

TEST(HostileConventions, OldMacLineEndsCountAsLines) {
  TempDir dir;
  dir.write("cr.case", "case \"cr\" uses normering\r\rh: Consultation { kind = hoering  opens = 2025-13-01 }\r");
  Process p = run({"check", "cr.case"}, "", dir.path.string());
  EXPECT_EQ(p.code, 2);
  EXPECT_TRUE(contains(p.err, "cr.case:3:")) << p.err;
}

TEST(HostileConventions, ANulByteIsNamed) {
  Process p = run({"check", "tests/hostile/nul_outside.case"});
  EXPECT_EQ(p.code, 2);
  EXPECT_TRUE(contains(p.err, "tests/hostile/nul_outside.case:2:18: error: unexpected control character U+0000")) << p.err;
}

TEST(HostileMessages, DatesInOtherFormsSayHowToWriteThem) {
  Process dotted = run({"check", "tests/hostile/e3.case"});
  EXPECT_EQ(dotted.code, 2);
  EXPECT_TRUE(contains(dotted.err, "tests/hostile/e3.case:2:27: error: write dates as YYYY-MM-DD")) << dotted.err;
  EXPECT_TRUE(contains(dotted.err, "help: write `2025-03-01`")) << dotted.err;
  Process shortIso = run({"check", "tests/hostile/e11.case"});
  EXPECT_EQ(shortIso.code, 2);
  EXPECT_TRUE(contains(shortIso.err, "tests/hostile/e11.case:2:27: error: write dates as YYYY-MM-DD")) << shortIso.err;
  EXPECT_TRUE(contains(shortIso.err, "help: write `2025-03-01`")) << shortIso.err;
}

TEST(HostileMessages, DatesAndEncodingInNorwegian) {
  Process dotted = runSamsvar({"check", "tests/hostile/e3.case"}, "", "", kBound);
  EXPECT_EQ(dotted.code, 2);
  EXPECT_TRUE(contains(dotted.err, "tests/hostile/e3.case:2:27: error: skriv datoer som ÅÅÅÅ-MM-DD")) << dotted.err;
  EXPECT_TRUE(contains(dotted.err, "help: skriv `2025-03-01`")) << dotted.err;
  TempDir dir;
  dir.write("latin1.case", "case \"Kj\xF8p\" uses hoering\n");
  Process nb = runSamsvar({"check", "latin1.case"}, "", dir.path.string(), kBound);
  EXPECT_EQ(nb.code, 2);
  EXPECT_TRUE(contains(nb.err, "latin1.case:1:9: error: ugyldig UTF-8-bytesekvens")) << nb.err;
  EXPECT_TRUE(contains(nb.err, "help: lagre filen som UTF-8")) << nb.err;
  Process en = run({"check", "latin1.case"}, "", dir.path.string());
  EXPECT_TRUE(contains(en.err, "help: save the file as UTF-8")) << en.err;
}

// A program that asked for JSON gets its input errors as JSON on standard
// output (docs/input-errors-schema.json), still with exit code 2, in the
// language asked for; the text for a person stays on standard error.
TEST(HostileMessages, JsonInputErrorsAreJsonOnStandardOutput) {
  for (const char* lang : {"nb", "en"}) {
    Process p = runSamsvar({"check", "tests/hostile/e3.case", "--format", "json", "--lang", lang}, "", "", kBound);
    EXPECT_EQ(p.code, 2);
    nlohmann::json doc = nlohmann::json::parse(p.out, nullptr, false);
    ASSERT_FALSE(doc.is_discarded()) << p.out;
    EXPECT_EQ(doc["schema"], "samsvar-input-errors/1");
    EXPECT_EQ(doc["exit_code"], 2);
    ASSERT_EQ(doc["errors"].size(), 1u) << p.out;
    const auto& e = doc["errors"][0];
    EXPECT_EQ(e["code"], "parse.date-format");
    EXPECT_EQ(e["message"], std::string(lang) == "nb" ? "skriv datoer som ÅÅÅÅ-MM-DD" : "write dates as YYYY-MM-DD");
    EXPECT_EQ(e["help"], std::string(lang) == "nb" ? "skriv `2025-03-01`" : "write `2025-03-01`");
    EXPECT_EQ(e["file"], "tests/hostile/e3.case");
    EXPECT_EQ(e["line"], 2);
    EXPECT_EQ(e["column"], 27);
    EXPECT_TRUE(contains(p.err, "tests/hostile/e3.case:2:27")) << p.err;
  }
  Process missing = run({"check", "no-such.case", "--format", "json"});
  EXPECT_EQ(missing.code, 2);
  nlohmann::json doc = nlohmann::json::parse(missing.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << missing.out;
  EXPECT_EQ(doc["errors"][0]["message"], "no such file or directory: no-such.case");
  EXPECT_FALSE(doc["errors"][0].contains("line"));
}

// --strict failing only because of gaps says so, in one language.
TEST(HostileMessages, StrictSaysTheGapsFailedIt) {
  Process nb = runSamsvar({"check", "examples/vendor/anbud-trygghetsalarm-vkp.case", "--strict"}, "", "", kBound);
  EXPECT_EQ(nb.code, 1);
  EXPECT_TRUE(contains(nb.out, "0 brudd, 1 mangel")) << nb.out;
  EXPECT_TRUE(contains(nb.out, "--strict: ingen må/skal-regel er brutt, men sjekken feiler på grunn av 1 mangel i "
                               "må/skal-regler (avslutningskode 1). Deklarer det som avgjør reglene, eller sjekk uten "
                               "--strict."))
      << nb.out;
  Process en = run({"check", "examples/vendor/anbud-trygghetsalarm-vkp.case", "--strict"});
  EXPECT_EQ(en.code, 1);
  EXPECT_TRUE(contains(en.out, "--strict: no må/skal rule is violated, but the check fails because of 1 gap in må/skal "
                               "rules (exit code 1). Declare what decides those rules, or check without --strict."))
      << en.out;
  // Without --strict the same case passes, and nothing is said.
  Process lax = run({"check", "examples/vendor/anbud-trygghetsalarm-vkp.case"});
  EXPECT_EQ(lax.code, 0);
  EXPECT_FALSE(contains(lax.out, "--strict")) << lax.out;
}

TEST(HostileFlood, ManyErrorsAreCappedAndCounted) {
  TempDir dir;
  std::string text = "case \"many\" uses normering, hoering\n"
                     "p: Product { level = anbefalt consultations = { h } }\n"
                     "h: Consultation { kind = hoering opens = 2024-03-01 closes = 2024-03-10 }\n";
  for (int i = 0; i < 100000; ++i) text += "deviation HOR-14 for h because \"r" + std::to_string(i) + "\"\n";
  dir.write("devs.case", text);
  Process p = run({"check", "devs.case"}, "", dir.path.string());
  EXPECT_EQ(p.code, 2);
  EXPECT_LT(p.err.size(), 100'000u);
  EXPECT_TRUE(contains(p.err, "devs.case: note: 9950 more messages not shown")) << p.err.substr(p.err.size() - 300);
  EXPECT_TRUE(contains(p.err, "99999 errors generated.")) << p.err.substr(p.err.size() - 300);
}

TEST(HostileFlood, AHugeUnknownNameIsShortened) {
  TempDir dir;
  dir.write("long.case", "case \"x\" uses normering\nh: Consultation { " + std::string(1 << 20, 'a') + " = 1 }\n");
  Process p = run({"check", "long.case"}, "", dir.path.string());
  EXPECT_EQ(p.code, 2);
  EXPECT_LT(p.err.size(), 5000u);
}

TEST(HostileNothing, AnEmptyFolderOrStreamIsAnErrorNotAPass) {
  TempDir dir;
  fs::create_directories(dir.path / "empty");
  Process folder = run({"check", "empty"}, "", dir.path.string());
  EXPECT_EQ(folder.code, 2);
  EXPECT_TRUE(contains(folder.err, "error: no case found in `empty`")) << folder.err;
  Process stream = run({"check", "-"}, "");
  EXPECT_EQ(stream.code, 2);
  EXPECT_TRUE(contains(stream.err, "error: no case found in <stdin>")) << stream.err;
}

TEST(HostileOptions, OutOfRangeLimitsAreUsageErrors) {
  for (const char* value : {"-5", "99999999999999999999"}) {
    Process p = run({"check", "tests/hostile/ok.case", "--rlimit", value});
    EXPECT_EQ(p.code, 2) << value;
    EXPECT_TRUE(contains(p.err, "--rlimit")) << p.err;
  }
}

TEST(HostileLocations, StreamLinesThatNameMissingFilesAreLocated) {
  Process p = run({"check", "-"}, readFile(sourcePath("tests/hostile/batch_io.jsonl")));
  EXPECT_EQ(p.code, 2);
  EXPECT_TRUE(contains(p.err, "<stdin>:1:1: error: cannot find `finnes_ikke.case`")) << p.err;
  EXPECT_TRUE(contains(p.err, "inline.case:1:18: error: cannot find the tender nope.case this offer answers")) << p.err;
}

TEST(HostileAgainst, AnAgainstOptionThatContradictsTheOfferIsAnError) {
  Process p = run({"check", "examples/vendor/tilbud-trygghetsalarm-vkp.case", "--against",
                   "examples/vendor/anbud-kjernejournal-legevakt.case"});
  EXPECT_EQ(p.code, 2);
  EXPECT_TRUE(contains(p.err, "error: the offer answers examples/vendor/anbud-trygghetsalarm-vkp.case, but --against "
                              "names examples/vendor/anbud-kjernejournal-legevakt.case"))
      << p.err;
}

}  // namespace
