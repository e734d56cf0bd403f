#include "engine/serve/server.hpp"

#include <httplib.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <ostream>

#include "engine/driver/load.hpp"

namespace samsvar::serve {

namespace {

bool isLoopback(const std::string& host) { return host == "127.0.0.1" || host == "localhost" || host == "::1"; }

Request toRequest(const httplib::Request& req) {
  Request r;
  r.method = req.method;
  r.path = req.path;
  for (const auto& [key, value] : req.params) r.query.emplace(key, value);  // the first of a repeated key
  r.body = req.body;
  r.contentType = req.get_header_value("Content-Type");
  r.host = req.get_header_value("Host");
  r.origin = req.get_header_value("Origin");
  return r;
}

void fill(httplib::Response& res, const Response& r) {
  res.status = r.status;
  for (const auto& [name, value] : r.headers) res.set_header(name, value);
  res.set_content(r.body, r.contentType);
}

}  // namespace

int runServe(const CommonOptions& common, const ServeOptions& options, const Streams& io) {
  try {
    SourceManager sm;
    sm.setMaxFileBytes(common.maxFileBytes);
    Diagnostics diags;
    std::vector<std::pair<std::string, std::string>> paths;
    if (common.rules.empty()) paths.emplace_back(bundledRulesDir(common.program), "rules/");
    for (const auto& r : common.rules) paths.emplace_back(r, "");
    auto app = ServeApp::create(sm, paths, options, diags);
    if (!app) {
      diags.sort();
      io.err << renderAll(sm, diags, common.lang, common.color);
      return 2;
    }
    if (isLoopback(options.host)) app->allowHosts({"127.0.0.1", "localhost", "[::1]"});

    httplib::Server server;
    // Room for every admitted request, and some for the page's files and
    // for answering "busy" while the workers and the queue are full.
    const std::size_t threads = app->admission().workers() + app->admission().queue() + 4;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_payload_max_length(options.maxBodyBytes);
    server.set_read_timeout(10, 0);
    server.set_write_timeout(10, 0);
    const auto handler = [&app](const httplib::Request& req, httplib::Response& res) { fill(res, app->handle(toRequest(req))); };
    server.Get(".*", handler);
    server.Post(".*", handler);
    // What the library answers itself (a body over the limit, a malformed
    // request) gets the same JSON error as the API's.
    server.set_error_handler([&app, &options](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return;
      Lang lang = req.get_param_value("lang") == "en" ? Lang::en : Lang::nb;
      Response r = res.status == 413 ? app->error(413, DiagCode::serveBodyTooLarge,
                                                  {{"limit", std::to_string(options.maxBodyBytes >> 10)}}, lang)
                                     : app->error(res.status, DiagCode::serveNotFound, {{"path", req.method + " " + req.path}}, lang);
      r.status = res.status;
      fill(res, r);
    });

    int port = options.port;
    bool bound = port == 0 ? (port = server.bind_to_any_port(options.host)) > 0 : server.bind_to_port(options.host, port);
    if (!bound) {
      io.err << phrase(Phrase::serveCannotListen,
                       {{"host", options.host}, {"port", std::to_string(options.port)}, {"reason", std::strerror(errno)}})
                    .in(common.lang)
             << "\n";
      return 2;
    }
    const std::string shownHost = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
    io.out << phrase(Phrase::serveListening, {{"url", "http://" + shownHost + ":" + std::to_string(port) + "/"}}).in(common.lang)
           << std::endl;
    return server.listen_after_bind() ? 0 : 2;
  } catch (const std::exception& e) {
    io.err << phrase(Phrase::internalError, {{"what", e.what()}}).in(common.lang) << "\n";
    return 3;
  }
}

}  // namespace samsvar::serve
