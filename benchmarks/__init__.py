"""Benchmarks: each measure prints our time, a floor measured in the same run on the same data, and the ratio."""
