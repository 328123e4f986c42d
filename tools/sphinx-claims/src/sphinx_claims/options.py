"""The extension's config values: one table that ``setup`` registers and the docs render.

Each row is a ``conf.py`` value: its name, default, what a change rebuilds (Sphinx's
``rebuild``), the types it accepts and what it does. Everything the extension adds to a page
beyond the claims themselves is switched here, so a book without claims is left as it was
(the defaults keep pages without claims unchanged). ``docs/adopting.md`` renders the table with
the ``sphinx-claims-options`` directive, so the reference cannot drift from the code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Values of ``claims_chapter_sources``.
SOURCES_ALL, SOURCES_CLAIMS, SOURCES_NONE = "all", "claims", "none"


@dataclass(frozen=True)
class ConfigOption:
    """One ``conf.py`` value of the extension."""

    name: str
    default: object
    rebuild: str
    types: frozenset[type]
    doc: str
    #: The only values accepted (Sphinx warns about any other), when a closed set.
    choices: tuple[str, ...] = ()

    @property
    def shown_default(self) -> str:
        """The default as written in ``conf.py``."""
        return repr(self.default)


OPTIONS: tuple[ConfigOption, ...] = (
    ConfigOption(
        "claims_citations_outside_claims", True, "env", frozenset({bool}),
        "Whether the build reports rule CIT002 (a citation outside every claim). The linter "
        "reads its own `ignore` setting.",
    ),
    ConfigOption(
        "claims_chapter_sources", SOURCES_CLAIMS, "env", frozenset({str}),
        "Which documents get a \"Sources cited in this chapter\" list at their end: "
        f"`{SOURCES_CLAIMS!r}` (those that hold a claim and cite), `{SOURCES_ALL!r}` (every "
        f"document that cites) or `{SOURCES_NONE!r}`. A document with its own "
        "`{bibliography}` never gets one.",
        choices=(SOURCES_CLAIMS, SOURCES_ALL, SOURCES_NONE),
    ),
    ConfigOption(
        "claims_legend", True, "html", frozenset({bool}),
        "Whether the first claim of an HTML page is preceded by a one-line legend of the "
        "claim badges (pages without claims never get one).",
    ),
    ConfigOption(
        "claims_how_to_read", "", "html", frozenset({str}),
        "A document (with an optional `#anchor`) that the legend links to, explaining the "
        "badges; empty for no link.",
    ),
    ConfigOption(
        "claims_year_letters", None, "env", frozenset({bool, type(None)}),
        "Whether works that share an author and a year get letters (2021a, 2021b), written "
        "into their `year` field, so every bibliography and citation shows them. `None`: only "
        "when the book cites author-year (`bibtex_reference_style` is an author-year style "
        "or `bibtex_default_style` is `sphinx-claims-author-year`), since a numbered style "
        "such as `unsrt` does not ask for them.",
    ),
    ConfigOption(
        "claims_register_one_citation", False, "env", frozenset({bool}),
        "Whether a register row cites each of its claim's sources once, in one parenthesis "
        "as an author-date text does (`(A 2025; B 2025)`), instead of one citation per source.",
    ),
    ConfigOption(
        "claims_editions_dir", None, "env", frozenset({str, type(None)}),
        "The folder of recorded editions (`<version>/claims.json`, `edition.toml`) and the "
        "editors' `changes.toml`, relative to the configuration directory. `None`: no "
        "editions, no changelog, no badges and no EDN rules.",
    ),
    ConfigOption(
        "claims_changes_page", None, "env", frozenset({str, type(None)}),
        "The document holding the `{claims-changes}` changelog, which the badges on new and "
        "changed claims link to; `None` for no badges.",
    ),
    ConfigOption(
        "claims_source_language", "en", "env", frozenset({str}),
        "The language the sources are written in. A build whose `language` differs is a "
        "translation: claims show their translated title and text, an untranslated claim is "
        "marked, and the records carry `in_language`, `translated` and `original_url`.",
    ),
    ConfigOption(
        "claims_original_root", "", "html", frozenset({str}),
        "In a translated build, the original-language site's root relative to this build's "
        "root (for example `\"../\"`); a record's `original_url` is its `url` under it.",
    ),
    ConfigOption(
        "claims_speedups", True, "", frozenset({bool}),
        "Behaviour-preserving speed-ups for citation-heavy builds (memoised pybtex plugin "
        "look-ups and LaTeX decoding, cached bibliography formatting, the loaded environment "
        "kept out of the garbage collector's scans). `False` builds with the libraries' stock "
        "code paths.",
    ),
)

BY_NAME: dict[str, ConfigOption] = {option.name: option for option in OPTIONS}


def register(app: Sphinx, *names: str) -> None:
    """Register the config values *names* (all of the table when none), each once."""
    from sphinx.config import ENUM

    for option in (BY_NAME[name] for name in names) if names else OPTIONS:
        if option.name not in app.config:
            types = ENUM(*option.choices) if option.choices else option.types
            app.add_config_value(option.name, option.default, option.rebuild, types=types)
