"""The handbook's own words in the build's language: catalog ``handbook`` (``locale/``).

The page templates (``docs/_templates``) say them through ``handbook_gettext`` (their script's
words ride on data attributes), and a translated build's edition — the "How to cite"
substitutions, the PDF's title page and colophon, the EPUB's description — is
:meth:`handbook.edition.Edition.translated`. The ``.po`` and the ``.mo`` compiled from it ship
side by side (``make catalogs``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

CATALOG = "handbook"
LOCALE_DIR = Path(__file__).parent / "locale"

_ = get_translation(CATALOG)


def gettext(message: str) -> str:
    """*message* in the build's language, as a plain string."""
    return str(_(message))


def translate_edition(app: Sphinx, config: Config) -> None:
    """``config-inited``: in a translated build, the edition and what conf.py derived from it."""
    edition = getattr(config, "handbook_edition", None)
    language = config.language or "en"
    if edition is None or language == edition.language:
        return
    english = edition
    edition = edition.translated(language, gettext)
    config.handbook_edition = edition
    config.myst_substitutions = {**config.myst_substitutions, **edition.substitutions()}
    if config.epub_description == f"{english.subtitle}. {english.label}.":
        config.epub_description = f"{edition.subtitle}. {edition.label}."


def add_gettext(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: ``handbook_gettext`` for the templates."""
    context["handbook_gettext"] = gettext


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
    app.connect("config-inited", translate_edition, priority=100)  # before latex_edition
    app.connect("html-page-context", add_gettext)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
