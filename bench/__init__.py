"""Benchmarks, run on demand (not part of the test suite). See the README."""
