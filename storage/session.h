// One open store and the graph read from it, for everything in a process that reads it: the
// server's requests, the REPL's commands, the Python module's calls.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "graph/snapshot/graph.h"
#include "storage/store.h"

namespace weft::storage {

// A store handle and the graph loaded from it, together and immutable: whoever holds a View
// reads the same graph, with the store that can give its provenance, until they let it go,
// whatever reloads or closes the session meanwhile. A selection of edges (a query's result, the
// REPL's last answer) is held with the View it indexes.
struct View {
  std::shared_ptr<const Store> store;
  std::shared_ptr<const graph::Graph> graph;
  uint64_t sequence() const { return graph->sequence(); }
};

// Hands out the current View and replaces it when the store moves on; serialises this
// process's writers (another process's are kept out by the store's lock). Every method may be
// called from any thread.
class Session {
 public:
  // Opens the store at `path` (Store::Open) and loads its graph. Throws StorageError.
  static std::unique_ptr<Session> Open(const std::string& path, const OpenOptions& options);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  const std::string& path() const { return path_; }
  bool read_only() const { return options_.read_only; }

  // The view as it is, without looking at the store. Throws UsageError once closed.
  std::shared_ptr<const View> view() const;

  // The view of the store as it is now. A writer's view is reloaded when its own writes have
  // moved the store on; a reader sees other processes' writes by opening the store again, at
  // most once per `reader_interval` (0: every call). One load runs at a time; callers that arrive
  // during it wait for its result. `changed`, when set, tells whether the view was replaced.
  // When a reader cannot open the store again, its view stays and the error is thrown.
  std::shared_ptr<const View> Refresh(std::chrono::milliseconds reader_interval = {},
                                      bool* changed = nullptr);

  // Runs fn(Store&) as this process's only writer of the store: callers take turns. The view
  // follows on the next Refresh. Throws UsageError for a read-only or closed session.
  template <typename Fn>
  auto Write(Fn&& fn) {
    std::lock_guard lock(write_mu_);
    std::shared_ptr<Store> store = Writable();
    return fn(*store);
  }

  // Runs fn(const Store&) on the session's store as it is now; in a writer session, between
  // writes, never during one.
  template <typename Fn>
  auto Read(Fn&& fn) {
    if (options_.read_only) {
      std::shared_ptr<const Store> store = Handle();
      return fn(*store);
    }
    std::lock_guard lock(write_mu_);
    std::shared_ptr<const Store> store = Handle();
    return fn(*store);
  }

  // Drops the session's view and store handle; views still held stay valid until let go, and
  // every later call throws UsageError ("the store is closed").
  void Close();

 private:
  Session(std::string path, const OpenOptions& options);
  std::shared_ptr<Store> Writable() const;
  std::shared_ptr<Store> Handle() const;
  std::shared_ptr<const View> Load(std::shared_ptr<Store> store);

  const std::string path_;
  const OpenOptions options_;
  // Held while writing, and by a writer session's loads: a load must not read a store its own
  // process is half way through writing.
  std::mutex write_mu_;
  // Held while a load runs, so that concurrent callers share one.
  std::mutex load_mu_;
  mutable std::mutex state_mu_;  // guards the members below
  std::shared_ptr<Store> store_;
  std::shared_ptr<const View> view_;
  std::chrono::steady_clock::time_point checked_;
};

}  // namespace weft::storage
