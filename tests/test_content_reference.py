"""The handbook as a reference: every new source verified, and the who's-who linked both ways.

Sources added after edition 0.1 (their ``urldate`` is later than that edition's research date)
each have a section in ``sources/VERIFICATION.md`` that names where the source was read and, for
every claim citing it, a quoted supporting passage and its locator; the claim's ``:evidence:``
holds those same passages and locators, word for word, and evidence from a source of edition
0.1 is quoted from that source's note in the file's last section. ``docs/people.md`` links each
person or institution to a claim; the chapters link back to the page, and every name a claim is
attributed to is on it. Markdown is read with myst-parser's markdown-it, the bibliography with
bibtexparser, the chapters with the content tests' own claim reader.
"""

from __future__ import annotations

import re
from pathlib import Path

import bibtexparser
import pytest
from bs4 import BeautifulSoup
from test_content import (
    BIB,
    CHAPTERS,
    CLAIM_REF,
    MD,
    Claim,
    _cited_keys,
    _directives,
    _field,
    _roles,
    claims_in,
)

from conftest import REPO, BuildResult
from sphinx_claims.model import evidence_entries

VERIFICATION = REPO / "sources" / "VERIFICATION.md"
PEOPLE = REPO / "docs" / "people.md"
#: Access date of the research behind edition 0.1; entries read later were added since.
EDITION_01_RESEARCH_DATE = "2026-11-22"
#: The heading under which the sources of edition 0.1 with evidence passages have a section each.
OLDER_SOURCES = "Evidence from the sources of edition 0.1"
#: A claim line of a verification section: `label` — "passage" … — locator with a paragraph.
CLAIM_LINE = re.compile(r"^`([a-z0-9-]+)` — (.+)$")
#: The text of a claim line after its label: "passage" — locator, then an optional (remark).
NOTE_PASSAGE = re.compile(r'^"(?P<passage>.+)" — (?P<locator>[^"()]+?)(?: \([^"]*\))?$')


def _sections(text: str, tag: str) -> dict[str, str]:
    """The Markdown under each heading of level *tag* (``h2``, ``h3``), by the heading's text."""
    lines = text.splitlines()
    tokens = MD.parse(text)
    starts = [
        (tokens[i + 1].content.strip(), tok.map[0])
        for i, tok in enumerate(tokens)
        if tok.type == "heading_open" and tok.tag == tag and tok.map
    ]
    bounds = [*(start for _, start in starts[1:]), len(lines)]
    return {
        key: "\n".join(lines[start + 1:end])
        for (key, start), end in zip(starts, bounds, strict=True)
    }


def verification_sections(path: Path = VERIFICATION) -> dict[str, str]:
    """The note of each bibliography key: the Markdown under its ``## key`` heading."""
    return _sections(path.read_text(), "h2")


def older_source_notes(path: Path = VERIFICATION) -> dict[str, str]:
    """The evidence notes of edition 0.1's sources: the ``### key`` sections under their heading."""
    return _sections(verification_sections(path)[OLDER_SOURCES], "h3")


def claim_lines(section: str) -> dict[str, list[str]]:
    """The claim lines of a section (label -> texts): list items of the form `label` — …."""
    found: dict[str, list[str]] = {}
    for token in MD.parse(section):
        if token.type != "inline":
            continue
        match = CLAIM_LINE.match(token.content.strip())
        if match:
            found.setdefault(match.group(1), []).append(match.group(2))
    return found


@pytest.fixture(scope="module")
def all_claims() -> dict[str, Claim]:
    return {c.label: c for path in CHAPTERS.values() for c in claims_in(path)}


@pytest.fixture(scope="module")
def new_entries() -> dict[str, bibtexparser.model.Entry]:
    library = bibtexparser.parse_string(BIB.read_text())
    return {
        entry.key: entry for entry in library.entries
        if _field(entry, "urldate") > EDITION_01_RESEARCH_DATE
    }


def test_this_round_added_sources(new_entries: dict[str, bibtexparser.model.Entry]) -> None:
    assert len(new_entries) >= 5, sorted(new_entries)


def figure_keys() -> set[str]:
    """Keys cited by a figure's source line (the locator maps' datasets)."""
    return {key for path in CHAPTERS.values() for name, token, _ in _directives(path.read_text())
            if name == "figure" for key in _cited_keys(token.content)}


def test_every_new_source_has_its_verification_note(
    new_entries: dict[str, bibtexparser.model.Entry], all_claims: dict[str, Claim]
) -> None:
    sections = verification_sections()
    for key, entry in new_entries.items():
        assert key in sections, f"{key}: no section in {VERIFICATION.name}"
        note = sections[key]
        assert re.search(r"^- Confirms: \S", note, re.M), f"{key}: says nothing it confirms"
        assert _field(entry, "url") in note, f"{key}: does not say where it was read"
        listed = claim_lines(note)
        citing = {label for label, c in all_claims.items() if key in c.cited_keys}
        assert citing or key in figure_keys(), f"{key}: cited by no claim and no figure"
        assert set(listed) == citing, f"{key}: notes {sorted(listed)}, cited by {sorted(citing)}"
        for label, texts in listed.items():
            for text in texts:
                assert re.search(r'"[^"]{8,}"', text), f"{key}/{label}: no quoted passage"
                assert re.search(r"paragraph", text), f"{key}/{label}: no locator"


def test_every_verification_note_is_for_a_new_source(
    new_entries: dict[str, bibtexparser.model.Entry],
) -> None:
    keys = {key for key in verification_sections() if re.fullmatch(r"[a-z0-9_]+", key)}
    assert keys == set(new_entries), keys ^ set(new_entries)


