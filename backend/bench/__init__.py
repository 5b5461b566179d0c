"""Benchmarks of the backend (`task bench`); not part of the app or the tests."""
