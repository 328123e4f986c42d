"""Command-line entry point for ``sphinx-claims``."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Skeleton until the linter lands: say so and fail, never pretend to pass."""
    print("sphinx-claims: the linter is not implemented yet", file=sys.stderr)
    return 2
