"""The TRN checks: a claim's translation in a gettext catalog, message by message.

Shared by the linter and the build (neither side's machinery is imported here). A claim is
known by its label and its *messages*: the msgids Sphinx's gettext builder makes of it (its
title, then each paragraph of its body, as the source text with line breaks turned into
spaces). :func:`check_catalog` reads one ``.po`` file (parsed by polib) against the claims
of its document and returns the findings at the entries' lines, and the document's coverage.

Role targets are read from the MyST parse of msgid and msgstr (markdown-it with myst-parser's
rules, passed in as *md*): citation keys through sphinxcontrib-bibtex's own target grammar,
``{claim:ref}`` labels and ``{term}`` targets (``text <target>`` or the text).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_claims import model
from sphinx_claims.citation_target import role_keys
from sphinx_claims.findings import Finding, make

if TYPE_CHECKING:
    import polib
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

#: A role's ``text <target>`` form (as in the readers).
_ROLE_TITLE = re.compile(r"^(.*?)\s*<([^<>]*)>$", re.DOTALL)
#: What a role the parser did not recognise leaves in the text: a ``{name}`` prefix.
_ROLE_NAME = re.compile(r"\{[A-Za-z][\w:.+-]*\}")
#: How close an obsolete msgid must be to a current one to count as its earlier version.
STALE_SIMILARITY = 0.6
#: Readable names of the references compared by TRN003.
_KINDS = {"cite": "citation key", "ref": "claim reference", "term": "term reference"}


@dataclass(frozen=True, slots=True)
class ClaimText:
    """A claim as gettext sees it: its label and its msgids (title first, then the body)."""

    label: str
    messages: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of one document's claims one catalog translates."""

    path: str
    language: str
    document: str
    claims: int
    claims_done: int
    messages: int
    messages_done: int

    @property
    def fields(self) -> dict[str, object]:
        return {"language": self.language, "document": self.document, "claims": self.claims,
                "claims_done": self.claims_done, "messages": self.messages,
                "messages_done": self.messages_done}


def message_of(text: str) -> str:
    """A source paragraph's msgid, as Sphinx extracts it (line breaks become spaces)."""
    return text.replace("\n", " ").strip()


def catalog_domain(docname: str, compact: bool | str) -> str:
    """The catalog a document's messages go to (Sphinx's ``gettext_compact`` rule)."""
    if isinstance(compact, str):
        return compact
    return docname.split("/", 1)[0] if compact else docname


def _inline(md: MarkdownIt, text: str) -> Iterator[Token]:
    """Every inline token of *text* parsed as MyST, depth first."""
    pending = list(md.parse(text, {}))
    while pending:
        token = pending.pop(0)
        if token.children:
            pending[:0] = token.children
        yield token


def references(md: MarkdownIt, text: str) -> Counter[tuple[str, str]]:
    """The citation keys, claim references and term targets of *text*, with their counts."""
    found: Counter[tuple[str, str]] = Counter()
    for token in _inline(md, text):
        if token.type != "myst_role":
            continue
        name, content = token.meta.get("name", ""), token.content
        if name in model.CITATION_ROLES:
            try:
                found.update(("cite", key) for key in role_keys(name, content))
            except ValueError:
                found[("cite", content.strip())] += 1
        elif name in ("claim:ref", "term"):
            match = _ROLE_TITLE.match(content)
            target = (match.group(2) if match else content).strip()
            found[("ref" if name == "claim:ref" else "term",
                   target.lower() if name == "term" else target)] += 1
    return found


def markup(md: MarkdownIt, text: str) -> tuple[Counter[str], int]:
    """*text*'s inline structure (roles by name, code, links) and the markup characters its
    parse left as plain text (backticks, ``{role}`` names, ``](``): what a broken role leaves."""
    structure: Counter[str] = Counter()
    residue = 0
    for token in _inline(md, text):
        if token.type == "myst_role":
            structure[f"{{{token.meta.get('name', '')}}}"] += 1
        elif token.type in ("code_inline", "link_open", "math_inline"):
            structure[token.type] += 1
        elif token.type == "text":
            content = token.content
            residue += content.count("`") + content.count("](")
            residue += len(_ROLE_NAME.findall(content))
    return structure, residue


def broken_markup(md: MarkdownIt, msgid: str, msgstr: str) -> str | None:
    """What MyST markup *msgstr* breaks that *msgid* has, or ``None``.

    Broken: the parse of *msgstr* leaves more markup as plain text than *msgid*'s does, or a
    role of *msgid* is gone and code appeared in its place (``{cite:p`a``` reads as code)."""
    original, original_residue = markup(md, msgid)
    translated, residue = markup(md, msgstr)
    lost = Counter({k: n for k, n in (original - translated).items() if k.startswith("{")})
    code = translated["code_inline"] > original["code_inline"]
    if residue <= original_residue and not (lost and code):
        return None
    if lost:
        names = ", ".join(sorted(lost))
        return f"{names} no longer parses (an unclosed backtick or broken role syntax)"
    return "it leaves role or code markup unparsed (an unclosed backtick or broken role syntax)"


