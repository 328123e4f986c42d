"""The handbook keeps its promises: attributed opinions, an honest certainty, every source cited.

The chapters are the ones ``docs/index.md`` lists in its ``Chapters`` toctree, so a new chapter is
checked as soon as it is in the book. The Markdown is read with myst-parser's own markdown-it
setup and directive parser, the bibliography with bibtexparser (names with pybtex), so these
tests see the files exactly as the build does.
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
from bibtexparser.model import Entry
from bs4 import BeautifulSoup
from docutils.parsers.rst import Directive
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.directives import parse_directive_text
from myst_parser.parsers.mdit import create_md_parser
from pybtex.database import Person

from conftest import REPO, BuildResult, sphinx_build
from sphinx_claims.model import CITATION_ROLES, OPTION_SPEC

DOCS = sorted((REPO / "docs").glob("*.md"))
BIB = REPO / "references.bib"
OPINION_KINDS = {"interpretation", "assessment", "quotation"}
CLAIM_REF = re.compile(r"\{claim:ref\}`(?:[^`<]*<)?([a-z0-9-]+)>?`")
CODE_SPAN = re.compile(r"``.+?``")
SECTION_REF = re.compile(r"\{ref\}`(?:[^`<]*<)?([A-Za-z0-9_-]+)>?`")
SECTION_LABEL = re.compile(r"^\(([A-Za-z0-9_-]+)\)=\s*$", re.MULTILINE)
#: ``keywords`` value marking the entries of the texts the chapters are built on (texts A, B).
SOURCE_TEXT_KEYWORD = "source-text"
#: The section of a chapter that describes its source text ("About the source"): its label.
SOURCE_SECTION_SUFFIX = "-sources"
#: Words of an ``:attributed-to:`` value that do not name anyone.
NOT_NAMES = {"Some", "As", "The", "Unnamed"}


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
    section: str = ""  # the label of the section the claim stands in

    @property
    def kind(self) -> str:
        return self.options.get("kind", "fact")

    @property
    def certainty(self) -> str:
        return self.options.get("certainty", "confirmed")

    @property
    def holders(self) -> set[str]:
        """The capitalised words of ``:attributed-to:`` that name someone."""
        names = re.findall(r"[A-Z][\w'-]+", self.options.get("attributed-to", ""))
        return set(names) - NOT_NAMES


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


def book_chapters(root: Path = REPO) -> dict[str, Path]:
    """The chapters the book lists (docname -> file), from the index's ``Chapters`` toctree."""
    index = root / "docs" / "index.md"
    for name, token, _ in _directives(index.read_text()):
        if name != "toctree" or not re.search(r"^:caption:\s*Chapters\s*$", token.content, re.M):
            continue
        chapters = {}
        for entry in token.content.splitlines():
            entry = entry.strip()
            if not entry or entry.startswith(":"):
                continue
            target = re.sub(r"^.*<(.+)>$", r"\1", entry)
            path = root / target.lstrip("/") if target.startswith("/") else index.parent / target
            path = path if path.suffix == ".md" else path.with_name(path.name + ".md")
            chapters[path.relative_to(root).with_suffix("").as_posix()] = path
        return chapters
    raise AssertionError(f"{index} has no toctree captioned 'Chapters'")


CHAPTERS = book_chapters()


def _sections(text: str) -> list[tuple[int, int, str]]:
    """Every heading as (1-based line, level, label of the target just above it or "")."""
    headings, pending = [], ""
    for token in MD.parse(text):
        if token.type == "myst_target":
            pending = token.content
        elif token.type == "heading_open" and token.map:
            headings.append((token.map[0] + 1, int(token.tag[1:]), pending))
            pending = ""
        elif token.type != "heading_close" and token.type != "inline":
            pending = ""
    return headings


def claims_in(path: Path) -> list[Claim]:
    text = path.read_text()
    headings = _sections(text)
    claims = []
    for name, token, line in _directives(text):
        if name != "claim":
            continue
        first_line = token.info.strip()[len("{claim}"):].strip()
        parsed = parse_directive_text(_ClaimStandIn, first_line, token.content, line=line)
        options = {k: str(v).strip() for k, v in parsed.options.items()}
        body = "\n".join(parsed.body)
        section = next((label for start, _, label in reversed(headings) if start < line), "")
        claims.append(
            Claim(options.get("label", ""), options, body, line, _cited_keys(body), section)
        )
    return claims


