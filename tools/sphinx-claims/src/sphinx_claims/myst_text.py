"""What the MyST parser leaves as plain text, read the same way by the build and the linter."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from sphinx_claims import checks

if TYPE_CHECKING:
    from markdown_it.token import Token


def unclosed_roles(content: str, children: Iterable[Token]) -> Iterator[tuple[int, checks.Problem]]:
    """``(offset, CIT005)`` for each citation role left open in an inline token's *content*.

    *children* are the tokens markdown-it's inline tokenizer made of *content* (before the
    post-processing that joins text, so an escaped ``\\{`` stays apart); only ``text`` tokens
    are read, so code spans and closed roles are not. A token's ``meta["offset"]``, when the
    tokenizer recorded it, is where it starts in *content*.
    """
    cursor = 0
    for child in children:
        offset = child.meta.get("offset") if child.meta else None
        if isinstance(offset, int):
            cursor = max(cursor, offset)
        if child.type != "text":
            continue
        at = content.find(child.content, cursor)
        if at < 0:
            continue
        cursor = at + len(child.content)
        for where, role in checks.opened_roles(child.content):
            yield at + where, checks.unclosed_role(role, content[at + where :])
