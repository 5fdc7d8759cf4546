"""Fairchase's yardstick: a family of synthetic worlds, an oracle, baselines, real history.

No Django here: pure Python + NumPy/SciPy, deterministic for a seed. Modules:
`worlds` and `mechanisms` (the businesses), `oracle` (the upper bound), `baselines`
and `learner` (what Fairchase must beat), `runner` (the daily simulation), `metrics`,
`backtest` (stopping rules on a business's history) and `replay` (the car-insurance data).
"""