def takeaway_bullets(path: Path) -> list[str]:
    """The top-level bullets of the chapter's one "Key takeaways" box, as Markdown text."""
    boxes = [
        token for name, token, _ in _directives(path.read_text())
        if name == "admonition" and "Key takeaways" in token.info
    ]
    assert len(boxes) == 1, path.name
    bullets: list[str] = []
    depth, current = 0, []
    for token in MD.parse(boxes[0].content):
        if token.type == "list_item_open":
            depth += 1
            if depth == 1:
                current = []
        elif token.type == "list_item_close":
            depth -= 1
            if depth == 0:
                bullets.append(" ".join(current))
        elif token.type == "inline" and depth:
            current.append(token.content)
    return bullets


def _field(entry: Entry, name: str) -> str:
    item = entry.fields_dict.get(name)
    return str(item.value).strip() if item is not None else ""


def _names(value: str) -> set[str]:
    return {name.strip().lower() for name in value.split(",") if name.strip()}


@pytest.fixture(scope="module")
def chapter_claims() -> dict[str, list[Claim]]:
    return {name: claims_in(path) for name, path in CHAPTERS.items()}


@pytest.fixture(scope="module")
def all_claims(chapter_claims: dict[str, list[Claim]]) -> dict[str, Claim]:
    return {c.label: c for claims in chapter_claims.values() for c in claims}


@pytest.fixture(scope="module")
def library() -> bibtexparser.Library:
    library = bibtexparser.parse_string(BIB.read_text())
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    return library


@pytest.fixture(scope="module")
def bib_keys(library: bibtexparser.Library) -> set[str]:
    return {entry.key for entry in library.entries}


@pytest.fixture(scope="module")
def source_texts(library: bibtexparser.Library) -> dict[str, Entry]:
    """The entries of the texts the chapters are built on (``keywords = {source-text}``)."""
    return {
        entry.key: entry for entry in library.entries
        if SOURCE_TEXT_KEYWORD in _names(_field(entry, "keywords"))
    }


def rests_on_source_texts_alone(claim: Claim, source_texts: dict[str, Entry]) -> bool:
    """Only a source text says so: every key the claim cites is a source text's entry."""
    return bool(claim.cited_keys) and set(claim.cited_keys) <= set(source_texts)


def describes_its_source(claim: Claim) -> bool:
    """A claim about the source text itself (who wrote it, when, in which words)."""
    return claim.section.endswith(SOURCE_SECTION_SUFFIX)


# --- the book's chapters --------------------------------------------------------------------


def test_the_book_lists_every_chapter_file() -> None:
    assert CHAPTERS, "docs/index.md lists no chapters"
    assert all(path.is_file() for path in CHAPTERS.values()), CHAPTERS
    assert set((REPO / "chapters").glob("*.md")) <= set(CHAPTERS.values())


NEW_CHAPTER = """(ch-new-topic)=
# A new topic

:::{admonition} Key takeaways
:class: tip

- Korybko calls the drill routine ({claim:ref}`nt-routine`).
:::

(nt-background)=
## Background

:::{claim} The drill
:label: nt-drill
:kind: fact

The navies held a drill {cite:p}`app2025arabianmonsoon`.
:::

:::{claim} Routine
:label: nt-routine
:kind: assessment
:attributed-to: Andrew Korybko
:certainty: unverified

It was routine {cite:p}`korybko2025passex`.
:::

See {ref}`rp-exercise`.
"""


def test_a_chapter_added_as_the_readme_says_is_found_and_checked(
    handbook_copy: Path, tmp_path: Path
) -> None:
    """Write the file, list it in the Chapters toctree: the build and the content tests see it."""
    (handbook_copy / "chapters" / "new-topic.md").write_text(NEW_CHAPTER)
    index = handbook_copy / "docs" / "index.md"
    text = index.read_text()
    last = f"/chapters/{Path(list(CHAPTERS.values())[-1]).stem}\n"
    index.write_text(text.replace(last, last + "/chapters/new-topic\n", 1))
    chapters = book_chapters(handbook_copy)
    assert list(chapters)[-1] == "chapters/new-topic"
    assert list(chapters)[:-1] == list(CHAPTERS)
    claims = claims_in(chapters["chapters/new-topic"])
    assert [(c.label, c.section) for c in claims] == [
        ("nt-drill", "nt-background"), ("nt-routine", "nt-background")
    ]
    (bullet,) = takeaway_bullets(chapters["chapters/new-topic"])
    assert CLAIM_REF.findall(bullet) == ["nt-routine"] and "Korybko" in claims[1].holders
    built = sphinx_build(handbook_copy, tmp_path / "out")
    soup = _page(built, "chapters/new-topic")
    assert all(soup.find(id=f"claim-{c.label}") for c in claims)