def note_evidence(section: str) -> dict[str, set[tuple[str, str]]]:
    """The (locator, passage) pairs a verification section quotes for each claim label."""
    found: dict[str, set[tuple[str, str]]] = {}
    for label, texts in claim_lines(section).items():
        for text in texts:
            match = NOTE_PASSAGE.match(text)
            assert match, f"{label}: not a '\"passage\" — locator' line: {text}"
            found.setdefault(label, set()).add((match["locator"], match["passage"]))
    return found


def claim_evidence(claim: Claim) -> dict[str, set[tuple[str, str]]]:
    """The claim's ``:evidence:`` as (locator, passage) pairs per key (the model's parser)."""
    entries, bad = evidence_entries(claim.options.get("evidence", ""))
    assert not bad, f"{claim.label}: {bad}"
    found: dict[str, set[tuple[str, str]]] = {}
    for entry in entries:
        found.setdefault(entry.key, set()).add((entry.locator, entry.passage))
    return found


def test_note_evidence_reads_a_line_with_a_quoted_passage_and_a_remark() -> None:
    section = (
        '- Claims:\n'
        '  - `x-a` — "said "no" twice (p. 2)" — paragraph 3 (the remark)\n'
        '  - `x-a` — "the words" — abstract, last sentence\n'
    )
    assert note_evidence(section) == {"x-a": {
        ("paragraph 3", 'said "no" twice (p. 2)'), ("abstract, last sentence", "the words"),
    }}


def test_every_claim_citing_a_new_source_carries_the_noted_passages_as_evidence(
    new_entries: dict[str, bibtexparser.model.Entry], all_claims: dict[str, Claim]
) -> None:
    """Each claim has, for each new key it cites, exactly the passages and locators the
    verification note quotes for it (no more, no fewer, word for word)."""
    sections = verification_sections()
    checked = 0
    for key in new_entries:
        for label, noted in note_evidence(sections[key]).items():
            given = claim_evidence(all_claims[label]).get(key, set())
            assert given, f"{label}: no evidence from {key}"
            assert given == noted, f"{label}/{key}: evidence {given ^ noted} differs from the note"
            checked += 1
    citing = {(label, key) for label, claim in all_claims.items()
              for key in claim.cited_keys if key in new_entries}
    assert checked == len(citing) >= 14


def test_every_evidence_passage_from_an_older_source_is_noted_where_it_was_read(
    new_entries: dict[str, bibtexparser.model.Entry], all_claims: dict[str, Claim]
) -> None:
    """Evidence from a source of edition 0.1 (never from a Dutch source text) is quoted word for
    word from its note, which says at which address the page was read."""
    library = {e.key: e for e in bibtexparser.parse_string(BIB.read_text()).entries}
    notes = older_source_notes()
    assert len(notes) >= 5, sorted(notes)
    for key, note in notes.items():
        assert key in library and key not in new_entries, key
        source_text = "source-text" in _field(library[key], "keywords")
        assert not (source_text and _field(library[key], "langid") == "dutch"), key
        assert f"- Read at: {_field(library[key], 'url')}" in note, f"{key}: where read?"
        for label, noted in note_evidence(note).items():
            assert claim_evidence(all_claims[label]).get(key) == noted, f"{label}/{key}"
    for label, claim in all_claims.items():
        for key in claim_evidence(claim).keys() - set(new_entries):
            assert label in note_evidence(notes.get(key, "")), f"{label}/{key}: not in a note"


# --- who's who ------------------------------------------------------------------------------


def _doc_links(path: Path) -> set[str]:
    return {content for name, content in _roles(path.read_text()) if name == "doc"}


def test_every_people_line_links_an_existing_claim(all_claims: dict[str, Claim]) -> None:
    rows = [line for line in PEOPLE.read_text().splitlines()
            if line.startswith("| ") and not line.startswith("| Name")]
    assert len(rows) >= 10
    for row in rows:
        refs = CLAIM_REF.findall(row)
        assert refs and set(refs) <= set(all_claims), row


def test_every_chapter_the_people_page_points_into_links_back() -> None:
    """The way back: a chapter whose claims the who's-who cites links the who's-who."""
    cited = set(CLAIM_REF.findall(PEOPLE.read_text()))
    pointed_into = [
        chapter for chapter, path in CHAPTERS.items()
        if cited & {c.label for c in claims_in(path)}
    ]
    assert pointed_into, "the who's-who links no chapter"
    for chapter in pointed_into:
        assert "/docs/people" in _doc_links(CHAPTERS[chapter]), chapter


def test_everyone_a_claim_is_attributed_to_is_on_the_people_page(
    all_claims: dict[str, Claim],
) -> None:
    page = PEOPLE.read_text()
    missing = sorted({
        name for claim in all_claims.values() for name in claim.holders if name not in page
    })
    assert not missing


def _page(built: BuildResult, docname: str) -> BeautifulSoup:
    assert built.returncode == 0, built.stderr
    return BeautifulSoup((built.outdir / f"{docname}.html").read_text(), "html.parser")


def test_people_links_resolve_both_ways_in_the_built_site(built_handbook: BuildResult) -> None:
    people = _page(built_handbook, "docs/people")
    targets = [str(a["href"]) for a in people.select("main a[href*='#claim-']")]
    assert len(targets) >= 10
    for href in targets:
        page, anchor = href.split("#", 1)
        docname = (Path("docs") / page).as_posix().replace("docs/../", "").removesuffix(".html")
        assert _page(built_handbook, docname).find(id=anchor), href
    for chapter in sorted({
        (Path("docs") / href.split("#")[0]).as_posix().replace("docs/../", "").removesuffix(".html")
        for href in targets
    }):
        links = [str(a["href"]) for a in _page(built_handbook, chapter).select("main a[href]")]
        assert any(href.split("#")[0].endswith("docs/people.html") for href in links), chapter
