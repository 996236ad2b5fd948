#include "cli/server/server.h"

#include <httplib.h>
#include <malloc.h>
#include <pthread.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "cli/server/explorer.h"
#include "graph/base/error.h"
#include "storage/session.h"

namespace weft::server {

namespace {

// Seconds a connection may take to send a request, and to send the next one on a kept-alive
// connection; a connection past either is closed.
constexpr time_t kReadTimeoutSeconds = 5;
constexpr time_t kKeepAliveSeconds = 5;
constexpr size_t kKeepAliveRequests = 1000;
constexpr size_t kMaxPayloadBytes = 64 * 1024;  // GET only: nothing large is ever accepted
constexpr int kListenBacklog = 1024;
constexpr size_t kPreparedQueries = 1024;  // distinct query texts kept parsed

// A pool that keeps `base` threads and starts more, up to `max`, while every thread is busy: a
// connection that sends nothing holds a thread until its read timeout, and must not hold up the
// requests behind it. Past `max` connections wait in the queue. A thread above `base` that has
// waited `idle` for work retires, so a burst's threads (and their stacks) are given back.
class ElasticPool : public httplib::TaskQueue {
 public:
  ElasticPool(size_t base, size_t max, std::chrono::milliseconds idle)
      : base_(base), max_(std::max(base, max)), idle_timeout_(idle) {
    std::unique_lock lock(mu_);
    for (size_t i = 0; i < base_; ++i) Spawn();
  }
  ~ElasticPool() override { shutdown(); }

  void enqueue(std::function<void()> fn) override {
    std::unique_lock lock(mu_);
    queue_.push_back(std::move(fn));
    // Idle threads already woken for earlier tasks are still counted idle until they take
    // them: a thread is spawned whenever the tasks waiting outnumber the idle threads, or a
    // request queued behind a connection that only idles would wait for its read timeout.
    if (queue_.size() > idle_ && threads_.size() - retired_.size() < max_) Spawn();
    cv_.notify_one();
  }

  void shutdown() override {
    {
      std::unique_lock lock(mu_);
      if (stopping_) return;
      stopping_ = true;
    }
    cv_.notify_all();
    for (auto& [id, t] : threads_) t.join();
  }

 private:
  // Called with mu_ held. Joins the threads that retired first: each has let go of mu_ and
  // only returns.
  void Spawn() {
    for (std::thread::id id : retired_) {
      auto it = threads_.find(id);
      it->second.join();
      threads_.erase(it);
    }
    retired_.clear();
    std::thread t([this] { Work(); });
    const std::thread::id id = t.get_id();
    threads_.emplace(id, std::move(t));
  }

  void Work() {
    std::unique_lock lock(mu_);
    for (;;) {
      ++idle_;
      const bool woken =
          cv_.wait_for(lock, idle_timeout_, [&] { return stopping_ || !queue_.empty(); });
      --idle_;
      if (!woken) {
        if (served_since_trim_ > 0) {
          // Idle after work: the memory the requests freed goes back to the system (the
          // allocator keeps it in its arenas otherwise, and the process stays at its peak).
          served_since_trim_ = 0;
          lock.unlock();
          malloc_trim(0);
          lock.lock();
        }
        if (threads_.size() - retired_.size() > base_) {
          retired_.push_back(std::this_thread::get_id());
          return;
        }
        continue;
      }
      if (queue_.empty()) return;  // stopping, nothing left
      std::function<void()> fn = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      fn();
      lock.lock();
      ++served_since_trim_;
    }
  }

