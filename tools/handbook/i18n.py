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
from sphinx.util.texescape import escape

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
    if config.html_title == f"{config.project} — {english.subtitle}":
        config.html_title = f"{config.project} — {edition.subtitle}"
    if config.epub_description == f"{english.subtitle}. {english.label}.":
        config.epub_description = f"{edition.subtitle}. {edition.label}."
    print_in_language(config, language)


#: The print book's fixed sentences (``docs/_latex/handbook.sty``): macro, arguments, English.
LATEX_WORDS: tuple[tuple[str, int, str], ...] = (
    ("handbookcolophonname", 0, "Colophon"),
    ("handbookbuilt", 2,
     "#1. Built on #2 from the handbook’s sources (Sphinx and LuaLaTeX, Noto fonts)."),
    ("handbooklicences", 3,
     "The text is published under the Creative Commons Attribution 4.0 International licence "
     "(#1), #2; the code that builds it under the #3 licence."),
    ("handbookhowtocitename", 0, "How to cite."),
    ("handbookciteaclaim", 0,
     "Cite a single claim by its number and its label, which each claim box prints: numbers "
     "can change between editions, labels do not."),
    ("handbookprefacename", 0, "About this handbook"),
    ("handbookcontentsname", 0, "Contents"),
)


def latex_words() -> str:
    """``\\renewcommand`` of each fixed sentence, in the build's language (LaTeX-escaped but
    for the ``#n`` arguments)."""
    lines = []
    for macro, arguments, english in LATEX_WORDS:
        text = escape(gettext(english), "lualatex").replace(r"\#", "#")
        count = f"[{arguments}]" if arguments else ""
        lines.append(rf"\renewcommand\{macro}{count}{{{text}}}")
    return "\n".join(lines) + "\n"


#: The babel language and the PDF's language tag of each translation.
BABEL = {"nl": ("dutch", "nl-NL")}


def print_in_language(config: Config, language: str) -> None:
    """A translated build's PDF and EPUB: their own file names (``…-nl``), the language's
    hyphenation (babel) and the PDF's language tag."""
    if config.latex_documents:
        first = list(config.latex_documents[0])
        stem = str(first[1]).removesuffix(".tex")
        if not stem.endswith(f"-{language}"):
            first[1] = f"{stem}-{language}.tex"
            config.latex_documents = [tuple(first), *config.latex_documents[1:]]
    basename = config.epub_basename
    if basename and not basename.endswith(f"-{language}"):
        translated = f"{basename}-{language}"
        if config.epub_identifier.startswith(basename):
            config.epub_identifier = config.epub_identifier.replace(basename, translated, 1)
        if config.epub_uid.startswith(basename):
            config.epub_uid = config.epub_uid.replace(basename, translated, 1)
        config.epub_basename = translated
    babel, tag = BABEL.get(language, (language, language))
    elements = dict(config.latex_elements)
    if "babel" in elements:
        # English stays loaded for the quotations the book keeps in English.
        elements["babel"] = rf"\usepackage[english,main={babel}]{{babel}}"
    if "passoptionstopackages" in elements:
        elements["passoptionstopackages"] = elements["passoptionstopackages"].replace(
            "pdflang=en-GB", f"pdflang={tag}")
    elements["preamble"] = elements.get("preamble", "") + latex_words()
    config.latex_elements = elements


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
