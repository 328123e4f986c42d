"""Benchmarks for the handbook's build and linter (see README.md)."""
