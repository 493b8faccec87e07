#pragma once

#include <cstddef>

namespace quorum {

// One bar as a row: what aggregators build and indicators consume, before or after columns.
struct Bar {
  double time;
  double open;
  double high;
  double low;
  double close;
  double volume;
};

// Read-only columnar bars, the C++ mirror of the TypeScript BarColumns: six arrays of `length`.
struct BarColumnsView {
  const double* time;
  const double* open;
  const double* high;
  const double* low;
  const double* close;
  const double* volume;
  std::size_t length;
};

// Writable columnar bars of capacity `length`, owned by the caller (in the addon, by JS).
struct BarColumnsSpan {
  double* time;
  double* open;
  double* high;
  double* low;
  double* close;
  double* volume;
  std::size_t length;
};

// Writes `bar` as row `index` of `out` (the caller checks index < out.length).
inline void WriteBar(const BarColumnsSpan& out, std::size_t index, const Bar& bar) {
  out.time[index] = bar.time;
  out.open[index] = bar.open;
  out.high[index] = bar.high;
  out.low[index] = bar.low;
  out.close[index] = bar.close;
  out.volume[index] = bar.volume;
}

}  // namespace quorum
