"""Shared fixtures: the repository, a throw-away copy of the handbook, and a sphinx-build runner.

The suite runs in parallel (``make test``: pytest-xdist, ``--dist loadscope``). A build that
several test files read (the handbook's HTML, its PDF, the published site) is made once per run
in a folder every worker shares (:func:`shared`); property tests are derandomised unless they
are marked ``fuzz`` (:func:`pytest_configure`).
"""

from __future__ import annotations

import fcntl
import os
import pickle
import secrets
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parent.parent
#: The edition the sources are (CITATION.cff's version; tests/test_edition.py checks that
#: docs/conf.py's release says the same).
RELEASE = str(yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))["version"])
HANDBOOK_PARTS = ("docs", "chapters", "editions", "references.bib", "locales")

pytest_plugins = ["sphinx.testing.fixtures"]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``sphinx.testing`` finds ``tests/roots/test-*``."""
    return REPO / "tests" / "roots"


# ---- chance: every default run draws the same inputs; -m fuzz explores, with its seed printed ---

#: The default run: inputs derived from each test's source (Hypothesis's ``ci`` profile), no
#: example database, so a run never depends on an earlier one.
settings.register_profile("deterministic", settings.get_profile("ci"))
#: What ``fuzz`` tests take as their settings' parent: fresh inputs from the run's seed.
settings.register_profile("fuzz", settings.get_profile("ci"), derandomize=False)
settings.load_profile("deterministic")

FUZZ_SEED = "fuzz_seed"


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """One seed per run for the random (``fuzz``) tests, the same in every xdist worker: the
    one given with ``--hypothesis-seed``, else the controller's, else a new one."""
    workerinput = getattr(config, "workerinput", {})
    if config.getoption("hypothesis_seed") is None:
        config.option.hypothesis_seed = workerinput.get(FUZZ_SEED) or str(secrets.randbits(32))


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """pytest-xdist, in the controller: hand its seed to each worker it starts."""
    node.workerinput[FUZZ_SEED] = node.config.getoption("hypothesis_seed")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Long files first; and a property test outside ``fuzz`` that would draw new inputs on
    each run, or fail on a slow machine, stops the run."""
    _long_files_first(items)
    for item in items:
        # where @settings leaves a Hypothesis test's settings (its pytest plugin reads it too)
        found = getattr(getattr(item, "obj", None), "_hypothesis_internal_use_settings", None)
        if found is None or item.get_closest_marker("fuzz"):
            continue
        if not found.derandomize:
            raise pytest.UsageError(
                f"{item.nodeid} draws new inputs on every run: keep the default profile's "
                "derandomize=True, or mark the test fuzz (settings.get_profile('fuzz'))"
            )
        if found.deadline is not None or HealthCheck.too_slow not in found.suppress_health_check:
            raise pytest.UsageError(
                f"{item.nodeid} can fail on a slow machine: keep the default profile's "
                "deadline=None and HealthCheck.too_slow among the suppressed health checks"
            )


def _long_files_first(items: list[pytest.Item]) -> None:
    """The files holding a test marked ``slow`` first (in name order), then the others, larger
    first: under ``--dist loadscope --no-loadscope-reorder`` (``make test``) each worker takes
    the next file when it is free, so no worker is left alone with a long file at the end.
    A file's tests keep their order."""
    files: dict[Path, list[pytest.Item]] = {}
    for item in items:
        files.setdefault(item.path, []).append(item)

    def rank(tests: list[pytest.Item]) -> tuple[bool, int]:
        slow = any(test.get_closest_marker("slow") for test in tests)
        return (not slow, 0 if slow else -len(tests))

    items[:] = [item for tests in sorted(files.values(), key=rank) for item in tests]


def pytest_report_header(config: pytest.Config) -> str:
    seed = config.getoption("hypothesis_seed")
    return (f"property tests: derandomised; fuzz tests' seed {seed} "
            f"(rerun them with --hypothesis-seed={seed})")


# ---- builds made once per run, in a folder every xdist worker sees ----------------------------

T = TypeVar("T")


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file is closed
        yield


def run_folder(config: pytest.Config, factory: pytest.TempPathFactory) -> Path:
    """This run's temporary folder: the controller's under xdist (each worker has a folder
    inside it), the session's own otherwise."""
    base = factory.getbasetemp()
    return base.parent if hasattr(config, "workerinput") else base


def shared(request: pytest.FixtureRequest, name: str, make: Callable[[Path], T]) -> T:
    """``make(folder)`` once per test run, whichever worker asks first (the others wait for it
    and read its pickled result); *folder* is new, and the same for every worker."""
    root = run_folder(request.config, request.getfixturevalue("tmp_path_factory"))
    record = root / f"shared-{name}.pickle"
    with _locked(root / f"shared-{name}.lock"):
        if not record.exists():
            result = make(root / f"shared-{name}")
            record.write_bytes(pickle.dumps(result))
    return pickle.loads(record.read_bytes())


#: handbook.user_cache.FOLDER_VARIABLE, named here: the version matrix runs these fixtures
#: without the handbook's package (tests/test_icon_font.py checks the two agree).
USER_CACHE_VARIABLE = "SPHINX_HANDBOOK_CACHE"


