#include "muscles/spline.h"

#include <algorithm>
#include <utility>

namespace sv::muscles {

Spline::Spline(std::vector<double> x, std::vector<double> y) : x_(std::move(x)), y_(std::move(y)) {
  const std::size_t n = std::min(x_.size(), y_.size());
  x_.resize(n);
  y_.resize(n);
  b_.assign(n, 0.0);
  c_.assign(n, 0.0);
  d_.assign(n, 0.0);
  if (n < 2) return;
  if (n == 2) {
    const double t = std::max(1e-12, x_[1] - x_[0]);
    b_[0] = b_[1] = (y_[1] - y_[0]) / t;
    return;
  }
  const std::size_t nm1 = n - 1;
  const std::size_t nm2 = n - 2;
  // Tridiagonal system: b = diagonal, d = off-diagonal, c = right-hand side.
  d_[0] = std::max(1e-12, x_[1] - x_[0]);
  c_[1] = (y_[1] - y_[0]) / d_[0];
  for (std::size_t i = 1; i < nm1; ++i) {
    d_[i] = std::max(1e-12, x_[i + 1] - x_[i]);
    b_[i] = 2.0 * (d_[i - 1] + d_[i]);
    c_[i + 1] = (y_[i + 1] - y_[i]) / d_[i];
    c_[i] = c_[i + 1] - c_[i];
  }
  // End conditions: third derivatives at the ends from divided differences.
  b_[0] = -d_[0];
  b_[nm1] = -d_[nm2];
  c_[0] = 0.0;
  c_[nm1] = 0.0;
  if (n > 3) {
    const double d31 = std::max(1e-12, x_[3] - x_[1]);
    const double d20 = std::max(1e-12, x_[2] - x_[0]);
    const double d1 = std::max(1e-12, x_[nm1] - x_[n - 3]);
    const double d2 = std::max(1e-12, x_[nm2] - x_[n - 4]);
    const double d30 = std::max(1e-12, x_[3] - x_[0]);
    const double d3 = std::max(1e-12, x_[nm1] - x_[n - 4]);
    c_[0] = c_[2] / d31 - c_[1] / d20;
    c_[nm1] = c_[nm2] / d1 - c_[n - 3] / d2;
    c_[0] = c_[0] * d_[0] * d_[0] / d30;
    c_[nm1] = -c_[nm1] * d_[nm2] * d_[nm2] / d3;
  }
  for (std::size_t i = 1; i < n; ++i) {  // forward elimination
    const double t = d_[i - 1] / b_[i - 1];
    b_[i] -= t * d_[i - 1];
    c_[i] -= t * c_[i - 1];
  }
  c_[nm1] /= b_[nm1];  // back substitution
  for (std::size_t j = 0; j < nm1; ++j) {
    const std::size_t i = nm2 - j;
    c_[i] = (c_[i] - d_[i] * c_[i + 1]) / b_[i];
  }
  b_[nm1] = (y_[nm1] - y_[nm2]) / d_[nm2] + d_[nm2] * (c_[nm2] + 2.0 * c_[nm1]);
  for (std::size_t i = 0; i < nm1; ++i) {
    b_[i] = (y_[i + 1] - y_[i]) / d_[i] - d_[i] * (c_[i + 1] + 2.0 * c_[i]);
    d_[i] = (c_[i + 1] - c_[i]) / d_[i];
    c_[i] *= 3.0;
  }
  c_[nm1] *= 3.0;
  d_[nm1] = d_[nm2];
}

Spline Spline::constant(double value) {
  return Spline({0.0}, {value});
}

double Spline::operator()(double x) const {
  const std::size_t n = x_.size();
  if (n == 0) return 0.0;
  if (n == 1) return y_[0];
  if (x < x_[0]) return y_[0] + (x - x_[0]) * b_[0];
  if (x > x_[n - 1]) return y_[n - 1] + (x - x_[n - 1]) * b_[n - 1];
  // Interval [x_i, x_i+1] containing x (binary search).
  std::size_t lo = 0;
  std::size_t hi = n - 1;
  while (hi - lo > 1) {
    const std::size_t mid = (lo + hi) / 2;
    if (x < x_[mid]) {
      hi = mid;
    } else {
      lo = mid;
    }
  }
  const double dx = x - x_[lo];
  return y_[lo] + dx * (b_[lo] + dx * (c_[lo] + dx * d_[lo]));
}

}  // namespace sv::muscles