  const size_t base_, max_;
  const std::chrono::milliseconds idle_timeout_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  std::unordered_map<std::thread::id, std::thread> threads_;  // started, retired ones included
  std::vector<std::thread::id> retired_;                      // returned, not yet joined
  size_t idle_ = 0;
  uint64_t served_since_trim_ = 0;
  bool stopping_ = false;
};

// The snapshot requests read: replaced whole when the session's view moves.
class Current {
 public:
  explicit Current(std::shared_ptr<const Snapshot> s) : snap_(std::move(s)) {}
  std::shared_ptr<const Snapshot> Get() const {
    std::lock_guard lock(mu_);
    return snap_;
  }
  void Set(std::shared_ptr<const Snapshot> s) {
    std::lock_guard lock(mu_);
    snap_ = std::move(s);
  }

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const Snapshot> snap_;
};

// A streamed body's bytes into the connection. A write fails, and so stops the export writing
// into it, once the client has gone or the request's time is up: the library's own stream
// reports success whatever happens to the bytes.
class SinkBuf : public std::streambuf {
 public:
  SinkBuf(httplib::DataSink& sink, std::chrono::steady_clock::time_point deadline)
      : sink_(sink), deadline_(deadline) {}

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (std::chrono::steady_clock::now() > deadline_ || !sink_.is_writable() ||
        !sink_.write(s, static_cast<size_t>(n))) {
      return 0;
    }
    return n;
  }
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    const char ch = traits_type::to_char_type(c);
    return xsputn(&ch, 1) == 1 ? c : traits_type::eof();
  }

 private:
  httplib::DataSink& sink_;
  std::chrono::steady_clock::time_point deadline_;
};

void Send(httplib::Response& res, Response r, std::chrono::milliseconds timeout) {
  res.status = r.status;
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Content-Type-Options", "nosniff");
  if (r.stream) {
    auto stream = std::move(r.stream);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    res.set_chunked_content_provider(
        r.content_type, [stream, deadline](size_t, httplib::DataSink& sink) {
          SinkBuf buf(sink, deadline);
          std::ostream out(&buf);
          try {
            stream(out);
          } catch (const std::exception&) {
            return false;  // the connection is closed, or the time is up
          }
          if (!out) return false;
          sink.done();
          return true;
        });
    return;
  }
  res.set_content(r.body, r.content_type);
}

}  // namespace

