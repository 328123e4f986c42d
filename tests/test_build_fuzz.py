"""The real build never crashes on input: generated ``.bib`` entries and MyST chapters.

Hypothesis writes a bibliography (every entry type the handbook style knows and unknown ones;
fields missing, empty, repeated, LaTeX-heavy, ``@string`` macros, ``crossref``, date ranges,
month names, hostile URLs) and a chapter citing it (claims, citations, broken fences, unknown
roles), into a small book with the handbook's own ``docs/conf.py`` and its bibliography, register
and sources pages, next to a steady chapter that never changes. Each example is one real Sphinx
build (in process, so that an exception surfaces as itself). It must:

* not raise (no "Extension error", no traceback);
* report every problem as a warning that names a ``.bib`` or ``.md`` file and a line inside it;
* still build the rest of the book: the steady chapter and the bibliography page.

The default run builds :data:`DEFAULT_BUILDS` books, the same ones every run (derandomised);
``pytest -m fuzz tests/test_build_fuzz.py`` builds :data:`FUZZ_BUILDS` new ones from the run's
printed seed (each with :data:`FUZZ_MIN_ENTRIES` to :data:`MAX_ENTRIES` entries;
the counts generated are printed at the end of the module, ``-s`` to see them).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.application import Sphinx
from sphinx.testing.util import _clean_up_global_state
from sphinx.util.console import strip_escape_sequences

from conftest import REPO

DEFAULT_BUILDS = 24
FUZZ_BUILDS = 215
MAX_ENTRIES = 30
DEFAULT_MIN_ENTRIES = 8  # the default run: 24 builds of 8-30 entries, a few hundred entries
FUZZ_MIN_ENTRIES = 20  # the long run: 215 builds of 20-30 entries each, over 5,000 entries
BOOK_PAGES = ("bibliography.md", "register.md", "sources.md")
STEADY = (
    "(ch-steady)=\n# A steady chapter\n\n"
    ":::{claim} Steady\n:label: steady-claim\n\nThe steady chapter is always built "
    "{cite:p}`steady2020`.\n:::\n"
)
STEADY_BIB = (
    "@online{steady2020,\n  author = {Steady, Sam},\n  title = {Always there},\n"
    "  date = {2020-01-02},\n  url = {https://example.org/steady},\n  urldate = {2025-01-01},\n"
    "  langid = {english},\n}\n"
)
INDEX = (
    "# Fuzzed book\n\n```{toctree}\n:numbered:\n\n/chapters/fuzz\n/chapters/steady\n```\n\n"
    "```{toctree}\n\nregister\nsources\nbibliography\n```\n"
)

# --- .bib entries -----------------------------------------------------------------------------

TYPES = [
    "article", "book", "online", "misc", "report", "inproceedings", "incollection", "inbook",
    "phdthesis", "mastersthesis", "techreport", "unpublished", "manual", "booklet",
    "proceedings", "thesis", "webpage", "dataset", "nosuchtype",
]
FIELDS = [
    "author", "editor", "title", "date", "year", "month", "journaltitle", "journal", "volume",
    "number", "pages", "publisher", "location", "address", "institution", "organization", "url",
    "urldate", "doi", "note", "langid", "type", "booktitle", "edition", "series", "howpublished",
    "school", "chapter", "eprint", "subtitle", "crossref", "key", "language", "isbn",
]
NAMES = [
    "Doe, Jane", "{Xinhua}", "{European Council}", "von Neumann, John", "Doe, Jr, John",
    "Jane Doe and others", "Doe, Jane and Roe, Richard", "and", "Doe and", ",,", "{}", "\\'Eric",
    "Müller, Jürgen", "李, 华", "{\\relax Ch}ebyshev, P.", "A. B. C. D. E. F. G.", "others",
]
DATES = [
    "2021", "2021-03", "2021-12-16", "2021-03/2022-04", "2021/", "/2022", "2021-13", "2021-00-00",
    "spring 2022", "-0044", "2021-03-15T10:00:00Z", "20211", "2021-02-30", "circa 1900", "2025?",
]
MONTHS = ["jan", "feb", "dec", "{March}", "13", "0", "mar # {~15}", "Sept.", "{}"]
URLS = [
    "https://example.org/a?b=c&d=e#f", "http://example.org", "javascript:alert(1)",
    "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "www.example.org",
    "ftp://example.org/x", "mailto:a@example.org", "", "https://example.org/a b", "//example.org",
    "https://example.org/%",
]
LATEX = [
    "\\'e", "\\\"{o}", "{\\relax Ch}", "\\emph{Pravda}", "$x^2$", "--", "---", "\\&", "~", "\\%",
    "{NATO}", "\\textbf{bold}", "\\url{https://example.org}", "\\href{javascript:x}{y}", "\\\\",
    "\\unknowncommand", "\\c{c}", "``quoted''", "<script>alert(1)</script>", "{\\i}", "\\ss{}",
    "\\input{/dev/null}", "\\", "{}", "{{}}", "a # b", "@", "\"",
]
WORDS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="{}\\@#%\""),
    max_size=12,
)


def _braced(value: str) -> str:
    return "{" + value + "}"


def _value(name: str) -> st.SearchStrategy[str]:
    """A field's value as written in the file (braced, quoted, a macro, a number)."""
    if name in {"author", "editor"}:
        content = st.sampled_from(NAMES)
    elif name in {"date", "urldate", "year"}:
        content = st.one_of(st.sampled_from(DATES), WORDS)
    elif name == "month":
        return st.sampled_from(MONTHS).map(lambda m: m if "#" in m or m.isalpha() else _braced(m))
    elif name == "url":
        content = st.sampled_from(URLS)
    elif name == "crossref":
        content = st.sampled_from(["e0", "e1", "e2", "nosuchkey", ""])
    else:
        content = st.lists(st.one_of(st.sampled_from(LATEX), WORDS), max_size=4).map(" ".join)
    return st.one_of(
        content.map(_braced),
        content.filter(lambda v: '"' not in v and "{" not in v).map(lambda v: f'"{v}"'),
        st.sampled_from(["mac", "mac # { and more}", "1999", "undefinedmacro"]),
    )


