// Containers of the checked model whose first part can be shared. A case's
// model is the rulebase plus the case's own declarations; the rulebase
// (hundreds of rules and instances, thousands of reference facts) is built
// once and shared, immutable, by every case, every copy of a case (repair,
// bounds, the analysis world) and every thread of a batch. Only the case's
// own part is copied with a model.
//
// The containers keep the std::vector / std::unordered_map API the rest of
// the engine uses, so code written against plain containers stays valid.
#pragma once

#include <compare>
#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <map>
#include <memory>
#include <stdexcept>
#include <unordered_map>
#include <utility>
#include <vector>

namespace samsvar::model {

/// A vector whose elements [0, sharedSize()) are shared with other copies
/// and never change, followed by this copy's own elements. Reads, appends
/// and iteration work as on a std::vector (iterators are read-only).
///
/// Writing a shared element is copy-on-write: the non-const operator[] (and
/// front, back, at) first copies the element into this container, so other
/// holders never see the change. Because C++ cannot tell a write from a read
/// through a non-const reference, read through a const reference where speed
/// matters (semantic analysis only ever writes its own elements and so never
/// copies; tests/engine/sema/model_test.cpp checks that).
template <class T>
class Layered {
 public:
  using value_type = T;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  using reference = T&;
  using const_reference = const T&;

  /// A random-access iterator by index; it stays valid while elements are
  /// only appended (as an index would).
  class const_iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = const T*;
    using reference = const T&;

    const_iterator() = default;
    const_iterator(const Layered* owner, difference_type index) : owner_(owner), index_(index) {}

    reference operator*() const { return (*owner_)[static_cast<size_type>(index_)]; }
    pointer operator->() const { return &**this; }
    reference operator[](difference_type n) const { return *(*this + n); }

    const_iterator& operator++() { ++index_; return *this; }
    const_iterator operator++(int) { auto old = *this; ++index_; return old; }
    const_iterator& operator--() { --index_; return *this; }
    const_iterator operator--(int) { auto old = *this; --index_; return old; }
    const_iterator& operator+=(difference_type n) { index_ += n; return *this; }
    const_iterator& operator-=(difference_type n) { index_ -= n; return *this; }
    friend const_iterator operator+(const_iterator it, difference_type n) { return it += n; }
    friend const_iterator operator+(difference_type n, const_iterator it) { return it += n; }
    friend const_iterator operator-(const_iterator it, difference_type n) { return it -= n; }
    friend difference_type operator-(const const_iterator& a, const const_iterator& b) {
      return a.index_ - b.index_;
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.index_ == b.index_; }
    friend auto operator<=>(const const_iterator& a, const const_iterator& b) { return a.index_ <=> b.index_; }

   private:
    const Layered* owner_ = nullptr;
    difference_type index_ = 0;
  };
  using iterator = const_iterator;

  Layered() = default;
  Layered(std::initializer_list<T> init) : own_(init) {}

  size_type size() const { return sharedSize_ + own_.size(); }
  bool empty() const { return size() == 0; }
  /// How many leading elements are shared (0 until share()).
  size_type sharedSize() const { return sharedSize_; }
  /// True when element `i` is read from the shared part, not copied here.
  bool isShared(size_type i) const { return i < sharedSize_ && !copied_.count(i); }
  /// True when both hold the same shared part (neither copied it).
  bool sharesWith(const Layered& other) const { return shared_ && shared_ == other.shared_; }

  const T& operator[](size_type i) const {
    if (i >= sharedSize_) return own_[i - sharedSize_];
    if (!copied_.empty())
      if (auto it = copied_.find(i); it != copied_.end()) return it->second;
    return (*shared_)[i];
  }
  /// Copy-on-write for a shared element (see the class comment).
  T& operator[](size_type i) {
    if (i >= sharedSize_) return own_[i - sharedSize_];
    return copied_.try_emplace(i, (*shared_)[i]).first->second;
  }
  const T& at(size_type i) const { return (*this)[checked(i)]; }
  T& at(size_type i) { return (*this)[checked(i)]; }
  const T& front() const { return (*this)[0]; }
  T& front() { return (*this)[0]; }
  const T& back() const { return (*this)[size() - 1]; }
  T& back() { return (*this)[size() - 1]; }

  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, static_cast<difference_type>(size())}; }
  const_iterator cbegin() const { return begin(); }
  const_iterator cend() const { return end(); }

  void push_back(const T& v) { own_.push_back(v); }
  void push_back(T&& v) { own_.push_back(std::move(v)); }
  template <class... Args>
  T& emplace_back(Args&&... args) {
    return own_.emplace_back(std::forward<Args>(args)...);
  }
  void reserve(size_type n) {
    if (n > sharedSize_) own_.reserve(n - sharedSize_);
  }

  /// Makes every element shared: copies of this container made afterwards
  /// share them instead of copying. Moves when nothing is shared yet (a
  /// rulebase); otherwise builds a new shared part (never needed per case).
  void share() {
    if (own_.empty() && copied_.empty()) return;
    if (!shared_) {
      shared_ = std::make_shared<const std::vector<T>>(std::move(own_));
    } else {
      std::vector<T> all;
      all.reserve(size());
      for (const auto& v : *this) all.push_back(v);
      shared_ = std::make_shared<const std::vector<T>>(std::move(all));
    }
    own_.clear();
    copied_.clear();
    sharedSize_ = shared_->size();
  }

 private:
  size_type checked(size_type i) const {
    if (i >= size()) throw std::out_of_range("model::Layered::at");
    return i;
  }

  std::shared_ptr<const std::vector<T>> shared_;  // immutable once shared
  size_type sharedSize_ = 0;
  std::vector<T> own_;             // elements sharedSize_, sharedSize_ + 1, …
  std::map<size_type, T> copied_;  // shared elements written through this copy
};

