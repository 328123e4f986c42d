"""The speed-ups change nothing but speed: same plugins, same errors, byte-identical HTML."""

from __future__ import annotations

import os
import pickle
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pybtex.plugin
import pybtex.style.formatting
import pytest
from pybtex.database import Entry, Person
from pybtex.plugin import PluginGroupNotFound, PluginNotFound
from pybtex.richtext import Text
from pybtex.scanner import PybtexSyntaxError

from sphinx_claims.bib import speedups

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from benchmarks.generate import Shape, generate  # noqa: E402

LOOKUPS = [
    ("pybtex.style.formatting", None, None),
    ("pybtex.style.formatting", "sphinx-claims-author-year", None),
    ("pybtex.style.formatting", "unsrt", None),
    ("pybtex.style.names", "plain", None),
    ("pybtex.style.names", "lastfirst", None),
    ("pybtex.backends", "plaintext", None),
    ("pybtex.backends", "docutils", None),
    ("pybtex.backends", "text", None),  # an alias
    ("pybtex.database.input", None, "refs.bib"),
]


@pytest.fixture
def memo() -> Iterator[None]:
    """The memo installed for one test, pybtex's own function restored afterwards."""
    was_installed = speedups._original_find_plugin is not None
    assert speedups.install_find_plugin_memo()
    speedups._plugin_memo.clear()
    yield
    if not was_installed:
        speedups.uninstall_find_plugin_memo()


def _original() -> object:
    return speedups._original_find_plugin


def test_memoised_find_plugin_returns_the_same_classes(memo: None) -> None:
    assert pybtex.plugin.find_plugin is speedups.memoised_find_plugin
    assert pybtex.style.formatting.find_plugin is speedups.memoised_find_plugin
    original = speedups._original_find_plugin
    assert original is not None
    for group, name, filename in LOOKUPS:
        expected = original(group, name, filename)
        assert pybtex.plugin.find_plugin(group, name, filename) is expected
        assert pybtex.plugin.find_plugin(group, name, filename) is expected  # from the memo
    assert len(speedups._plugin_memo) == len(LOOKUPS)
    handbook = pybtex.plugin.find_plugin("pybtex.style.formatting", "sphinx-claims-author-year")
    assert handbook.__module__ == "sphinx_claims.bib.style"
    # a plugin class passed as the name comes straight back, as in pybtex
    assert pybtex.plugin.find_plugin("pybtex.backends", handbook) is handbook


@pytest.mark.parametrize(
    ("group", "name", "filename", "error"),
    [
        ("pybtex.no.such.group", "x", None, PluginGroupNotFound),
        ("pybtex.style.formatting", "no-such-style", None, PluginNotFound),
        ("pybtex.database.input", None, "refs.unknownsuffix", PluginNotFound),
    ],
)
def test_memoised_find_plugin_raises_the_same_errors(
    memo: None, group: str, name: str | None, filename: str | None, error: type[Exception]
) -> None:
    original = speedups._original_find_plugin
    assert original is not None
    with pytest.raises(error) as stock:
        original(group, name, filename)
    for _ in range(2):  # failures are not memoised
        with pytest.raises(error) as memoised:
            pybtex.plugin.find_plugin(group, name, filename)
        assert str(memoised.value) == str(stock.value)
    assert speedups._plugin_memo == {}


def test_register_plugin_is_seen_after_a_failed_lookup(memo: None) -> None:
    group, name = "pybtex.style.names", "speedups-test-names"
    with pytest.raises(PluginNotFound):
        pybtex.plugin.find_plugin(group, name)
    plain = pybtex.plugin.find_plugin(group, "plain")
    try:
        assert pybtex.plugin.register_plugin(group, name, plain)
        assert pybtex.plugin.find_plugin(group, name) is plain
    finally:
        pybtex.plugin._RUNTIME_PLUGINS[group].pop(name, None)


@pytest.fixture
def latex_memo() -> Iterator[None]:
    was_installed = speedups._original_from_latex is not None
    assert speedups.install_from_latex_memo()
    yield
    if not was_installed:
        speedups.uninstall_from_latex_memo()


LATEX = [r"Caf\'e", r"{\relax Ch}ebyshev", r"\emph{Pravda} and {NATO}", "plain", "", "2025"]


def test_memoised_from_latex_parses_the_same(latex_memo: None) -> None:
    original = speedups._original_from_latex
    assert original is not None
    for latex in LATEX:
        first = Text.from_latex(latex)
        assert first == original(Text, latex)
        assert Text.from_latex(latex) is first  # memoised
        assert first.render_as("html") == original(Text, latex).render_as("html")


