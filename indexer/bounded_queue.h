// A blocking FIFO between pipeline threads, bounded by a cost (bytes, items): a producer waits
// while the queue is full, so memory stays bounded however fast the input arrives.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

namespace newsindex {

template <typename T>
class BoundedQueue {
 public:
  // capacity: the total cost the queue may hold; one item is always accepted when the queue is
  // empty, so an item costlier than the capacity still passes (alone).
  explicit BoundedQueue(std::size_t capacity) : capacity_(capacity) {}

  // Waits for room; false (item dropped) when the queue was closed.
  bool push(T item, std::size_t cost = 1) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return closed_ || items_.empty() || cost_ + cost <= capacity_; });
    if (closed_) return false;
    cost_ += cost;
    items_.emplace_back(std::move(item), cost);
    not_empty_.notify_one();
    return true;
  }

  // Like push, but gives up after `wait` (returning false with the item untouched in `item`) so
  // the caller can do something else, e.g. report progress, and try again.
  bool try_push_for(T& item, std::size_t cost, std::chrono::milliseconds wait) {
    std::unique_lock lock(mutex_);
    if (!not_full_.wait_for(lock, wait, [&] { return closed_ || items_.empty() || cost_ + cost <= capacity_; }))
      return false;
    if (closed_) return true;  // dropped: the consumer side has gone
    cost_ += cost;
    items_.emplace_back(std::move(item), cost);
    not_empty_.notify_one();
    return true;
  }

  // Waits for an item; nullopt when the queue is closed and empty.
  std::optional<T> pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return std::nullopt;
    auto [item, cost] = std::move(items_.front());
    items_.pop_front();
    cost_ -= cost;
    not_full_.notify_all();
    return std::move(item);
  }

  // No more pushes: consumers drain what is left, then pop() returns nullopt.
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

  // Drops everything queued and closes (on failure: wake everyone, stop working).
  void abort() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    items_.clear();
    cost_ = 0;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable not_empty_, not_full_;
  std::deque<std::pair<T, std::size_t>> items_;
  std::size_t cost_ = 0;
  std::size_t capacity_;
  bool closed_ = false;
};

}  // namespace newsindex
