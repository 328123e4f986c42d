"""The handbook keeps its promises: enough claims, attributed opinions, every source cited.

The Markdown is read with myst-parser's own markdown-it setup and directive parser, the
bibliography with bibtexparser, so these tests see the files exactly as the build does.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import bibtexparser
import pytest
import yaml
from bs4 import BeautifulSoup
from docutils.parsers.rst import Directive
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.directives import parse_directive_text
from myst_parser.parsers.mdit import create_md_parser

from conftest import REPO, BuildResult
from sphinx_claims.spec import CITATION_ROLES, OPTION_SPEC

CHAPTERS = {
    "russia-pakistan": REPO / "chapters" / "russia-pakistan.md",
    "sino-russian": REPO / "chapters" / "sino-russian.md",
}
PREFIXES = {"russia-pakistan": "rp-", "sino-russian": "sr-"}
DOCS = sorted((REPO / "docs").glob("*.md"))
MIN_CLAIMS_PER_CHAPTER = 20
OPINION_KINDS = {"interpretation", "assessment", "quotation"}
CLAIM_REF = re.compile(r"\{claim:ref\}`(?:[^`<]*<)?([a-z0-9-]+)>?`")
SECTION_REF = re.compile(r"\{ref\}`(?:[^`<]*<)?([A-Za-z0-9_-]+)>?`")
SECTION_LABEL = re.compile(r"^\(([A-Za-z0-9_-]+)\)=\s*$", re.MULTILINE)

#: Names the chapters give in their original scripts, and the page each must appear on.
ORIGINAL_SCRIPTS = {
    "russia-pakistan": ["عمران خان", "شہباز شریف", "کراچی", "Известия"],
    "sino-russian": [
        "习近平", "Xí Jìnpíng", "Владимир Путин", "海參崴", "hǎishēnwǎi", "ᡥᠠᡳᡧᡝᠨᠸᡝᡳ",
        "Владивосток",
    ],
}


class _ClaimStandIn(Directive):
    """Parses claim options exactly as the extension does (same ``option_spec``)."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = OPTION_SPEC


@dataclass
class Claim:
    label: str
    options: dict[str, str]
    body: str
    line: int
    cited_keys: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.options.get("kind", "fact")


def _parser():  # type: ignore[no-untyped-def]
    config = MdParserConfig(enable_extensions={"colon_fence", "deflist", "substitution"})
    return create_md_parser(config, RendererHTML)


MD = _parser()


def _directives(text: str, offset: int = 0) -> Iterator[tuple[str, Token, int]]:
    """Every directive (name, token, line) in *text*, descending into directive bodies."""
    for token in MD.parse(text):
        if token.type not in ("fence", "colon_fence"):
            continue
        match = re.match(r"\{([a-z:-]+)\}", token.info.strip())
        if not match:
            continue
        line = offset + (token.map[0] if token.map else 0) + 1
        yield match.group(1), token, line
        if match.group(1) != "claim":
            yield from _directives(token.content, line)


def _roles(text: str) -> Iterator[tuple[str, str]]:
    """Every MyST role (name, content) in *text*."""
    for token in MD.parse(text):
        for child in token.children or []:
            if child.type == "myst_role":
                yield child.meta["name"], child.content


def _cited_keys(text: str) -> list[str]:
    keys = []
    for name, content in _roles(text):
        if name in CITATION_ROLES:
            for target in content.split(","):
                keys.append(re.sub(r"\{[^}]*\}", "", target).strip())
    return keys


def claims_in(path: Path) -> list[Claim]:
    claims = []
    for name, token, line in _directives(path.read_text()):
        if name != "claim":
            continue
        first_line = token.info.strip()[len("{claim}"):].strip()
        parsed = parse_directive_text(_ClaimStandIn, first_line, token.content, line=line)
        options = {k: str(v).strip() for k, v in parsed.options.items()}
        body = "\n".join(parsed.body)
        claims.append(Claim(options.get("label", ""), options, body, line, _cited_keys(body)))
    return claims


@pytest.fixture(scope="module")
def chapter_claims() -> dict[str, list[Claim]]:
    return {name: claims_in(path) for name, path in CHAPTERS.items()}


@pytest.fixture(scope="module")
def all_claims(chapter_claims: dict[str, list[Claim]]) -> dict[str, Claim]:
    return {c.label: c for claims in chapter_claims.values() for c in claims}


@pytest.fixture(scope="module")
def bib_keys() -> set[str]:
    library = bibtexparser.parse_string((REPO / "references.bib").read_text())
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    return {entry.key for entry in library.entries}


