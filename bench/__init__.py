"""Benchmarks for Trygghet: throughput and latency measured on a throwaway Azurite, outside the test suite.

Tests never assert on speed; `make bench` (`python -m bench.run`) measures it here instead.
"""
