#pragma once

#include <cstddef>
#include <limits>
#include <vector>

// Sliding-window helpers shared by the indicator families: Update stays O(1) and allocation-free
// (every buffer is sized once in the constructor).
namespace quorum::ind {

// The value pushed `delay` pushes ago (0.0 until that many values have been pushed). Used for
// MOM/ROC's "close `period` bars ago" and for the value leaving a running sum: subtracting the
// initial 0.0 during warm-up is an exact no-op, so running sums need no warm-up branch. A
// power-of-two ring, so a shift is one load, one store and no branch.
class DelayLine {
 public:
  explicit DelayLine(std::size_t delay) : delay_(delay > 0 ? delay : 1) {
    std::size_t capacity = 1;
    while (capacity < delay_) capacity <<= 1;
    values_.assign(capacity, 0.0);
    mask_ = capacity - 1;
  }

  double Shift(double value) {
    // The slot `delay` writes back; before that many writes it is one never written (0.0).
    const double old = values_[(write_ - delay_) & mask_];
    values_[write_ & mask_] = value;
    ++write_;
    return old;
  }

 private:
  std::size_t delay_;
  std::vector<double> values_;
  std::size_t mask_ = 0;
  std::size_t write_ = 0;  // monotonic, masked when indexing
};

// The highest (kMax) or lowest value of the last `window` values pushed and, with kIndex, the
// index of its newest occurrence (ties go to the most recent bar, as TA-Lib's AROON counts them).
//
// Van Herk / Gil-Werman: the pushes are cut into blocks of `window` values. The window ending at
// a value is the tail of the previous block (whose suffix extremes are computed once, when that
// block completes) plus the head of the current one (a running prefix extreme), so a push costs
// two comparisons whatever the data, plus one more per value when a block completes; there is no
// data-dependent loop to mispredict, unlike a monotonic deque.
template <bool kMax, bool kIndex>
class RollingExtreme {
 public:
  explicit RollingExtreme(std::size_t window)
      : window_(window > 0 ? window : 1), block_(window_, 0.0), suffix_(window_ + 1, Entry{Worst(), 0}) {}

  void Push(double value) {
    const std::size_t j = pos_;
    block_[j] = value;
    // Head of the current block; on a tie the newer value takes over.
    const bool restart = j == 0 || !Beats(prefix_.value, value);
    prefix_.value = restart ? value : prefix_.value;
    if constexpr (kIndex) prefix_.index = Select(restart, count_, prefix_.index);
    // Tail of the previous block, j + 1 onwards (empty once the window is exactly this block).
    const Entry& tail = suffix_[j + 1];
    const bool from_tail = Beats(tail.value, prefix_.value);
    current_.value = from_tail ? tail.value : prefix_.value;
    if constexpr (kIndex) current_.index = Select(from_tail, tail.index, prefix_.index);
    ++count_;
    if (++pos_ == window_) {
      pos_ = 0;
      CloseBlock();
    }
  }

  double Value() const { return current_.value; }
  // Index (0 = first value ever pushed) of the newest occurrence of Value() in the window.
  std::size_t Index() const {
    static_assert(kIndex, "this RollingExtreme does not track indices");
    return current_.index;
  }

 private:
  struct Entry {
    double value;
    std::size_t index;
  };

  static constexpr double Worst() {
    return kMax ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  }
  static bool Beats(double a, double b) { return kMax ? a > b : a < b; }
  // `pick ? a : b` in integer arithmetic: compilers tend to branch on a ternary of indices, and
  // which index wins depends on the data, so a branch would mispredict often.
  static std::size_t Select(bool pick, std::size_t a, std::size_t b) {
    return b ^ ((a ^ b) & (std::size_t{0} - static_cast<std::size_t>(pick)));
  }

  // The block just filled becomes the previous block: its suffix extremes, newest first so that
  // ties keep the newest index.
  void CloseBlock() {
    const std::size_t first = count_ - window_;
    Entry best{block_[window_ - 1], count_ - 1};
    suffix_[window_ - 1] = best;
    for (std::size_t i = window_ - 1; i-- > 0;) {
      const double v = block_[i];
      if constexpr (kIndex) {
        const bool better = Beats(v, best.value);
        best.value = better ? v : best.value;
        best.index = Select(better, first + i, best.index);
      } else {
        best.value = Beats(v, best.value) ? v : best.value;
      }
      suffix_[i] = best;
    }
  }

  std::size_t window_;
  std::vector<double> block_;   // the current block's values so far
  std::vector<Entry> suffix_;   // [i]: extreme of the previous block from i on; [window] is empty
  std::size_t pos_ = 0;         // position in the current block
  std::size_t count_ = 0;       // values pushed
  Entry prefix_{Worst(), 0};
  Entry current_{Worst(), 0};
};

using RollingMax = RollingExtreme<true, false>;
using RollingMin = RollingExtreme<false, false>;
using RollingMaxWithIndex = RollingExtreme<true, true>;
using RollingMinWithIndex = RollingExtreme<false, true>;

}  // namespace quorum::ind
