#include "storage/session.h"

#include <utility>

#include "graph/base/error.h"
#include "storage/loader.h"

namespace weft::storage {

namespace {

[[noreturn]] void ThrowClosed() { throw UsageError("the store is closed"); }

}  // namespace

Session::Session(std::string path, const OpenOptions& options)
    : path_(std::move(path)), options_(options) {}

Session::~Session() = default;

std::unique_ptr<Session> Session::Open(const std::string& path, const OpenOptions& options) {
  std::unique_ptr<Session> session(new Session(path, options));
  std::shared_ptr<Store> store = Store::Open(path, options);
  std::shared_ptr<const View> view = session->Load(store);
  session->store_ = std::move(store);
  session->view_ = std::move(view);
  session->checked_ = std::chrono::steady_clock::now();
  return session;
}

std::shared_ptr<const View> Session::Load(std::shared_ptr<Store> store) {
  auto view = std::make_shared<View>();
  view->graph = LoadGraph(*store);
  view->store = std::move(store);
  return view;
}

std::shared_ptr<const View> Session::view() const {
  std::lock_guard lock(state_mu_);
  if (!view_) ThrowClosed();
  return view_;
}

std::shared_ptr<Store> Session::Writable() const {
  if (options_.read_only) throw UsageError("the store at '" + path_ + "' is open read-only");
  std::lock_guard lock(state_mu_);
  if (!store_) ThrowClosed();
  return store_;
}

std::shared_ptr<Store> Session::Handle() const {
  std::lock_guard lock(state_mu_);
  if (!store_) ThrowClosed();
  return store_;
}

std::shared_ptr<const View> Session::Refresh(std::chrono::milliseconds reader_interval,
                                             bool* changed) {
  if (changed) *changed = false;
  std::shared_ptr<const View> seen;
  std::shared_ptr<Store> store;
  {
    std::lock_guard lock(state_mu_);
    if (!view_) ThrowClosed();
    seen = view_;
    store = store_;
    if (options_.read_only && std::chrono::steady_clock::now() - checked_ < reader_interval) {
      return seen;
    }
  }
  std::lock_guard load(load_mu_);
  {
    // A caller before this one may have loaded while this one waited: its view is new enough.
    std::lock_guard lock(state_mu_);
    if (!view_) ThrowClosed();
    if (view_ != seen) {
      if (changed) *changed = true;
      return view_;
    }
  }
  std::shared_ptr<const View> fresh;
  std::shared_ptr<Store> reopened;
  if (options_.read_only) {
    // A read-only handle sees the store as it was opened: another process's writes need a new
    // one.
    OpenOptions read = options_;
    read.create_if_missing = false;
    reopened = Store::Open(path_, read);
    {
      std::lock_guard lock(state_mu_);
      checked_ = std::chrono::steady_clock::now();
    }
    if (reopened->Sequence() == seen->sequence()) return seen;
    fresh = Load(reopened);
  } else {
    std::lock_guard write(write_mu_);
    if (store->Sequence() == seen->sequence()) return seen;
    fresh = Load(std::move(store));
  }
  std::lock_guard lock(state_mu_);
  if (!view_) ThrowClosed();  // closed during the load
  view_ = fresh;
  if (reopened) store_ = std::move(reopened);
  if (changed) *changed = true;
  return fresh;
}

void Session::Close() {
  std::shared_ptr<Store> store;
  std::shared_ptr<const View> view;
  {
    std::lock_guard lock(state_mu_);
    store = std::move(store_);
    view = std::move(view_);
  }
  // The handles are let go here, outside the lock: closing a store flushes it.
}

}  // namespace weft::storage