def changed_references(md: MarkdownIt, msgid: str, msgstr: str) -> str | None:
    """How the references of *msgstr* differ from those of *msgid*, or ``None``."""
    original, translated = references(md, msgid), references(md, msgstr)
    if original == translated:
        return None
    dropped, added = original - translated, translated - original
    parts = []
    for kind in ("cite", "ref", "term"):
        gone = sorted(target for (k, target) in dropped.elements() if k == kind)
        new = sorted(target for (k, target) in added.elements() if k == kind)
        what = _KINDS[kind]
        if gone and new:
            parts.append(f"has {what} {_names(new)} where the original has {_names(gone)}")
        elif gone:
            parts.append(f"drops {what} {_names(gone)}")
        elif new:
            parts.append(f"adds {what} {_names(new)}")
    return "; ".join(parts)


def _names(items: list[str]) -> str:
    return ", ".join(f"'{item}'" for item in items)


def _translated(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr.strip()) and "fuzzy" not in entry.flags


def _earlier_version(
    entry: polib.POEntry, obsolete: dict[str, polib.POEntry]
) -> polib.POEntry | None:
    """The obsolete translated entry whose msgid is an earlier version of *entry*'s."""
    close = difflib.get_close_matches(entry.msgid, list(obsolete), n=1, cutoff=STALE_SIMILARITY)
    return obsolete[close[0]] if close else None


@dataclass
class _Catalog:
    """One catalog as the checks read it, and the counts for its coverage line."""

    path: str
    language: str
    entries: dict[str, polib.POEntry]
    obsolete: dict[str, polib.POEntry]
    md: MarkdownIt
    claims: int = 0
    claims_done: int = 0
    messages: int = 0
    messages_done: int = 0

    def finding(self, code: str, claim: ClaimText, line: int, **fields: object) -> Finding:
        return make(code, self.path, line, 1, subject=claim.label, label=claim.label, **fields)

    def check(self, claim: ClaimText) -> Iterator[Finding]:
        """The findings of one claim; its messages counted."""
        present = sorted((self.entries[m] for m in dict.fromkeys(claim.messages)
                          if m in self.entries), key=lambda entry: entry.linenum)
        self.claims += 1
        if not present:
            yield self.finding("TRN001", claim, 1, language=self.language,
                               detail="its messages are not in the catalog: update it")
            return
        finished = [e for e in present if _translated(e)]
        self.messages += len(present)
        self.messages_done += len(finished)
        self.claims_done += len(finished) == len(present)
        stale = [(e, "marked fuzzy") for e in present if "fuzzy" in e.flags]
        missing = []
        for entry in present:
            if entry.msgstr.strip() or "fuzzy" in entry.flags:
                continue
            earlier = _earlier_version(entry, self.obsolete)
            if earlier is None:
                missing.append(entry)
            else:
                stale.append((entry, f"its earlier translation is obsolete "
                                     f"(line {earlier.linenum})"))
        if stale:
            entry, why = min(stale, key=lambda item: item[0].linenum)
            yield self.finding("TRN002", claim, entry.linenum, detail=why)
        if missing:
            yield self.finding("TRN001", claim, missing[0].linenum, language=self.language,
                               detail=f"{len(missing)} of {len(present)} messages untranslated")
        for entry in finished:
            broken = broken_markup(self.md, entry.msgid, entry.msgstr)
            changed = None if broken else changed_references(self.md, entry.msgid, entry.msgstr)
            if broken:  # a broken role hides its target: TRN003 would guess
                yield self.finding("TRN004", claim, entry.linenum, detail=broken)
            elif changed:
                yield self.finding("TRN003", claim, entry.linenum, detail=changed)


def check_catalog(
    path: str, language: str, document: str, catalog: polib.POFile,
    claims: Sequence[ClaimText], md: MarkdownIt,
) -> tuple[list[Finding], Coverage]:
    """The TRN findings of *document*'s *claims* in *catalog* (shown as *path*), and its
    coverage. Claims without known messages (a reader that does not extract them) are left out."""
    state = _Catalog(
        path, language,
        {e.msgid: e for e in catalog if not e.obsolete and e.msgid},
        {e.msgid: e for e in catalog if e.obsolete and e.msgid and e.msgstr.strip()},
        md,
    )
    findings = [f for claim in claims if claim.messages for f in state.check(claim)]
    coverage = Coverage(path, language, document, state.claims, state.claims_done,
                        state.messages, state.messages_done)
    return findings, coverage


def read_catalog(file: Path, shown: str) -> tuple[polib.POFile | None, str | None]:
    """The catalog at *file* (polib), or the one-line error to report as ``shown:line: …``."""
    import polib

    try:
        return polib.pofile(str(file), wrapwidth=0), None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        text = str(error)
        line = re.search(r"\(line (\d+)\)", text)
        where = f"{shown}:{line.group(1)}" if line else shown
        what = "syntax error" if "Syntax error" in text else text.replace(str(file), shown)
        return None, f"{where}: cannot read the catalog: {what}"


def coverage_finding(coverage: Coverage) -> Finding:
    """TRN005: the coverage line of one document's catalog."""
    return make("TRN005", coverage.path, 1, 1, subject=coverage.document, **coverage.fields)
