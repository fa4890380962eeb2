// SPDX-License-Identifier: MIT
// ByteBudgetCache: a least-recently-used map from string keys to shared immutable values,
// bounded by the bytes its values hold (as the caller states them), not by entry count. A value
// larger than the whole budget is not kept. Values handed out stay valid after eviction (shared
// ownership). Thread-safe.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace aitp::server {

template <class V>
class ByteBudgetCache {
  public:
    explicit ByteBudgetCache(std::size_t budget_bytes) : budget_(budget_bytes) {}

    /// Returns the value for key (marking it most recently used), or nullptr.
    std::shared_ptr<const V> find(const std::string& key) {
        std::lock_guard lock(mu_);
        const auto it = index_.find(key);
        if (it == index_.end()) return nullptr;
        order_.splice(order_.begin(), order_, it->second);
        return it->second->value;
    }

    /// Stores value under key (replacing an older one), evicting the least recently used
    /// entries until the total fits the budget. Returns false when the value alone exceeds it.
    bool put(const std::string& key, std::shared_ptr<const V> value, std::size_t bytes) {
        std::lock_guard lock(mu_);
        erase_locked(key);
        if (bytes > budget_) return false;
        while (!order_.empty() && used_ + bytes > budget_) erase_locked(order_.back().key);
        order_.push_front({key, std::move(value), bytes});
        index_[key] = order_.begin();
        used_ += bytes;
        return true;
    }

    std::size_t bytes() const {
        std::lock_guard lock(mu_);
        return used_;
    }
    std::size_t size() const {
        std::lock_guard lock(mu_);
        return order_.size();
    }
    std::size_t budget() const { return budget_; }

  private:
    struct Entry {
        std::string key;
        std::shared_ptr<const V> value;
        std::size_t bytes = 0;
    };
    void erase_locked(const std::string& key) {
        const auto it = index_.find(key);
        if (it == index_.end()) return;
        used_ -= it->second->bytes;
        order_.erase(it->second);
        index_.erase(it);
    }

    const std::size_t budget_;
    mutable std::mutex mu_;
    std::list<Entry> order_;  ///< most recently used first
    std::unordered_map<std::string, typename std::list<Entry>::iterator> index_;
    std::size_t used_ = 0;
};

}  // namespace aitp::server