void Serve(const ServerOptions& options, const std::function<void(int port)>& ready) {
  // Signals go to one thread that stops the server; every other thread blocks them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGUSR1);  // sent to ourselves to end the signal thread
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  query::PreparedCache prepared(kPreparedQueries);  // outlives every request thread
  httplib::Server http;
  std::atomic<bool> stopping{false};
  std::atomic<bool> listen_done{false};
  std::atomic<bool> signalled{false};
  std::mutex wait_mu;
  std::condition_variable wait_cv;
  // The signal thread runs from the start, so that a signal at any point of start-up is seen.
  // cpp-httplib ignores stop() before it listens: the thread stops the server until listening
  // is over, whenever that begins.
  std::thread signal_thread([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    signalled = sig != SIGUSR1;
    stopping = true;
    wait_cv.notify_all();
    while (!listen_done) {
      http.stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });
  std::unique_ptr<storage::Session> session;
  std::optional<Current> current;
  std::thread reloader;
  // Every way out, an exception from the snapshot load, the bind or the listen included, joins
  // both threads (a joinable std::thread destroyed would end the process).
  struct Finish {
    std::function<void()> fn;
    ~Finish() { fn(); }
  } finish{[&] {
    listen_done = true;
    stopping = true;
    wait_cv.notify_all();
    if (reloader.joinable()) reloader.join();
    if (!signalled) pthread_kill(signal_thread.native_handle(), SIGUSR1);
    signal_thread.join();
  }};

  storage::OpenOptions read;
  read.read_only = true;
  session = storage::Session::Open(options.db_path, read);
  current.emplace(Snapshot::Of(session->view()));
  if (stopping) return;
  const std::string page = ExplorerPage();
  http.new_task_queue = [&options] {
    return new ElasticPool(options.threads, options.max_connections, options.idle_thread_timeout);
  };
  http.set_read_timeout(kReadTimeoutSeconds, 0);
  http.set_write_timeout(kReadTimeoutSeconds * 6, 0);
  http.set_keep_alive_timeout(kKeepAliveSeconds);
  http.set_keep_alive_max_count(kKeepAliveRequests);
  http.set_payload_max_length(kMaxPayloadBytes);
  http.set_tcp_nodelay(true);

  // Responses go uncompressed. The library would compress text and JSON with Brotli at its
  // highest quality whenever a client accepts it (every browser does): over a second for the
  // explorer page alone, and far longer for an export, to save bytes on a loopback connection.
  // The request objects are the library's own, not const objects, so dropping the header here
  // is well defined.
  http.set_pre_routing_handler([](const httplib::Request& req, httplib::Response&) {
    const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
    return httplib::Server::HandlerResponse::Unhandled;
  });
  http.Get(".*", [&](const httplib::Request& req, httplib::Response& res) {
    if (req.path == "/" || req.path == "/index.html") {
      res.set_header("Cache-Control", "no-store");
      res.set_header("Content-Security-Policy",
                     "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                     "img-src data: blob:; connect-src 'self'");
      res.set_content(page, "text/html; charset=utf-8");
      return;
    }
    Send(res, HandleApi(current->Get(), req.path, req.params, options.limits, &prepared),
         options.limits.timeout);
  });
  // Everything here is read with GET: other methods are told so (405 with Allow), not 404.
  auto not_allowed = [](const httplib::Request& req, httplib::Response& res) {
    res.status = 405;
    res.set_header("Allow", "GET, HEAD");
    Response r = ErrorResponse(405, "method", req.method + " is not allowed: use GET");
    res.set_content(r.body, r.content_type);
  };
  http.Post(".*", not_allowed);
  http.Put(".*", not_allowed);
  http.Delete(".*", not_allowed);
  http.Patch(".*", not_allowed);
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string message = res.status == 404   ? "no endpoint " + req.path
                          : res.status == 414 ? "the request line is too long"
                                              : "bad request";
    Response r = ErrorResponse(res.status, res.status == 404 ? "not_found" : "request", message);
    res.set_content(r.body, r.content_type);
  });
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, const std::exception_ptr&) {
        Response r = ErrorResponse(500, "internal", "the request failed");
        res.status = r.status;
        res.set_content(r.body, r.content_type);
      });

  // The listening socket, to give it a backlog fit for bursts once bound: the library listens
  // with a backlog of 5, and a burst of new connections past it waits a second to retry.
  int listen_fd = -1;
  http.set_socket_options([&listen_fd](socket_t sock) {
    httplib::default_socket_options(sock);
    listen_fd = sock;
  });
  int port = options.port;
  if (port == 0) {
    port = http.bind_to_any_port(options.bind);
    if (port < 0) throw Error("cannot listen on " + options.bind);
  } else if (!http.bind_to_port(options.bind, port)) {
    throw Error("cannot listen on " + options.bind + ":" + std::to_string(port) +
                " (in use? choose another with --port)");
  }

  if (listen_fd >= 0) ::listen(listen_fd, kListenBacklog);  // Linux raises the backlog in place
  if (stopping) return;
  reloader = std::thread([&] {
    std::string last_failure;  // said once, not every second while it lasts
    std::unique_lock lock(wait_mu);
    while (!wait_cv.wait_for(lock, options.reload_interval, [&] { return stopping.load(); })) {
      lock.unlock();
      try {
        bool changed = false;
        std::shared_ptr<const storage::View> view = session->Refresh({}, &changed);
        if (changed) current->Set(Snapshot::Of(std::move(view)));
        last_failure.clear();
      } catch (const std::exception& e) {
        if (e.what() != last_failure) {
          last_failure = e.what();
          std::fprintf(stderr, "weft serve: cannot reload: %s\n", e.what());
        }
      }
      lock.lock();
    }
  });
  ready(port);
  if (!stopping) http.listen_after_bind();
}

}  // namespace weft::server