@st.composite
def bib_entry(draw: st.DrawFn, index: int) -> str:
    kind = draw(st.sampled_from(TYPES))
    names = draw(st.lists(st.sampled_from(FIELDS), max_size=12))  # repeats allowed
    fields = [f"  {name} = {draw(_value(name))}," for name in names]
    key = f"e{index}" if draw(st.integers(0, 9)) else f"e{max(index - 1, 0)}"  # some repeated
    return f"@{kind}{{{key},\n" + "\n".join(fields) + "\n}\n"


@st.composite
def bibliography(draw: st.DrawFn, least: int = 1) -> tuple[str, int]:
    count = draw(st.integers(least, MAX_ENTRIES))
    parts = [STEADY_BIB, '@string{mac = "A macro"}\n']
    for index in range(count):
        parts.append(draw(bib_entry(index)))
        if draw(st.integers(0, 14)) == 0:
            parts.append(draw(st.sampled_from(
                ["@string{bad = }\n", "@comment{x}\n", "garbage @ text\n", "@preamble{\"x\"}\n",
                 "@online{broken,\n  title = {Unclosed\n}\n", "}\n"]
            )))
    return "\n".join(parts), count


# --- a MyST chapter ---------------------------------------------------------------------------

MYST_BLOCKS = [
    "A paragraph.", "## A section", "### A subsection", "- a list item", "> a quote",
    ":::{note}\nA note.\n:::", ":::{note}\nA note never closed.", "```python\ncode\n```",
    "```{nosuchdirective}\nx\n```", "A role nobody defined: {nosuchrole}`x`.",
    "{cite:p}`nosuchkey`", "{cite:p}`{see}e0{p. 3}`", "{cite:t}`e1, e2`", "{footcite:p}`e0`",
    "{cite:p}``", "(dup-label)=\n## Twice", "(dup-label)=\n## Again", "{ref}`nowhere`",
    "{claim:ref}`nosuchclaim`", "[a link](javascript:alert(1))", "<script>alert(1)</script>",
    "Term\n: Definition", "|a|b|\n|-|-|\n|1|2|", "$x$", "\\", "{", "% a comment",
]
CLAIM_OPTIONS = [
    ":kind: fact", ":kind: interpretation", ":kind: opinion", ":kind: nosuchkind",
    ":certainty: likely", ":certainty: unverified", ":certainty: nonsense",
    ":as-of: 2025-01", ":as-of: 2025-13", ":attributed-to: A. B.", ":unknown-option: x",
    ":label: Bad_Label", ":label: dup-claim",
]


@st.composite
def claim(draw: st.DrawFn, index: int, keys: int) -> str:
    title = draw(st.sampled_from(["A claim", "", "<b>bold</b> & \"quoted\"", "Ünïcode 中文"]))
    options = draw(st.lists(st.sampled_from(CLAIM_OPTIONS), max_size=3))
    if draw(st.booleans()):
        options.insert(0, f":label: claim-{index}")
    cited = draw(st.lists(st.integers(0, keys), max_size=3))
    cites = " ".join(f"{{cite:p}}`e{k}`" for k in cited)
    body = draw(st.sampled_from(["Text", "", "Text with {cite:t}`e0`", "> quoted"]))
    fence = draw(st.sampled_from([":::", "::::", "```"]))
    closer = fence if draw(st.integers(0, 9)) else ""
    return f"{fence}{{claim}} {title}\n" + "\n".join(options) + f"\n\n{body} {cites}\n{closer}"


@st.composite
def chapter(draw: st.DrawFn, keys: int) -> str:
    blocks = ["(ch-fuzz)=\n# A fuzzed chapter"]
    for index in range(draw(st.integers(0, 12))):
        if draw(st.booleans()):
            blocks.append(draw(claim(index, keys)))
        else:
            blocks.append(draw(st.sampled_from(MYST_BLOCKS)))
    # every entry is cited, so the in-text labels of each one are formatted
    blocks.append(" ".join(f"{{cite:t}}`e{k}`" for k in range(keys)))
    return "\n\n".join(blocks) + "\n"


# --- the book and its build -------------------------------------------------------------------


@dataclass
class Book:
    src: Path

    def write(self, bib: str, fuzz: str) -> None:
        (self.src / "references.bib").write_text(bib, encoding="utf-8")
        (self.src / "chapters" / "fuzz.md").write_text(fuzz, encoding="utf-8")


def make_book(root: Path) -> Book:
    """The handbook's configuration and back-matter pages around two chapters."""
    src = root / "book"
    shutil.copytree(REPO / "docs", src / "docs", ignore=shutil.ignore_patterns("*.md"))
    for page in BOOK_PAGES:
        shutil.copy2(REPO / "docs" / page, src / "docs" / page)
    (src / "docs" / "index.md").write_text(INDEX, encoding="utf-8")
    (src / "chapters").mkdir()
    (src / "chapters" / "steady.md").write_text(STEADY, encoding="utf-8")
    return Book(src)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Book]:
    yield make_book(tmp_path_factory.mktemp("fuzz"))
    print(f"\n[build fuzz] {GENERATED['builds']} builds, {GENERATED['entries']} .bib entries")


WARNING = re.compile(r"(WARNING|ERROR|CRITICAL|SEVERE):")
LOCATED = re.compile(r"^(?P<path>\S+\.(?:bib|md)):(?P<line>\d+): (?:WARNING|ERROR|CRITICAL):")


def build(book: Book) -> str:
    """A fresh build of *book*; its warnings (raises whatever the build raises)."""
    warning = StringIO()
    out = book.src / "_build"
    try:  # builder-inited (the bibliography is read) runs inside the constructor
        app = Sphinx(
            book.src, book.src / "docs", out / "html", out / "doctrees", "html",
            status=StringIO(), warning=warning, freshenv=True,
        )
        app.build()
    finally:
        # what SphinxTestApp.cleanup does (it cannot take conf.py from docs/): forget the
        # nodes, roles and directives docutils keeps globally, for the next app
        _clean_up_global_state()
    return strip_escape_sequences(warning.getvalue())


def check(book: Book, bib: str, fuzz: str) -> None:
    book.write(bib, fuzz)
    warnings = build(book)
    assert "Traceback" not in warnings and "Extension error" not in warnings, warnings
    sizes = {
        "references.bib": bib.count("\n") + 1,
        "chapters/fuzz.md": fuzz.count("\n") + 1,
    }
    unlocated = []
    for text in warnings.splitlines():
        if not WARNING.search(text):
            continue
        match = LOCATED.match(text)
        if match is None:
            unlocated.append(text)
            continue
        path = Path(match["path"]).resolve().relative_to(book.src.resolve()).as_posix()
        line = int(match["line"])
        if not 1 <= line <= sizes.get(path, 10**6):
            unlocated.append(f"(line outside {path}) {text}")
    assert not unlocated, "\n".join(unlocated)
    html = book.src / "_build" / "html"
    steady = (html / "chapters" / "steady.html").read_text(encoding="utf-8")
    assert "The steady chapter is always built" in steady
    bibliography_page = (html / "docs" / "bibliography.html").read_text(encoding="utf-8")
    assert "Always there" in bibliography_page


GENERATED = {"builds": 0, "entries": 0}


@st.composite
def book_input(draw: st.DrawFn, least: int = 1) -> tuple[str, str]:
    bib, count = draw(bibliography(least))
    GENERATED["builds"] += 1
    GENERATED["entries"] += count
    return bib, draw(chapter(count))


COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                              HealthCheck.data_too_large],
}


@settings(max_examples=DEFAULT_BUILDS, **COMMON)
@given(data=book_input(DEFAULT_MIN_ENTRIES))
def test_build_never_crashes_and_locates_every_warning(book: Book, data: tuple[str, str]) -> None:
    check(book, *data)


@pytest.mark.fuzz
@settings(settings.get_profile("fuzz"), max_examples=FUZZ_BUILDS, **COMMON)
@given(data=book_input(FUZZ_MIN_ENTRIES))
def test_build_never_crashes_fuzz(book: Book, data: tuple[str, str]) -> None:
    check(book, *data)


def test_regression_an_entry_without_author_cited_as_author_date(book: Book) -> None:
    """Found by the default run once the handbook's Chicago style landed: an ``@article`` with
    no fields, cited with ``{cite:t}``, crashed the build (``KeyError: 'author'`` in the
    style's ``names``) instead of being reported as a missing field at its line."""
    bib = STEADY_BIB + "\n@article{e0,\n\n}\n"
    check(book, bib, "(ch-fuzz)=\n# A fuzzed chapter\n\n{cite:t}`e0`\n")