/// A hash map whose shared entries never change, overlaid by this copy's own
/// entries. find / count / at / iteration see both; operator[] and
/// try_emplace insert into the own part. Assigning to a shared key through
/// operator[] copies the entry into the own part, which then hides it.
template <class K, class V>
class LayeredMap {
  using Map = std::unordered_map<K, V>;

 public:
  using key_type = K;
  using mapped_type = V;
  using value_type = typename Map::value_type;
  using size_type = std::size_t;

  /// Visits the shared entries not hidden by own ones, then the own entries
  /// (in no particular order, like std::unordered_map).
  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = typename Map::value_type;
    using difference_type = std::ptrdiff_t;
    using pointer = const value_type*;
    using reference = const value_type&;

    const_iterator() = default;

    reference operator*() const { return *it_; }
    pointer operator->() const { return &*it_; }
    const_iterator& operator++() {
      ++it_;
      settle();
      return *this;
    }
    const_iterator operator++(int) {
      auto old = *this;
      ++*this;
      return old;
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) {
      return a.inShared_ == b.inShared_ && a.it_ == b.it_;
    }

   private:
    friend class LayeredMap;
    const_iterator(const LayeredMap* owner, bool inShared, typename Map::const_iterator it)
        : owner_(owner), inShared_(inShared), it_(it) {}

    /// Skips hidden shared entries and moves from the shared part to the own.
    void settle() {
      while (inShared_) {
        if (it_ == owner_->shared_->end()) {
          inShared_ = false;
          it_ = owner_->own_.begin();
        } else if (owner_->hidden_ && owner_->own_.count(it_->first)) {
          ++it_;
        } else {
          break;
        }
      }
    }

    const LayeredMap* owner_ = nullptr;
    bool inShared_ = false;
    typename Map::const_iterator it_;
  };
  using iterator = const_iterator;

  LayeredMap() = default;
  LayeredMap(std::initializer_list<value_type> init) : own_(init) {}

  size_type size() const { return (shared_ ? shared_->size() : 0) + own_.size() - hidden_; }
  bool empty() const { return size() == 0; }

  const_iterator begin() const {
    if (!shared_) return {this, false, own_.begin()};
    const_iterator it{this, true, shared_->begin()};
    it.settle();
    return it;
  }
  const_iterator end() const { return {this, false, own_.end()}; }

  const_iterator find(const K& key) const {
    if (auto it = own_.find(key); it != own_.end()) return {this, false, it};
    if (shared_)
      if (auto it = shared_->find(key); it != shared_->end()) return {this, true, it};
    return end();
  }
  size_type count(const K& key) const { return find(key) == end() ? 0 : 1; }
  bool contains(const K& key) const { return count(key) > 0; }
  const V& at(const K& key) const {
    auto it = find(key);
    if (it == end()) throw std::out_of_range("model::LayeredMap::at");
    return it->second;
  }

  /// The own entry of `key`, made from the shared one or value-initialised.
  V& operator[](const K& key) {
    if (auto it = own_.find(key); it != own_.end()) return it->second;
    if (shared_)
      if (auto it = shared_->find(key); it != shared_->end()) {
        ++hidden_;
        return own_.emplace(key, it->second).first->second;
      }
    return own_[key];
  }
  /// Inserts `key` → `value` unless `key` is present (shared or own).
  std::pair<const_iterator, bool> try_emplace(const K& key, V value) {
    if (auto it = find(key); it != end()) return {it, false};
    return {const_iterator{this, false, own_.emplace(key, std::move(value)).first}, true};
  }

  /// Makes every entry shared (see Layered::share).
  void share() {
    if (own_.empty()) return;
    if (!shared_) {
      shared_ = std::make_shared<const Map>(std::move(own_));
    } else {
      Map all = *shared_;
      for (auto& [k, v] : own_) all.insert_or_assign(k, std::move(v));
      shared_ = std::make_shared<const Map>(std::move(all));
    }
    own_.clear();
    hidden_ = 0;
  }
  /// True when both hold the same shared entries.
  bool sharesWith(const LayeredMap& other) const { return shared_ && shared_ == other.shared_; }

 private:
  std::shared_ptr<const Map> shared_;  // immutable once shared
  Map own_;
  size_type hidden_ = 0;  // shared keys that also have an own entry
};

}  // namespace samsvar::model