# --- claims ---------------------------------------------------------------------------------


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_section_of_a_chapter_rests_on_claims(chapter: str) -> None:
    """Each ``##`` section holds a claim, or (a closing comparison, say) refers to claims."""
    text = CHAPTERS[chapter].read_text()
    lines = text.splitlines()
    starts = [line for line, level, _ in _sections(text) if level == 2]
    claim_lines = [claim.line for claim in claims_in(CHAPTERS[chapter])]
    assert claim_lines
    for start, end in pairwise([*starts, len(lines) + 1]):
        section = "\n".join(lines[start - 1:end - 1])
        has_claim = any(start < line < end for line in claim_lines)
        assert has_claim or CLAIM_REF.search(section), f"{chapter}: section at line {start}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_claim_and_section_labels_use_the_chapter_prefix(
    chapter: str, chapter_claims: dict[str, list[Claim]]
) -> None:
    """One prefix per chapter (its first claim's, up to the first hyphen), shared by no other."""
    claims = chapter_claims[chapter]
    prefix = claims[0].label.split("-")[0] + "-"
    assert [c.label for c in claims if not c.label.startswith(prefix)] == []
    sections = SECTION_LABEL.findall(CHAPTERS[chapter].read_text())
    assert [s for s in sections if not s.startswith((prefix, "ch-"))] == []
    others = [c.label for name, cs in chapter_claims.items() if name != chapter for c in cs]
    assert not [label for label in others if label.startswith(prefix)]


def test_claim_labels_are_unique(chapter_claims: dict[str, list[Claim]]) -> None:
    labels = [c.label for claims in chapter_claims.values() for c in claims]
    assert len(labels) == len(set(labels))


def test_every_claim_cites(all_claims: dict[str, Claim]) -> None:
    uncited = [label for label, claim in all_claims.items() if not claim.cited_keys]
    assert not uncited


def test_every_opinion_is_attributed(all_claims: dict[str, Claim]) -> None:
    """Interpretations, assessments and quotations name whose view or words they report."""
    unattributed = [
        label for label, claim in all_claims.items()
        if claim.kind in OPINION_KINDS and not claim.holders
    ]
    assert not unattributed


def test_every_chapter_has_opinions_and_facts(chapter_claims: dict[str, list[Claim]]) -> None:
    for claims in chapter_claims.values():
        kinds = {c.kind for c in claims}
        assert "fact" in kinds and kinds & {"interpretation", "assessment"}


def test_attribution_names_only_the_holder(all_claims: dict[str, Claim]) -> None:
    """How sure the attribution is goes in :attribution-certainty:, not in the name."""
    wrong = [
        label for label, claim in all_claims.items()
        if re.search(r"[()]|probabl|attribution|confirm|disput|unverified",
                     claim.options.get("attributed-to", ""), re.IGNORECASE)
    ]
    assert not wrong


def test_what_rests_on_a_source_text_alone_is_attributed(
    all_claims: dict[str, Claim], source_texts: dict[str, Entry]
) -> None:
    """A fact only the source text gives is that text's author's word, and says so."""
    wrong = [
        label for label, claim in all_claims.items()
        if rests_on_source_texts_alone(claim, source_texts)
        and not describes_its_source(claim) and not claim.holders
    ]
    assert not wrong


def test_confirmed_means_checked_beyond_the_source_text(
    all_claims: dict[str, Claim], source_texts: dict[str, Entry]
) -> None:
    """The certainty scale as documented: a source text cannot confirm what it asserts.

    Exceptions: a quotation (its words are read in the text it cites) and a claim in the
    chapter's source section, which describes the text rather than repeating it.
    """
    wrong = [
        label for label, claim in all_claims.items()
        if rests_on_source_texts_alone(claim, source_texts)
        and claim.certainty == "confirmed"
        and claim.kind != "quotation" and not describes_its_source(claim)
    ]
    assert not wrong


def test_unverified_means_only_the_source_text_says_so(
    all_claims: dict[str, Claim], source_texts: dict[str, Entry]
) -> None:
    wrong = [
        label for label, claim in all_claims.items()
        if claim.certainty == "unverified" and not rests_on_source_texts_alone(claim, source_texts)
    ]
    assert not wrong