@pytest.fixture(scope="session", autouse=True)
def user_cache(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
               ) -> Iterator[Path]:
    """The builds' user cache (:mod:`handbook.user_cache`) in this run's folder, shared by the
    workers and their subprocesses: a run starts empty and never reads an earlier one's."""
    folder = run_folder(request.config, tmp_path_factory) / "user-cache"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(USER_CACHE_VARIABLE, str(folder))
        yield folder


@dataclass
class BuildResult:
    returncode: int
    stdout: str
    stderr: str
    outdir: Path


def sphinx_build(
    srcdir: Path, outdir: Path, *extra: str, builder: str = "html", strict: bool = True
) -> BuildResult:
    """Run ``sphinx-build`` the way the Makefile does (conf.py in ``docs/``)."""
    flags = ["-W", "--keep-going", "-n"] if strict else []
    cmd = [
        sys.executable, "-m", "sphinx", "-b", builder, "-c", str(srcdir / "docs"),
        *flags, "-q", "--no-color", *extra, str(srcdir), str(outdir),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=srcdir)
    return BuildResult(proc.returncode, proc.stdout, proc.stderr, outdir)


def copy_handbook(dest: Path) -> Path:
    """Copy the handbook's sources (not the build, not the venv) to *dest* and return it."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in HANDBOOK_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("_build"))
        else:
            shutil.copy2(src, dest / part)
    return dest


@pytest.fixture
def handbook_copy(tmp_path: Path) -> Path:
    """A writable copy of the handbook's sources, for tests that break things on purpose."""
    return copy_handbook(tmp_path / "book")


@pytest.fixture(scope="session")
def built_handbook(request: pytest.FixtureRequest) -> BuildResult:
    """The real handbook, built once per run with warnings as errors (read it, never write)."""
    return shared(request, "html", lambda folder: sphinx_build(REPO, folder))


# ---- the PDF book: built once per run, shared by the PDF, browser and link tests --------------

BUILD_PDF = REPO / "tools" / "build_pdf.py"
PDF_NAME = "russias-asian-partnerships"
EPOCH = "1790000000"


@dataclass
class PdfBuild:
    returncode: int
    stdout: str
    stderr: str
    builddir: Path

    @property
    def latex_dir(self) -> Path:
        return self.builddir / "latex"


def run_build_pdf(srcdir: Path, builddir: Path, *extra: str) -> PdfBuild:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    cmd = [sys.executable, str(BUILD_PDF), "--srcdir", str(srcdir), "--builddir", str(builddir),
           *extra]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=srcdir)
    return PdfBuild(proc.returncode, proc.stdout, proc.stderr, builddir)


def _pdf_book(request: pytest.FixtureRequest, name: str, *extra: str) -> PdfBuild:
    def make(folder: Path) -> PdfBuild:
        src = copy_handbook(folder / "handbook")
        return run_build_pdf(src, src / "_build", *extra)

    build = shared(request, name, make)
    assert build.returncode == 0, build.stderr
    return build


@pytest.fixture(scope="session")
def pdf_book(request: pytest.FixtureRequest) -> PdfBuild:
    """The real handbook's PDF, built from a copy with ``tools/build_pdf.py`` (``make pdf``)."""
    return _pdf_book(request, "book-a")


@pytest.fixture(scope="session")
def pdf_book_again(request: pytest.FixtureRequest) -> PdfBuild:
    """A second, independent build of the same PDF in another folder, with every lualatex pass
    latexmk would run on its own (``--all-passes``): the second tier's oracle for reproducibility
    and for the pass ``make pdf`` saves."""
    return _pdf_book(request, "book-b", "--all-passes")


@pytest.fixture(scope="session")
def published_site(request: pytest.FixtureRequest, pdf_book: PdfBuild) -> Path:
    """The site as ``make site`` publishes it: the PDF, the EPUB beside it in ``_build/pdf``,
    then the HTML with its download menu, English and Dutch (``nl/``; built once per run,
    shared by the workers)."""
    src, build = pdf_book.builddir.parent, pdf_book.builddir

    def make(_: object) -> BuildResult:
        epub = sphinx_build(src, build / "epub", "-d", str(build / "doctrees-epub"),
                            builder="epub")
        assert epub.returncode == 0, epub.stderr
        shutil.copy2(build / "epub" / f"{PDF_NAME}.epub", build / "pdf")
        english = sphinx_build(src, build / "html")
        if english.returncode != 0:
            return english
        # Every translation beside it, as `make html` builds them (its switcher links there).
        return sphinx_build(src, build / "html" / "nl", "-D", "language=nl",
                            "-d", str(build / "doctrees-nl"))

    out = build / "html"
    html = shared(request, "site", make)
    assert html.returncode == 0, html.stderr
    return out


@pytest.fixture(scope="session")
def published_epub(published_site: Path, pdf_book: PdfBuild) -> Path:
    """The EPUB as the site publishes it, in the build's ``pdf/`` folder beside the PDF."""
    epub = pdf_book.builddir / "pdf" / f"{PDF_NAME}.epub"
    assert epub.is_file()
    return epub
