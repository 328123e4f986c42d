"""The extension's own words in the build's language, through ``sphinx.locale``.

The catalog ``sphinx-claims`` ships in the package (``locale/<lang>/LC_MESSAGES/``, the ``.po``
and the ``.mo`` compiled from it, ``make catalogs``), as Sphinx extensions ship theirs.
Option values (``fact``, ``probable`` …) stay as written in the sources, in class names and data;
only what a reader sees goes through :func:`value_name`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation

if TYPE_CHECKING:
    from sphinx.application import Sphinx

CATALOG = "sphinx-claims"
LOCALE_DIR = Path(__file__).parent.parent / "locale"

_ = get_translation(CATALOG)

#: What a reader sees of each option value (kinds, certainties).
VALUE_NAMES = {
    "fact": _("fact"),
    "interpretation": _("interpretation"),
    "assessment": _("assessment"),
    "quotation": _("quotation"),
    "confirmed": _("confirmed"),
    "probable": _("probable"),
    "unverified": _("unverified"),
    "disputed": _("disputed"),
}


def value_name(value: str) -> str:
    """An option value as the reader's language says it (``"probable"`` → ``"waarschijnlijk"``)."""
    name = VALUE_NAMES.get(value)
    return str(name) if name is not None else value


def either(values: tuple[str, ...]) -> str:
    """``"a, b or c"`` in the build's language."""
    names = [value_name(value) for value in values]
    if len(names) < 2:
        return "".join(names)
    return _("{items} or {last}").format(items=", ".join(names[:-1]), last=names[-1])


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