def test_source_texts_are_attributed_to_their_authors(
    all_claims: dict[str, Claim], source_texts: dict[str, Entry]
) -> None:
    """Opinions drawn from a source text name its author; a doubted author is a doubted holder."""
    assert source_texts, f"no entry of references.bib has keywords = {{{SOURCE_TEXT_KEYWORD}}}"
    for key, entry in source_texts.items():
        authors = {
            name for person in _field(entry, "author").split(" and ")
            for name in Person(person).last_names
        }
        opinions = [
            c for c in all_claims.values()
            if c.kind in {"interpretation", "assessment"} and key in c.cited_keys
        ]
        assert opinions, key
        assert [c.label for c in opinions if not c.holders & authors] == [], key
        if "author" in _names(_field(entry, "unverified")):
            doubted = [
                c.label for c in all_claims.values()
                if key in c.cited_keys and c.holders & authors
                and c.options.get("attribution-certainty") not in ("probable", "disputed")
            ]
            assert not doubted, key


def test_xi_quotation_is_a_sourced_quotation(all_claims: dict[str, Claim]) -> None:
    quotes = [c for c in all_claims.values() if "more joint actions" in c.body]
    assert len(quotes) == 1
    quote = quotes[0]
    assert quote.kind == "quotation"
    assert "Xi" in quote.holders
    assert "xinhua2021hegemonic" in quote.cited_keys


# --- citations and bibliography -------------------------------------------------------------


def test_every_cited_key_exists(all_claims: dict[str, Claim], bib_keys: set[str]) -> None:
    cited = {key for claim in all_claims.values() for key in claim.cited_keys}
    assert cited <= bib_keys, cited - bib_keys


def test_every_bibliography_entry_is_cited(
    all_claims: dict[str, Claim], bib_keys: set[str]
) -> None:
    """By a claim, or by a figure's source line (the locator maps' datasets)."""
    cited = {key for claim in all_claims.values() for key in claim.cited_keys}
    cited |= {key for path in CHAPTERS.values() for name, token, _ in _directives(path.read_text())
              if name == "figure" for key in _cited_keys(token.content)}
    assert bib_keys <= cited, bib_keys - cited


def test_no_citation_outside_claims() -> None:
    """Front and back matter refer to claims; only claims cite (rule CIT002)."""
    for path in [*DOCS, *CHAPTERS.values()]:
        text = path.read_text()
        for _, token, _ in _directives(text):
            text = text.replace(token.content, "")
        assert not _cited_keys(text), path.name


def test_bib_notes_never_complete_the_korybko_headline(library: bibtexparser.Library) -> None:
    korybko = next(e for e in library.entries if e.key == "korybko2025passex")
    assert korybko.fields_dict["title"].value.endswith("{\\ldots}")


def test_every_suppressed_entry_tells_readers_why(library: bibtexparser.Library) -> None:
    """A required field may be missing only where the entry's note says so to the reader."""
    suppressed = [
        after for before, after in pairwise(library.blocks)
        if isinstance(before, bibtexparser.model.ImplicitComment)
        and "ignore[BIB004]" in before.comment
        and isinstance(after, bibtexparser.model.Entry)
    ]
    assert suppressed
    for entry in suppressed:
        note = entry.fields_dict.get("note")
        assert note is not None and re.search(r"not (captured|found|confirmed|known)", note.value)


def test_every_unverified_field_is_explained_and_never_a_url(
    library: bibtexparser.Library,
) -> None:
    """A kept but unconfirmed field is marked, present, and the reader's note says why."""
    marked = [e for e in library.entries if _field(e, "unverified")]
    assert marked
    for entry in marked:
        names = _names(_field(entry, "unverified"))
        assert all(_field(entry, name) for name in names), entry.key
        assert not names & {"url", "urldate", "doi"}, entry.key  # a guessed address is left out
        assert re.search(r"not (captured|found|confirmed|known|verified)|probable|inferred",
                         _field(entry, "note")), entry.key


def test_no_access_date_without_an_address(library: bibtexparser.Library) -> None:
    assert [e.key for e in library.entries if _field(e, "urldate") and not _field(e, "url")] == []


# --- cross-references -----------------------------------------------------------------------


