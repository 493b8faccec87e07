#pragma once

#include <cstddef>
#include <vector>

namespace quorum::ind {

// The last `capacity` values seen: the window most period-based indicators slide over the bars.
// Once full, the slot about to be overwritten holds the oldest value, so a slide is one load and
// one store with no index arithmetic beyond a wrap.
class RingBuffer {
 public:
  explicit RingBuffer(std::size_t capacity) : capacity_(capacity > 0 ? capacity : 1), values_(capacity_) {}

  // Adds a value; once full, the oldest one is dropped.
  void Push(double value) {
    values_[head_] = value;
    if (++head_ == capacity_) {
      head_ = 0;
      full_ = true;
    }
  }
  bool Full() const { return full_; }
  std::size_t Size() const { return full_ ? capacity_ : head_; }
  std::size_t Capacity() const { return capacity_; }
  // The value the next Push replaces: the oldest once the buffer is full.
  double Oldest() const { return full_ ? values_[head_] : values_[0]; }
  double Newest() const { return values_[head_ == 0 ? capacity_ - 1 : head_ - 1]; }
  // i = 0 is the oldest value still held, Size() - 1 the newest.
  double At(std::size_t i) const {
    if (!full_) return values_[i];
    const std::size_t j = head_ + i;
    return values_[j >= capacity_ ? j - capacity_ : j];
  }

 private:
  std::size_t capacity_;
  std::vector<double> values_;
  std::size_t head_ = 0;
  bool full_ = false;
};

}  // namespace quorum::ind