def test_memoised_from_latex_raises_the_same_errors(latex_memo: None) -> None:
    original = speedups._original_from_latex
    assert original is not None
    with pytest.raises(PybtexSyntaxError) as stock:
        original(Text, "{unbalanced")
    for _ in range(2):
        with pytest.raises(PybtexSyntaxError) as memoised:
            Text.from_latex("{unbalanced")
        assert str(memoised.value) == str(stock.value)


def test_unknown_library_versions_run_stock_code(monkeypatch: pytest.MonkeyPatch) -> None:
    if speedups._original_find_plugin is not None:
        speedups.uninstall_find_plugin_memo()
    monkeypatch.setitem(speedups.SUPPORTED, "pybtex", frozenset({"0.0.0"}))
    assert not speedups.supported("pybtex")
    original = pybtex.plugin.find_plugin
    assert not speedups.install_find_plugin_memo()
    assert pybtex.plugin.find_plugin is original
    if speedups._original_from_latex is None:
        assert not speedups.install_from_latex_memo()


def test_entry_key_sees_every_field_and_name_part() -> None:
    def entry(title: str, author: str) -> Entry:
        return Entry("article", fields={"title": title}, persons={"author": [Person(author)]})

    base = speedups.entry_key(entry("A", "Doe, Jane"))
    assert base == speedups.entry_key(entry("A", "Doe, Jane"))
    assert base != speedups.entry_key(entry("B", "Doe, Jane"))
    assert base != speedups.entry_key(entry("A", "Doe, John"))
    assert base != speedups.entry_key(entry("A", "von Doe, Jane"))


# -- whole builds ---------------------------------------------------------------------------


def _build(book: Path, out: Path, *extra: str, speedups_on: bool = True) -> None:
    env = {**os.environ, "SPHINX_CLAIMS_SPEEDUPS": "1" if speedups_on else "0"}
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(book / "docs"),
           "-W", "--keep-going", "-n", "-q", *extra, str(book), str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=book, env=env)
    assert proc.returncode == 0, proc.stderr


def _pages(out: Path) -> dict[str, bytes]:
    """Every output file except Sphinx's own caches (the pickled environment and doctrees)."""
    return {
        str(path.relative_to(out)): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file() and ".doctrees" not in path.parts
    }


def _formatted_cache(out: Path) -> dict[object, object] | None:
    with (out / ".doctrees" / "environment.pickle").open("rb") as fh:
        env = pickle.load(fh)
    cached = getattr(env, speedups.ENV_CACHE, None)
    return None if cached is None else cached[1]  # (config stamp, texts)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small generated book in the project's configuration."""
    root = tmp_path_factory.mktemp("speedups")
    return generate(root / "book", Shape(chapters=4, claims=60, entries=40), "project")


