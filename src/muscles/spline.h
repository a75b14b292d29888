// Cubic spline as OpenSim's SimmSpline evaluates it (Forsythe, Malcolm & Moler, "Computer
// Methods for Mathematical Computations", 1977: end conditions from third divided differences;
// linear extrapolation with the end slopes outside the knots). Used for gait2392's knee
// translation and the rectus femoris moving point. Pure functions; evaluation is
// allocation-free.
#pragma once

#include <span>
#include <vector>

namespace sv::muscles {

class Spline {
 public:
  Spline() = default;
  // Knots must be strictly increasing (checked by the loader); 1 knot = constant.
  Spline(std::vector<double> x, std::vector<double> y);
  // A constant function.
  static Spline constant(double value);

  double operator()(double x) const;
  bool empty() const { return x_.empty(); }
  std::span<const double> knots() const { return x_; }
  std::span<const double> values() const { return y_; }

 private:
  std::vector<double> x_, y_, b_, c_, d_;
};

}  // namespace sv::muscles
