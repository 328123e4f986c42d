"""The edition: one record from ``docs/conf.py``'s ``release`` for every place that names it.

The PDF's title page and colophon, the EPUB's metadata, the site's "How to cite" page (through
MyST substitutions) and the tests that compare ``CITATION.cff`` with it all read an
:class:`Edition`, so the version and the citation text cannot disagree.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from babel.dates import format_date

from sphinx_claims.writers.heading import curly

#: The licences, as the colophon and ``CITATION.cff`` state them.
TEXT_LICENCE = "CC BY 4.0"
TEXT_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
CODE_LICENCE = "MIT"


@dataclass(frozen=True)
class Edition:
    """What identifies this edition of the handbook."""

    title: str
    subtitle: str
    author: str
    release: str
    url: str
    #: The build time (``SOURCE_DATE_EPOCH`` when set), UTC.
    built: time.struct_time
    #: The edition's language (a translation's edition: :meth:`translated`).
    language: str = "en"
    #: How the edition names its version (``{release}``: ``release``).
    label_format: str = "Version {release}"
    #: How a citation gives the access date (``{date}``).
    accessed_format: str = "Accessed {date}"

    def translated(self, language: str, gettext: Callable[[str], str]) -> Edition:
        """The same edition in *language*: subtitle and label through *gettext* (the title
        and the author are names, and stay: a citation names the same work and authors)."""
        return replace(
            self,
            subtitle=gettext(self.subtitle),
            language=language,
            label_format=gettext(self.label_format),
            accessed_format=gettext(self.accessed_format),
        )

    @property
    def full_title(self) -> str:
        """``"Title — subtitle"``."""
        return f"{self.title} — {self.subtitle}"

    @property
    def year(self) -> int:
        return self.built.tm_year

    @property
    def build_date(self) -> str:
        """``"1 December 2026"`` (``"1 december 2026"`` in Dutch)."""
        day = date(self.built.tm_year, self.built.tm_mon, self.built.tm_mday)
        return format_date(day, "d MMMM y", locale=self.language)

    @property
    def label(self) -> str:
        """``"Version 0.1"``: what the title page and the citation call the edition."""
        return self.label_format.format(release=self.release)

    @property
    def citation(self) -> str:
        """The recommended citation, as plain text, in the Chicago author-date style:
        ``Author. Year. Title. Version V. URL.``"""
        return f"{self.author}. {self.year}. {self.full_title}. {self.label}. {self.url}."

    @property
    def citation_markdown(self) -> str:
        """The citation with the title in italics (MyST); the URL as plain text to copy (the
        site's theme would shorten a link to a GitHub address to "owner/name")."""
        return f"{self.author}. {self.year}. *{self.full_title}*. {self.label}. {self.url}."

    @property
    def bibtex(self) -> str:
        """A biblatex ``@book`` entry, as a fenced block."""
        return "\n".join([
            "```bibtex",
            "@book{russiaasiahandbook,",
            f"  author   = {{{{{self.author}}}}},",
            f"  title    = {{{self.title}}},",
            f"  subtitle = {{{self.subtitle}}},",
            f"  version  = {{{self.release}}},",
            f"  year     = {{{self.year}}},",
            f"  url      = {{{self.url}}},",
            "}",
            "```",
        ])

    def page_citation(self, page: str, url: str, accessed: str) -> str:
        """A page of the site, in the Chicago author-date style, as plain text:
        ``Author. Year. “Page.” In Title — subtitle. Version V. URL. Accessed date.``"""
        return (f"{curly(self.author)}. {self.year}. \u201c{page}.\u201d In {self.full_title}. "
                f"{self.label}. {url}. {self.accessed_format.format(date=accessed)}.")

    def page_bibtex(self, key: str, page: str, url: str, accessed: str) -> str:
        """A biblatex ``@inbook`` entry for a page of the site (*accessed*: ``YYYY-MM-DD``)."""
        return "\n".join([
            f"@inbook{{{key},",
            f"  author       = {{{{{curly(self.author)}}}}},",
            f"  title        = {{{page}}},",
            f"  booktitle    = {{{self.title}}},",
            f"  booksubtitle = {{{self.subtitle}}},",
            f"  version      = {{{self.release}}},",
            f"  year         = {{{self.year}}},",
            f"  url          = {{{url}}},",
            f"  urldate      = {{{accessed}}},",
            "}",
        ])

    def substitutions(self) -> dict[str, str]:
        """MyST substitutions for the book's pages (``{{ handbook_citation }}`` …)."""
        return {
            "handbook_release": self.release,
            "handbook_year": str(self.year),
            "handbook_url": self.url,
            "handbook_citation": self.citation_markdown,
            "handbook_bibtex": self.bibtex,
        }