# --- claims ---------------------------------------------------------------------------------


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_has_enough_claims(
    chapter: str, chapter_claims: dict[str, list[Claim]]
) -> None:
    assert len(chapter_claims[chapter]) >= MIN_CLAIMS_PER_CHAPTER


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_claim_labels_use_the_chapter_prefix(
    chapter: str, chapter_claims: dict[str, list[Claim]]
) -> None:
    wrong = [c.label for c in chapter_claims[chapter] if not c.label.startswith(PREFIXES[chapter])]
    assert not wrong


def test_claim_labels_are_unique(chapter_claims: dict[str, list[Claim]]) -> None:
    labels = [c.label for claims in chapter_claims.values() for c in claims]
    assert len(labels) == len(set(labels))


def test_every_claim_cites(all_claims: dict[str, Claim]) -> None:
    uncited = [label for label, claim in all_claims.items() if not claim.cited_keys]
    assert not uncited


def test_every_opinion_is_attributed(all_claims: dict[str, Claim]) -> None:
    unattributed = [
        label for label, claim in all_claims.items()
        if claim.kind in OPINION_KINDS and not claim.options.get("attributed-to")
    ]
    assert not unattributed


def test_both_chapters_have_opinions_and_facts(chapter_claims: dict[str, list[Claim]]) -> None:
    for claims in chapter_claims.values():
        kinds = {c.kind for c in claims}
        assert "fact" in kinds and kinds & {"interpretation", "assessment"}


def test_probable_attribution_is_marked_probable(all_claims: dict[str, Claim]) -> None:
    """An opinion attributed only probably must not claim confirmed certainty."""
    wrong = [
        label for label, claim in all_claims.items()
        if "probable" in claim.options.get("attributed-to", "")
        and claim.options.get("certainty") != "probable"
    ]
    assert not wrong


def test_source_texts_are_attributed_to_their_authors(
    chapter_claims: dict[str, list[Claim]],
) -> None:
    for chapter, key, author in (
        ("russia-pakistan", "korybko2025passex", "Korybko"),
        ("sino-russian", "hofstede2021xiputin", "Hofstede"),
    ):
        opinions = [
            c for c in chapter_claims[chapter] if c.kind in {"interpretation", "assessment"}
        ]
        from_text = [c for c in opinions if key in c.cited_keys]
        assert from_text
        assert all(author in c.options.get("attributed-to", "") for c in from_text)


def test_xi_quotation_is_a_sourced_quotation(all_claims: dict[str, Claim]) -> None:
    quotes = [c for c in all_claims.values() if "more joint actions" in c.body]
    assert len(quotes) == 1
    quote = quotes[0]
    assert quote.kind == "quotation"
    assert quote.options["attributed-to"] == "Xi Jinping"
    assert "xinhua2021hegemonic" in quote.cited_keys


# --- citations and bibliography -------------------------------------------------------------


def test_every_cited_key_exists(all_claims: dict[str, Claim], bib_keys: set[str]) -> None:
    cited = {key for claim in all_claims.values() for key in claim.cited_keys}
    assert cited <= bib_keys, cited - bib_keys


def test_every_bibliography_entry_is_cited(
    all_claims: dict[str, Claim], bib_keys: set[str]
) -> None:
    cited = {key for claim in all_claims.values() for key in claim.cited_keys}
    assert bib_keys <= cited, bib_keys - cited


def test_no_citation_outside_claims() -> None:
    """Front and back matter refer to claims; only claims cite (rule CIT002)."""
    for path in [*DOCS, *CHAPTERS.values()]:
        text = path.read_text()
        for _, token, _ in _directives(text):
            text = text.replace(token.content, "")
        assert not _cited_keys(text), path.name


def test_bib_notes_never_complete_the_korybko_headline() -> None:
    library = bibtexparser.parse_string((REPO / "references.bib").read_text())
    korybko = next(e for e in library.entries if e.key == "korybko2025passex")
    assert korybko.fields_dict["title"].value.endswith("{\\ldots}")


def test_every_suppressed_entry_tells_readers_why() -> None:
    """A required field may be missing only where the entry's note says so to the reader."""
    library = bibtexparser.parse_string((REPO / "references.bib").read_text())
    blocks = library.blocks
    suppressed = [
        after for before, after in pairwise(blocks)
        if isinstance(before, bibtexparser.model.ImplicitComment)
        and "ignore[BIB004]" in before.comment
        and isinstance(after, bibtexparser.model.Entry)
    ]
    assert suppressed
    for entry in suppressed:
        note = entry.fields_dict.get("note")
        assert note is not None and re.search(r"not (captured|found|confirmed|known)", note.value)


