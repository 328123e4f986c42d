"""Results of pure, repeated build work kept in the user's cache folder, by content.

Every HTML build of the site cuts the theme's icon font from the same theme stylesheet and font
(:mod:`handbook.icon_font`): about a second of parsing and subsetting that gives the same bytes
each time. :func:`remembered` keeps such a result under a SHA-256 of everything it depends on
(the inputs and the source of the module that computes it), so a changed input or changed code
is a new entry and an entry is never stale. The folder is ``$XDG_CACHE_HOME/sphinx-handbook``
(``~/.cache/sphinx-handbook`` by default); deleting it loses nothing. A folder that cannot be
read or written only means the work is done again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

#: The environment variable that names another folder (tests point it at a temporary one).
FOLDER_VARIABLE = "SPHINX_HANDBOOK_CACHE"


def folder() -> Path:
    """Where entries are kept."""
    named = os.environ.get(FOLDER_VARIABLE)
    if named:
        return Path(named)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "sphinx-handbook"


def key_of(parts: Iterable[bytes]) -> str:
    """The SHA-256 of *parts*, each length-prefixed (so no two sequences share a key)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def remembered(
    kind: str, parts: Iterable[bytes], compute: Callable[[], bytes],
    valid: Callable[[bytes], bool] = lambda data: True,
) -> bytes:
    """``compute()``, or the bytes it gave before for the same *kind* and *parts*.

    An entry that *valid* rejects (or cannot be read) is computed and written again; entries are
    written whole (a temporary file renamed), so parallel builds never read half of one.
    """
    path = folder() / f"{kind}-{key_of(parts)}"
    try:
        data = path.read_bytes()
    except OSError:
        pass
    else:
        if valid(data):
            return data
    data = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError:
        pass
    return data
