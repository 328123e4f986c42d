"""Editions: recorded registers of published editions, the diff between two registers, the
editors' declarations (``changes.toml``) and the checks that keep published labels stable.

The core imports no Sphinx: ``sphinx-claims diff`` and the linter run on it.
"""
