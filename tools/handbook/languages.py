"""The site in several languages: where each one lives, the switcher, ``hreflang`` alternates.

``handbook_languages`` (default ``{"en": ""}``, set in ``docs/conf.py``)
    Every language of the site, in order, with its folder relative to the site root (``""``:
    the root; ``"nl/"``). The first is the original (``x-default``). ``make html`` builds each
    one with ``-D language=…`` into its folder. Every page then links to the same page in the
    other languages: ``<link rel="alternate" hreflang>`` in the head, and the header's switcher
    (``docs/_templates/language-switcher.html``; the site script carries a claim's ``#claim-…``
    over, so a permalink lands on the same claim).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Each language's name in itself, as the switcher shows it.
NAMES = {"en": "English", "nl": "Nederlands"}


@dataclass(frozen=True)
class Alternate:
    """The same page in another language of the site."""

    language: str
    name: str
    url: str
    current: bool


def current_language(config: Config) -> str:
    return config.language or "en"


def alternates(config: Config, target: str, content_root: str) -> list[Alternate]:
    """The page in every language, as links from the page (*target*: the page's address under
    its language's root; *content_root*: the way from the page to that root)."""
    languages: dict[str, str] = config.handbook_languages
    here = current_language(config)
    if here not in languages:
        return []
    up = "../" * languages[here].count("/")  # from this language's root to the site's
    result = []
    for language, folder in languages.items():
        prefix = "" if language == here else up + folder
        url = posixpath.normpath(content_root + prefix + target)
        result.append(Alternate(language, NAMES.get(language, language), url, language == here))
    return result


def add_alternates(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: ``handbook_alternates`` for the switcher, ``hreflang`` links."""
    config = app.config
    if len(config.handbook_languages) < 2 or app.builder.name.startswith("epub"):
        return
    found = alternates(config, app.builder.get_target_uri(pagename),
                       context.get("content_root") or "")
    if not found:
        return
    first = next(iter(config.handbook_languages))
    links = [f'<link rel="alternate" hreflang="{a.language}" href="{a.url}">' for a in found]
    links += [f'<link rel="alternate" hreflang="x-default" href="{a.url}">'
              for a in found if a.language == first]
    context["handbook_alternates"] = found
    context["metatags"] = context.get("metatags", "") + "\n".join(links) + "\n"


def original_root(app: Sphinx, config: Config) -> None:
    """``config-inited``: in a translation, where the original's site root is from this
    language's root (``claims_original_root``: claims.json and JSON-LD link each claim to it)."""
    languages: dict[str, str] = config.handbook_languages
    here = current_language(config)
    first = next(iter(languages), here)
    if here != first and here in languages and not config.claims_original_root:
        config.claims_original_root = "../" * languages[here].count("/") + languages[first]


def exclude_every_book(app: Sphinx, config: Config) -> None:
    """``config-inited``: no language's EPUB carries any language's books (the site publishes
    them all from one folder, ``handbook_pdf_dir``)."""
    base = config.epub_basename
    if not base:
        return
    names = [f"{base}-{language}.{suffix}" for language in list(config.handbook_languages)[1:]
             for suffix in ("pdf", "epub")]
    config.epub_exclude_files = [*config.epub_exclude_files, *names]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("handbook_languages", {"en": ""}, "html", dict)
    # Before handbook.i18n renames a translation's books (priority 100).
    app.connect("config-inited", exclude_every_book, priority=50)
    app.connect("config-inited", original_root)
    app.connect("html-page-context", add_alternates)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
