"""The site on a phone, scored by Lighthouse 12 (second tier: minutes of browser runs).

Each page type of the published site, served with gzip as a static host serves it, in
Lighthouse's default mobile form factor and simulated throttling, three runs: the median run
scores at least 90 for performance and 100 for accessibility, with the largest contentful paint
within 2.5 s (issue 25). ``make lighthouse`` runs the same measurement against a stock
sphinx-book-theme build, for benchmarks/README.md.
"""

# The browser fixtures are test_browser's, imported by name (pytest's way to share a module's
# fixtures): ruff reads the imports as unused and the fixture arguments as redefinitions.
# ruff: noqa: F401, F811

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_browser import site

from benchmarks.lighthouse import LIGHTHOUSE, PAGE_TYPES, lighthouse, median_run
from benchmarks.static_server import serve

#: Its timings hold only on an otherwise idle machine: ``make test-extra`` runs it after the
#: other heavy tests, in one process (``alone``).
pytestmark = [pytest.mark.heavy, pytest.mark.alone, pytest.mark.slow]


@pytest.fixture(scope="module")
def static_host(site: Path) -> Iterator[str]:
    assert LIGHTHOUSE.is_file(), "Lighthouse is missing: make test-extra installs it (npm ci)"
    with serve(site) as root:
        yield root


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_each_page_type_scores_on_a_phone(static_host: str, kind: str) -> None:
    run = median_run([lighthouse(static_host + PAGE_TYPES[kind]) for _ in range(3)])
    assert (run["form_factor"], run["throttling"]) == ("mobile", "simulate")
    assert run["accessibility"] == 100, run["failed_accessibility"]
    assert run["performance"] >= 90, run
    assert run["lcp_median_s"] <= 2.5, run
