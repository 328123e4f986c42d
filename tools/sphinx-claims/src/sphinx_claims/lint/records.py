"""What the linter's readers find in a source, and how a source is read (the bottom layer).

A reader (:mod:`.readers.myst`, :mod:`.readers.rst`, :mod:`.readers.notebook`) turns one document
into a :class:`DocumentScan`: its claims, citations, ``{claim:ref}`` references, toctrees,
comment lines (suppressions) and findings. The records pickle compactly (the cache stores them).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from sphinx_claims.findings import Finding

#: The claim cross-reference role (checked by CLM008).
CLAIM_REF_ROLE = "claim:ref"
#: A role's ``text <target>`` form.
ROLE_TITLE = re.compile(r"^(.*?)\s*<([^<>]*)>$", re.DOTALL)


class _Compact:
    """Pickle as ``Class(*fields)``: much faster to load than slotted dataclasses' state."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return type(self), tuple(getattr(self, name) for name in self.__dataclass_fields__)  # type: ignore[attr-defined]


@dataclass(slots=True)
class Claim(_Compact):
    """A ``{claim}`` directive as written in the source."""

    path: str
    line: int
    column: int
    title: str
    options: dict[str, str]
    parent: int | None
    empty: bool
    citations: int = 0
    keys: list[str] = field(default_factory=list)
    text: str = ""
    document: str = ""  # the document it belongs to (differs from path inside an {include})
    messages: list[str] = field(default_factory=list)  # its gettext msgids: title, then body

    @property
    def label(self) -> str:
        return (self.options.get("label") or "").strip()


@dataclass(slots=True)
class Citation(_Compact):
    """One citation role: its keys (``None`` when the target is malformed) and its claim."""

    path: str
    line: int
    column: int
    role: str
    target: str
    keys: tuple[str, ...] | None
    claim: int | None
    block: int = 0  # first line of the text block holding it: where findings are reported

    @property
    def at(self) -> tuple[int, int]:
        """Where a finding about it is reported: the block's first line (as Sphinx does)."""
        return at_block(self.line, self.column, self.block)


@dataclass(slots=True)
class Reference(_Compact):
    """A ``{claim:ref}`` cross-reference to a claim label."""

    path: str
    line: int
    column: int
    label: str
    block: int = 0

    @property
    def at(self) -> tuple[int, int]:
        return at_block(self.line, self.column, self.block)


def at_block(line: int, column: int, block: int) -> tuple[int, int]:
    """``(line, column)`` of a role's finding: the text block's first line (Sphinx knows no
    other), with the role's column when it starts on that line, else 1."""
    if not block or block == line:
        return line, column
    return block, 1


@dataclass(slots=True)
class Comment(_Compact):
    """One line of a MyST ``%`` comment (suppressions live in these)."""

    path: str
    line: int
    column: int
    text: str


@dataclass(slots=True)
class Toctree:
    """A ``{toctree}``: its entries as written, numbering depth (0: not numbered), glob flag."""

    entries: list[str]
    numbered: int
    glob: bool


@dataclass(slots=True)
class DocumentScan:
    """Everything the linter needs from one document (and the files it includes)."""

    path: str
    file: Path | None = None
    claims: list[Claim] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    toctrees: list[Toctree] = field(default_factory=list)
    headings: list[int] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)
    inputs: dict[str, str] = field(default_factory=dict)  # every file read: path -> digest
    orphan: bool = False  # ``orphan`` in the front matter (or reST's ``:orphan:``)


def read_text(path: Path, inputs: dict[str, str] | None = None) -> str:
    """The file's text; ``OSError``/``UnicodeDecodeError`` propagate for the caller to report.

    With *inputs*, the file's content digest is recorded there (for the cache).
    """
    data = path.read_bytes()
    if inputs is not None:
        inputs[str(path.resolve())] = digest(data)
    return data.decode("utf-8")


def digest(data: bytes) -> str:
    """A content digest (for the cache)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def decode_error(path: str, error: Exception) -> str:
    """A one-line message for a file that cannot be read."""
    if isinstance(error, UnicodeDecodeError):
        data = error.object[: error.start]
        line = data.count(b"\n") + 1
        return f"{path}:{line}: not valid UTF-8 (byte 0x{error.object[error.start]:02x})"
    return f"{path}: cannot read: {getattr(error, 'strerror', None) or error}"


def credit_claims(scan: DocumentScan, claim: int | None, keys: tuple[str, ...] | None) -> None:
    """Count a citation for the claim it sits in and every claim around that one."""
    index = claim
    while index is not None:
        owner = scan.claims[index]
        owner.citations += 1
        if keys:
            owner.keys.extend(k for k in keys if k not in owner.keys)
        index = owner.parent


def lines_of(text: str) -> list[str]:
    """The lines of normalised text as markdown-it counts them (at least one)."""
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines
