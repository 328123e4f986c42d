"""The printed index (handbook.latex_index), read from a real LaTeX build of a small claims book:
the claims are written with the directive, the handbook's extension indexes the assembled book.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from handbook.latex_index import attributed_names_of, matcher

from claims_build import Built, build
from conftest import PDF_NAME, REPO, PdfBuild

CONF = """\
project = "Index test"
root_doc = "index"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_claims", "handbook"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
handbook_index_terms = ["Russia", "China"]
"""
BIB = """\
@book{one2020, author = {One, Ann}, title = {One}, date = {2020}, publisher = {P}}
@book{two2021, author = {Two, Tom}, title = {Two}, date = {2021}, publisher = {P}}
"""
INDEX = """\
# Index test

```{toctree}
:numbered:

chapter
```

```{toctree}

register
bibliography
```
"""
CHAPTER = """\
# Chapter

Russia and China met; Russian trade grew. {index}`Korybko, Andrew` writes often.

:::{claim}
:label: view-one
:kind: interpretation
:attributed-to: Andrew Korybko

The first view {cite:p}`one2020`.

A second paragraph of the same claim.
:::

:::{claim}
:label: view-two
:kind: interpretation
:attributed-to: Some observers, as reported by Andrew Korybko

Another view {cite:p}`one2020`.
:::

:::{claim}
:label: view-three
:kind: interpretation
:attributed-to: Sense Hofstede
:attribution-certainty: probable

Hofstede's view {cite:p}`two2021`.
:::

:::{claim}
:label: plain-fact
A fact nobody is credited with {cite:p}`two2021`.
:::

```
Russia in code
```
"""
REGISTER = "# Register\n\nAndrew Korybko, Sense Hofstede and Russia, once more.\n\n" \
           "```{claims-register}\n```\n"


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Built:
    src = tmp_path_factory.mktemp("index") / "src"
    src.mkdir()
    for name, text in {"conf.py": CONF, "refs.bib": BIB, "index.md": INDEX,
                       "chapter.md": CHAPTER, "register.md": REGISTER,
                       "bibliography.md": "# Bibliography\n\n```{bibliography}\n```\n"}.items():
        (src / name).write_text(text, encoding="utf-8")
    return build(src, "latex")


def _tex(book: Built) -> str:
    return next(Path(book.outdir).glob("*.tex")).read_text(encoding="utf-8")


def _entries(text: str) -> list[str]:
    return re.findall(r"\\index\{([^@}]*)@", text)


def _box(tex: str, label: str) -> str:
    """The LaTeX of one claim box, from its \\begin to its \\end."""
    escaped = label.replace("-", r"\sphinxhyphen{}")
    start = tex.index(f"label={{{escaped}}}")
    return tex[start : tex.index(r"\end{sphinxclaim}", start)]


def test_every_attributed_claim_gives_its_person_one_entry(book: Built) -> None:
    tex = _tex(book)
    assert book.statuscode == 0 and "WARNING" not in book.warnings, book.warnings
    # The book already indexes Korybko as "Korybko, Andrew": his claims use that form.
    assert _entries(_box(tex, "view-one")) == ["Korybko, Andrew"]  # two paragraphs, one entry
    assert _entries(_box(tex, "view-two")) == ["Korybko, Andrew"]  # "as reported by"
    assert _entries(_box(tex, "view-three")) == ["Sense Hofstede"]
    assert _entries(_box(tex, "plain-fact")) == []
    assert _entries(tex).count("Korybko, Andrew") == 3  # the hand-written entry and two claims
    assert _entries(tex).count("Sense Hofstede") == 1


def test_configured_names_are_indexed_on_whole_words_outside_code_and_back_matter(
    book: Built,
) -> None:
    tex = _tex(book)
    chapter = tex[tex.index(r"\chapter{Chapter}") : tex.index(r"\chapter{Register}")]
    first = chapter[: chapter.index("Russia and China")]
    assert sorted(_entries(first)) == ["China", "Russia"]  # "Russian" is not "Russia"
    assert _entries(tex).count("Russia") == 1  # not the code block, not the register
    register = tex[tex.index(r"\chapter{Register}") :]
    assert _entries(register) == []


def test_an_attribution_names_its_people_without_the_comment() -> None:
    assert attributed_names_of("Sense Hofstede (attribution probable)") == ["Sense Hofstede"]
    assert attributed_names_of("A. One and B. Two") == ["A. One", "B. Two"]
    assert attributed_names_of("Some observers, as reported by Andrew Korybko") == [
        "Andrew Korybko"]
    assert matcher(["SCO"]).search("the SCO-led body") is None


def test_the_handbooks_index_has_one_entry_per_claim_attributed_to_korybko_and_hofstede(
    pdf_book: PdfBuild,
) -> None:
    """The handbook itself (the LaTeX of the run's PDF): every claim box attributed to the person
    carries their entry once, and there are as many such boxes as claims the chapters attribute
    to them."""
    tex = (pdf_book.latex_dir / f"{PDF_NAME}.tex").read_text(encoding="utf-8")
    boxes = re.findall(r"\\begin\{sphinxclaim\}\{.*?attributed-to=\{(.*?)\}.*?\n(.*?)"
                       r"\\end\{sphinxclaim\}", tex, re.DOTALL)
    sources = "".join(path.read_text(encoding="utf-8") for path in REPO.glob("chapters/*.md"))
    for surname, entry in (("Korybko", "Korybko, Andrew"), ("Hofstede", "Hofstede, Sense")):
        attributed = [body for who, body in boxes if surname in who]
        claims = re.findall(rf"^:attributed-to:.*{surname}", sources, re.MULTILINE)
        assert len(attributed) == len(claims) > 0
        assert all(_entries(body).count(entry) == 1 for body in attributed), surname