@pytest.fixture(scope="module")
def stock_build(book: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("off") / "html"
    _build(book, out, speedups_on=False)
    return out


@pytest.fixture(scope="module")
def fast_build(book: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("on") / "html"
    _build(book, out)
    return out


def test_html_is_byte_identical_with_and_without_speedups(
    stock_build: Path, fast_build: Path
) -> None:
    stock, fast = _pages(stock_build), _pages(fast_build)
    assert len(stock) > 10
    assert "claims.json" in stock
    assert sorted(stock) == sorted(fast)
    different = [name for name in stock if stock[name] != fast[name]]
    assert different == []
    # and the speed-ups did run: the formatted-entry cache is in one environment only
    assert _formatted_cache(stock_build) is None
    cache = _formatted_cache(fast_build)
    assert cache is not None
    assert len(cache) == 40  # every entry is cited; entry and tooltip share one text


def test_parallel_build_equals_serial(book: Path, fast_build: Path, tmp_path: Path) -> None:
    out = tmp_path / "html-j2"
    _build(book, out, "-j", "2")
    serial, parallel = _pages(fast_build), _pages(out)
    assert sorted(serial) == sorted(parallel)
    assert [name for name in serial if serial[name] != parallel[name]] == []
    assert serial["claims.json"] == parallel["claims.json"]


def test_incremental_build_after_a_bib_edit_shows_the_new_title(
    book: Path, tmp_path: Path
) -> None:
    work = tmp_path / "book"
    generate(work, Shape(chapters=4, claims=60, entries=40), "project")
    out = tmp_path / "html"
    _build(work, out)
    bib = work / "references.bib"
    text = bib.read_text()
    match = re.search(r"title\s+= \{([^{}]+) \{7\}\}", text)
    assert match, "entry 7's title"
    old_title = match.group(1)
    new_title = "An edited title for the incremental build"
    bib.write_text(text.replace(match.group(0), f"title        = {{{new_title} {{7}}}}"))
    _build(work, out)
    page = (out / "docs" / "bibliography.html").read_text()
    assert new_title in page
    assert old_title + " 7" not in page
    # the incremental result is what a fresh build without speed-ups writes
    fresh = tmp_path / "fresh"
    _build(work, fresh, speedups_on=False)
    assert (fresh / "docs" / "bibliography.html").read_text() == page
    cache = _formatted_cache(out)
    assert cache is not None and len(cache) == 40  # the old text was dropped


# -- off means off; an unknown version says so ------------------------------------------------


def _app_build(tmp_path: Path, **overrides: object) -> str:
    from claims_build import build, copy_root

    built = build(copy_root("claims", tmp_path / "root"), fresh=True, confoverrides=overrides)
    return built.warnings


def test_claims_speedups_false_uninstalls_everything(tmp_path: Path) -> None:
    stock_find_plugin = speedups._original_find_plugin or pybtex.plugin.find_plugin
    stock_from_latex = (
        speedups._original_from_latex or Text.from_latex.__func__  # type: ignore[attr-defined]
    )
    _app_build(tmp_path / "on")
    assert pybtex.plugin.find_plugin is speedups.memoised_find_plugin  # a build installed them
    _app_build(tmp_path / "off", claims_speedups=False)
    assert pybtex.plugin.find_plugin is stock_find_plugin
    assert pybtex.style.formatting.find_plugin is stock_find_plugin
    assert Text.from_latex.__func__ is stock_from_latex  # type: ignore[attr-defined]
    assert pybtex.style.formatting.BaseStyle.format_entry is speedups._original_format_entry
    assert speedups._original == {}


def test_an_unknown_library_version_is_a_visible_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    speedups.uninstall()
    monkeypatch.setitem(speedups.SUPPORTED, "sphinxcontrib-bibtex", frozenset({"0.0.0"}))
    warnings = _app_build(tmp_path)
    assert "WARNING: [sphinx-claims] speed-ups off" in warnings, warnings
    assert "[claims.speedups]" in warnings
    assert speedups._original == {} and speedups._original_find_plugin is None


# -- memory: nothing the writer is done with stays frozen -------------------------------------

PROBE = '''
import gc, json, weakref

written = {}


def resolved(app, doctree, docname):
    written[docname] = weakref.ref(doctree)


def finished(app, exc):
    gc.collect()
    alive = sorted(name for name, ref in written.items() if ref() is not None)
    with open(app.config.doctree_probe_out, "w") as fh:
        json.dump({"written": list(written), "alive": alive}, fh)


def setup(app):
    app.add_config_value("doctree_probe_out", "", "")
    app.connect("doctree-resolved", resolved)
    app.connect("build-finished", finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
'''


def test_written_doctrees_are_freed(tmp_path: Path) -> None:
    """``gc.freeze()`` must not keep a document's tree (and the register's thousands of rows
    hung on it) alive after the page is written. At the end of the build only the pages
    written last may still be referenced (the writer and the theme's last page context hold
    them until the process ends); every chapter's tree is gone."""
    import json

    work = generate(tmp_path / "book", Shape(chapters=4, claims=60, entries=40), "project")
    (tmp_path / "probe").mkdir()
    (tmp_path / "probe" / "doctree_probe.py").write_text(PROBE)
    report = tmp_path / "alive.json"
    with (work / "docs" / "conf.py").open("a") as conf:
        conf.write(f"\nimport sys\nsys.path.insert(0, {str(tmp_path / 'probe')!r})\n"
                   f"extensions.append('doctree_probe')\ndoctree_probe_out = {str(report)!r}\n")
    _build(work, tmp_path / "html")
    result = json.loads(report.read_text())
    assert "docs/register" in result["written"]
    assert len(result["written"]) >= 4 + 3  # the chapters, index, bibliography, register
    written, alive = result["written"], result["alive"]
    assert [name for name in written if name.startswith("chapters/")] != []
    assert [name for name in alive if name.startswith("chapters/")] == []
    assert len(alive) <= 2, (alive, written)
