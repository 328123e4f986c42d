"""The pinned releases' own test suites pass the same with the speed-ups active.

The source distributions of pybtex and sphinxcontrib-bibtex, at the versions the speed-ups know
(:data:`sphinx_claims.bib.speedups.SUPPORTED`), are fetched from the package index with
``pip download`` once and cached in ``tests/.upstream/`` (git-ignored). Each suite runs twice in
a subprocess: stock, and with ``tests/upstream/shim_plugin.py``, which makes the speed-ups a
built-in extension of every Sphinx app the suite creates. The two sets of passing tests must be
equal.

pybtex's suite (318 tests and 86 doctests, seconds) runs by default. sphinxcontrib-bibtex's
(about 120 Sphinx builds, some minutes for the two runs) is opt-in with ``-m fuzz``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import REPO
from sphinx_claims.bib import speedups

pytestmark = pytest.mark.slow  # each suite runs twice (started first)

CACHE = REPO / "tests" / ".upstream"
PLUGIN_DIR = REPO / "tests" / "upstream"


def sdist(distribution: str) -> Path:
    """The unpacked source distribution of the pinned *distribution* (fetched once)."""
    (version,) = speedups.SUPPORTED[distribution]
    stem = f"{distribution.replace('-', '_')}-{version}"
    unpacked = CACHE / stem
    if not unpacked.is_dir():
        CACHE.mkdir(parents=True, exist_ok=True)
        archive = next(CACHE.glob(f"{stem}.tar.gz"), None) or next(
            CACHE.glob(f"{distribution}-{version}.tar.gz"), None
        )
        if archive is None:
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                 "--no-binary", ":all:", "--disable-pip-version-check",
                 f"{distribution}=={version}", "-d", str(CACHE)],
                check=True, capture_output=True, text=True, timeout=600,
            )
            archive = next(CACHE.glob(f"*{version}.tar.gz"))
        with tarfile.open(archive) as tar:
            top = tar.getnames()[0].split("/")[0]
            tar.extractall(CACHE, filter="data")
        if top != stem:
            (CACHE / top).rename(unpacked)
    return unpacked


def passed(root: Path, *args: str, shim: bool) -> set[str]:
    """The ids of the tests that pass in one run of pytest in *root*."""
    report = root / f"report-{'shim' if shim else 'stock'}-{abs(hash(args))}.xml"
    env = {**os.environ, "PYTHONPATH": str(PLUGIN_DIR)}
    plugin = ["-p", "shim_plugin"] if shim else []
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *plugin,
         f"--junitxml={report}", *args],
        capture_output=True, text=True, cwd=root, env=env, timeout=1800,
    )
    assert report.is_file(), proc.stdout[-3000:] + proc.stderr[-3000:]
    if shim:  # the shim was installed, and pybtex went through it
        assert "[speedups shim] find_plugin memo" in proc.stdout, proc.stdout[-3000:]
        assert "from_latex memo: 0 hits, 0 misses" not in proc.stdout, proc.stdout[-3000:]
    ids = set()
    for case in ET.parse(report).iter("testcase"):
        if not any(child.tag in {"failure", "error", "skipped"} for child in case):
            ids.add(f"{case.get('classname')}::{case.get('name')}")
    return ids


def test_pybtex_suite_passes_the_same_with_the_shim() -> None:
    root = sdist("pybtex")
    for args, least in ((("-o", "addopts=", "tests"), 318),
                        (("-o", "addopts=", "--doctest-modules", "--import-mode=importlib",
                          "src"), 86)):
        stock = passed(root, *args, shim=False)
        assert len(stock) >= least, (args, len(stock))
        shimmed = passed(root, *args, shim=True)
        assert shimmed == stock, (sorted(stock - shimmed), sorted(shimmed - stock))


@pytest.mark.fuzz
def test_sphinxcontrib_bibtex_suite_passes_the_same_with_the_shim() -> None:
    root = sdist("sphinxcontrib-bibtex")
    stock = passed(root, "test", shim=False)
    assert len(stock) >= 120, len(stock)
    shimmed = passed(root, "test", shim=True)
    assert shimmed == stock, (sorted(stock - shimmed), sorted(shimmed - stock))
