"""pytest plugin: the sphinx-claims speed-ups active in every Sphinx app a test suite creates.

Loaded with ``-p shim_plugin`` by ``tests/test_upstream_suites.py`` when it runs the pinned
releases' own test suites. The memos and the patched pybtex ``format_entry`` are installed at
start-up (pybtex's suite creates no Sphinx app), and ``sphinx_claims.bib.speedups`` is made a
built-in extension, so that every app -- whatever its ``conf.py`` -- loads it with
``claims_speedups`` on and the domain patches run.
"""

from __future__ import annotations

import sphinx.application

from sphinx_claims.bib import speedups


def pytest_configure(config: object) -> None:
    assert speedups.install_find_plugin_memo(), "pybtex version unknown to the speed-ups"
    assert speedups.install_from_latex_memo()
    assert speedups.install_domain_patches(), "sphinxcontrib-bibtex version unknown"
    name = "sphinx_claims.bib.speedups"
    if name not in sphinx.application.builtin_extensions:
        sphinx.application.builtin_extensions = (*sphinx.application.builtin_extensions, name)


def pytest_terminal_summary(terminalreporter: object) -> None:
    """A line the runner checks: the speed-ups were in place and were used."""
    info = speedups._cached_from_latex.cache_info()
    print(
        f"\n[speedups shim] find_plugin memo: {len(speedups._plugin_memo)} lookups; "
        f"from_latex memo: {info.hits} hits, {info.misses} misses; "
        f"domain patches: {len(speedups._original)}"
    )
