#pragma once

#include <cstddef>
#include <vector>

namespace quorum::ind {

// The last `capacity` values seen, oldest first by index: the window most period-based
// indicators slide over the bars.
class RingBuffer {
 public:
  explicit RingBuffer(std::size_t capacity) : values_(capacity > 0 ? capacity : 1) {}

  // Adds a value; once full, the oldest one is dropped.
  void Push(double value) {
    values_[head_] = value;
    head_ = head_ + 1 == values_.size() ? 0 : head_ + 1;
    if (size_ < values_.size()) ++size_;
  }
  bool Full() const { return size_ == values_.size(); }
  std::size_t Size() const { return size_; }
  std::size_t Capacity() const { return values_.size(); }
  // i = 0 is the oldest value still held, Size() - 1 the newest.
  double At(std::size_t i) const {
    const std::size_t start = size_ == values_.size() ? head_ : 0;
    const std::size_t j = start + i;
    return values_[j >= values_.size() ? j - values_.size() : j];
  }
  double Newest() const { return At(size_ - 1); }
  double Oldest() const { return At(0); }

 private:
  std::vector<double> values_;
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

}  // namespace quorum::ind
