#include "process.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "harness.hpp"

namespace samsvar::testing {

namespace {

std::string readAll(std::FILE* f) {
  std::rewind(f);
  std::string s;
  char buf[65536];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) s.append(buf, n);
  return s;
}

}  // namespace

Process runSamsvar(const std::vector<std::string>& args, const std::string& input, const std::string& dir,
                double timeoutSeconds) {
  Process p;
  std::FILE* in = std::tmpfile();
  std::FILE* out = std::tmpfile();
  std::FILE* err = std::tmpfile();
  if (!in || !out || !err) return p;
  std::fwrite(input.data(), 1, input.size(), in);
  std::fflush(in);
  std::rewind(in);
  std::vector<std::string> argvStrings{SAMSVAR_BINARY};
  argvStrings.insert(argvStrings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argvStrings) argv.push_back(a.data());
  argv.push_back(nullptr);
  const std::string cwd = dir.empty() ? sourcePath("") : dir;
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    // The child only calls async-signal-safe functions before exec.
    if (chdir(cwd.c_str()) != 0) _exit(127);
    dup2(fileno(in), 0);
    dup2(fileno(out), 1);
    dup2(fileno(err), 2);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  if (pid > 0) {
    while (true) {
      pid_t r = waitpid(pid, &status, WNOHANG);
      if (r == pid) break;
      double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (r < 0) break;
      if (elapsed > timeoutSeconds) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        p.timedOut = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (WIFEXITED(status)) p.code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) p.signal = WTERMSIG(status);
  }
  p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  p.out = readAll(out);
  p.err = readAll(err);
  std::fclose(in);
  std::fclose(out);
  std::fclose(err);
  return p;
}

}  // namespace samsvar::testing
