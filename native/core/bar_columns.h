#pragma once

#include <cstddef>

namespace quorum {

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

}  // namespace quorum
