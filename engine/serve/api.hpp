// The web page's server without its sockets: the rulebase loaded once
// (warm), and every request — the JSON API under /api/ (docs/api.md) and the
// page's embedded files — answered as a value, so tests call it directly and
// engine/serve/server.cpp only carries bytes. No request names a file on
// disk: cases and tenders come as text, examples from the binary.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "engine/check/check.hpp"
#include "engine/driver/incremental.hpp"
#include "engine/sema/model.hpp"
#include "engine/serve/admission.hpp"

namespace samsvar::serve {

/// What `samsvar serve` is started with.
struct ServeOptions {
  std::string host = "127.0.0.1";  // loopback unless the user says otherwise
  int port = 8080;                 // 0: any free port
  unsigned jobs = 0;               // cases checked at once; 0: one per core
  std::size_t queue = 16;          // requests that may wait for a worker
  std::size_t maxBodyBytes = std::size_t{1} << 20;
  CheckOptions check;              // the solver budget of each case
};

struct Request {
  std::string method;  // "GET", "POST"
  std::string path;    // without the query
  std::map<std::string, std::string> query;
  std::string body;
  std::string contentType;
  std::string host;    // the Host header
  std::string origin;  // the Origin header, when the browser sent one
};

struct Response {
  int status = 200;
  std::string contentType = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

class ServeApp {
 public:
  /// Loads the rulebase from `rulePaths` (as `samsvar check` does); nullptr
  /// when it has errors, which are in `diags` (of `sm`, which must outlive the app).
  static std::unique_ptr<ServeApp> create(SourceManager& sm, const std::vector<std::pair<std::string, std::string>>& rulePaths,
                                          const ServeOptions& options, Diagnostics& diags);

  /// Answers one request. Never throws: a bug is a 500 with its message.
  Response handle(const Request& request) const;

  /// An error answer: `code`'s message in both languages, the request's first.
  Response error(int status, DiagCode code, MsgArgs args, Lang lang) const;

  Admission& admission() const { return admission_; }
  const ServeOptions& options() const { return options_; }
  /// The host names the page answers on (the Host header must be one of
  /// them when it listens on a loopback address): DNS rebinding cannot
  /// reach it through another name.
  void allowHosts(std::vector<std::string> hosts) { allowedHosts_ = std::move(hosts); }

 private:
  ServeApp(SourceManager& sm, model::Model rulebase, const ServeOptions& options);
  Response route(const Request& request, Lang lang) const;
  /// 503: every worker busy and the queue full.
  Response busy(Lang lang) const;
  Response check(const Request& request, Lang lang, bool repair) const;
  Response vocabulary() const;
  Response rules() const;
  Response explain(const Request& request, Lang lang) const;
  Response starts(Lang lang) const;
  Response example(const Request& request, Lang lang) const;
  Response info() const;
  Response asset(const std::string& path, Lang lang) const;
  /// A warm checker for a case of this name (see check()); given back after the request.
  std::unique_ptr<IncrementalChecker> takeWarm(const std::string& name) const;
  void giveWarm(std::unique_ptr<IncrementalChecker> warm) const;

  SourceManager& sm_;  // the rulebase's files, read only once loaded
  std::vector<std::pair<std::string, std::string>> files_;  // their names and texts, in id order
  model::Model rulebase_;
  ServeOptions options_;
  std::vector<std::string> allowedHosts_;  // empty: any
  mutable Admission admission_;
  mutable std::mutex warmMutex_;
  mutable std::vector<std::unique_ptr<IncrementalChecker>> warm_;  // idle, least recently used first
};

}  // namespace samsvar::serve