# --- cross-references -----------------------------------------------------------------------


def test_claim_references_point_to_existing_claims(all_claims: dict[str, Claim]) -> None:
    for path in [*DOCS, *CHAPTERS.values()]:
        missing = set(CLAIM_REF.findall(path.read_text())) - set(all_claims)
        assert not missing, (path.name, missing)


def test_chapters_cross_reference_each_other() -> None:
    """China in the Russia–Pakistan story and India in both: each chapter links the other."""
    rp, sr = (CHAPTERS[name].read_text() for name in ("russia-pakistan", "sino-russian"))
    sr_labels = set(SECTION_LABEL.findall(sr))
    rp_labels = set(SECTION_LABEL.findall(rp))
    rp_to_sr = {t for t in SECTION_REF.findall(rp) if t in sr_labels}
    sr_to_rp = {t for t in SECTION_REF.findall(sr) if t in rp_labels}
    assert rp_to_sr and sr_to_rp
    assert any(label.startswith("sr-") for label in CLAIM_REF.findall(rp)) or rp_to_sr
    assert any(label.startswith("rp-") for label in CLAIM_REF.findall(sr))


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_key_takeaways_refer_to_claims(chapter: str, all_claims: dict[str, Claim]) -> None:
    boxes = [
        token for name, token, _ in _directives(CHAPTERS[chapter].read_text())
        if name == "admonition" and "Key takeaways" in token.info
    ]
    assert len(boxes) == 1
    refs = CLAIM_REF.findall(boxes[0].content)
    assert refs and set(refs) <= set(all_claims)


def test_timeline_rows_each_link_a_claim(all_claims: dict[str, Claim]) -> None:
    rows = [
        line for line in (REPO / "docs" / "timeline.md").read_text().splitlines()
        if line.startswith("| ") and not line.startswith("| Date")
    ]
    assert len(rows) >= 10
    for row in rows:
        refs = CLAIM_REF.findall(row)
        assert len(refs) == 1 and refs[0] in all_claims, row


# --- citation file --------------------------------------------------------------------------


def test_citation_cff_is_valid_cff() -> None:
    data = yaml.safe_load((REPO / "CITATION.cff").read_text())
    assert data["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors"):
        assert data[key]
    for author in data["authors"]:
        assert author.get("name") or author.get("family-names")


# --- the built handbook ---------------------------------------------------------------------


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_original_scripts_survive_the_build(chapter: str, built_handbook: BuildResult) -> None:
    assert built_handbook.returncode == 0, built_handbook.stderr
    html = (built_handbook.outdir / "chapters" / f"{chapter}.html").read_text()
    text = BeautifulSoup(html, "html.parser").get_text()
    missing = [s for s in ORIGINAL_SCRIPTS[chapter] if s not in text]
    assert not missing


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_claim_is_rendered(
    chapter: str, built_handbook: BuildResult, chapter_claims: dict[str, list[Claim]]
) -> None:
    html = (built_handbook.outdir / "chapters" / f"{chapter}.html").read_text()
    soup = BeautifulSoup(html, "html.parser")
    for claim in chapter_claims[chapter]:
        assert soup.find(id=f"claim-{claim.label}") is not None, claim.label


def test_glossary_terms_link_from_the_chapters(built_handbook: BuildResult) -> None:
    for chapter in CHAPTERS:
        html = (built_handbook.outdir / "chapters" / f"{chapter}.html").read_text()
        soup = BeautifulSoup(html, "html.parser")
        terms = [a for a in soup.select("a.reference") if "glossary.html#term-" in a["href"]]
        assert terms, chapter


def test_claims_json_agrees_with_the_sources(
    built_handbook: BuildResult, chapter_claims: dict[str, list[Claim]]
) -> None:
    """The build registers every claim of each chapter, with its kind and its sources."""
    built = json.loads((built_handbook.outdir / "claims.json").read_text())
    for chapter, claims in chapter_claims.items():
        registered = [c for c in built if c["docname"] == f"chapters/{chapter}"]
        assert len(registered) == len(claims) >= MIN_CLAIMS_PER_CHAPTER
        by_label = {c["label"]: c for c in registered}
        for claim in claims:
            entry = by_label[claim.label]
            assert entry["kind"] == claim.kind
            assert set(entry["sources"]) == set(claim.cited_keys)