def test_claim_references_point_to_existing_claims(all_claims: dict[str, Claim]) -> None:
    for path in [*DOCS, *CHAPTERS.values()]:
        text = CODE_SPAN.sub("", path.read_text())  # ``{claim:ref}`x` `` shows the syntax
        missing = set(CLAIM_REF.findall(text)) - set(all_claims)
        assert not missing, (path.name, missing)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapters_cross_reference_each_other(
    chapter: str, chapter_claims: dict[str, list[Claim]]
) -> None:
    """Where the book has several chapters, each links to a section or claim of another."""
    if len(CHAPTERS) < 2:
        pytest.skip("a book with one chapter has no other chapter to link")
    others = [name for name in CHAPTERS if name != chapter]
    targets = {
        label for name in others for label in SECTION_LABEL.findall(CHAPTERS[name].read_text())
    } | {c.label for name in others for c in chapter_claims[name]}
    text = CHAPTERS[chapter].read_text()
    assert set(SECTION_REF.findall(text)) & targets or set(CLAIM_REF.findall(text)) & targets


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_key_takeaways_refer_to_claims(chapter: str, all_claims: dict[str, Claim]) -> None:
    """Every bullet of the box points to the claims it sums up."""
    bullets = takeaway_bullets(CHAPTERS[chapter])
    assert bullets
    for bullet in bullets:
        refs = CLAIM_REF.findall(bullet)
        assert refs, f"{chapter}: key takeaway without a claim reference: {bullet[:60]}"
        assert set(refs) <= set(all_claims), bullet


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_key_takeaways_name_whose_view_they_sum_up(
    chapter: str, all_claims: dict[str, Claim]
) -> None:
    """A takeaway that sums up an opinion says whose it is ("Korybko argues …").

    A pronoun ("he argues") counts only once an earlier bullet of the box has named the holder.
    """
    named_before: set[str] = set()
    for bullet in takeaway_bullets(CHAPTERS[chapter]):
        prose = CLAIM_REF.sub("", bullet)
        names = {w for w in re.findall(r"[A-Z][\w'-]+", prose)}
        if re.search(r"\bauthor\b", prose):
            names.add("author")
        pronoun = re.search(r"\b(he|she|they|his|her|their)\b", prose, re.IGNORECASE)
        for label in CLAIM_REF.findall(bullet):
            claim = all_claims.get(label)
            if claim is None or claim.kind not in OPINION_KINDS:
                continue
            holders = claim.holders | {"author"}
            named = holders & names or (pronoun and holders & named_before)
            assert named, f"{chapter}: takeaway states {label} without its holder: {bullet[:60]}"
        named_before |= names


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


def original_script_words(path: Path) -> set[str]:
    """Words the chapter writes with letters beyond ASCII (Urdu, Cyrillic, Chinese, pinyin …)."""
    text = "\n".join(
        line for line in path.read_text().splitlines() if not line.lstrip().startswith("%")
    )
    return {
        word for word in re.findall(r"\w+", text)
        if not word.isascii() and any(not ch.isascii() and ch.isalpha() for ch in word)
    }


def _page(built: BuildResult, chapter: str) -> BeautifulSoup:
    assert built.returncode == 0, built.stderr
    return BeautifulSoup((built.outdir / f"{chapter}.html").read_text(), "html.parser")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_original_scripts_survive_the_build(chapter: str, built_handbook: BuildResult) -> None:
    text = _page(built_handbook, chapter).get_text()
    missing = sorted(w for w in original_script_words(CHAPTERS[chapter]) if w not in text)
    assert not missing


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_claim_is_rendered(
    chapter: str, built_handbook: BuildResult, chapter_claims: dict[str, list[Claim]]
) -> None:
    soup = _page(built_handbook, chapter)
    for claim in chapter_claims[chapter]:
        assert soup.find(id=f"claim-{claim.label}") is not None, claim.label


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_glossary_terms_link_from_the_chapters(
    chapter: str, built_handbook: BuildResult
) -> None:
    soup = _page(built_handbook, chapter)
    terms = [a for a in soup.select("a.reference") if "glossary.html#term-" in a["href"]]
    assert terms, chapter


def test_unverified_fields_are_marked_in_the_bibliography(
    built_handbook: BuildResult, library: bibtexparser.Library
) -> None:
    """What the entry lists as unverified, the reader sees marked ("[title not verified]")."""
    items = [
        " ".join(item.get_text(" ").split())
        for item in _page(built_handbook, "docs/bibliography").select("div.citation")
    ]
    assert items
    for entry in library.entries:
        if not _field(entry, "unverified"):
            continue
        start = re.split(r"[`'\"\\]", _field(entry, "title").replace("{", "").replace("}", ""))[0]
        (item,) = [text for text in items if start.strip() in text]
        assert re.search(r"\[[^]]* not verified\]", item), entry.key


def test_claims_json_agrees_with_the_sources(
    built_handbook: BuildResult, chapter_claims: dict[str, list[Claim]]
) -> None:
    """The build registers every claim of each chapter, with its kind and its sources."""
    built = json.loads((built_handbook.outdir / "claims.json").read_text())
    for chapter, claims in chapter_claims.items():
        registered = [c for c in built if c["docname"] == chapter]
        assert len(registered) == len(claims) > 0
        by_label = {c["label"]: c for c in registered}
        for claim in claims:
            entry = by_label[claim.label]
            assert entry["kind"] == claim.kind
            assert entry["certainty"] == claim.certainty
            assert set(entry["sources"]) == set(claim.cited_keys)
