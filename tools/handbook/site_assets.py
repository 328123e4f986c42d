"""How the site's pages load their assets, for a fast first page on a phone.

* **Deferred scripts.** Every script file a page names runs deferred (after the page is parsed,
  in document order), except ``documentation_options.js``: the theme's inline scripts set
  ``DOCUMENTATION_OPTIONS`` fields right after it. Nothing blocks the first paint but the
  stylesheets. Only the search page loads Sphinx's search scripts and index
  (``docs/_templates/layout.html`` drops them from the theme's other pages).
* **No stylesheet chain.** The theme's ``theme.css`` only ``@import``-s Sphinx's ``basic.css``;
  pages link ``basic.css`` itself instead.
* **Cache-busting names.** The handbook's stylesheet and script and the search page's scripts
  are added here, not linked by templates, so Sphinx gives them a ``?v=<checksum>`` like every
  other asset (the theme's own carry ``?digest=``). The search index is the exception: Sphinx
  writes it after the pages, so no page can name its checksum.
* **Precompressed twins.** After an HTML build, each text file of the output (pages, scripts,
  stylesheets, the search index, SVG) gets a ``.gz`` beside it (gzip level 9, no timestamp: the
  same bytes on every build), for static hosts that serve precompressed files
  (``gzip_static``). No ``.br`` twins: brotli at its best setting took 4.7 s for the
  handbook's 48 such files (3.8 MB), a cost every build would pay.
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

SITE_CSS = "handbook-site.css"
SITE_JS = "handbook-site.js"
#: Sphinx's search, on the search page only (its index, written after the pages, is linked by
#: ``docs/_templates/search.html``).
SEARCH_SCRIPTS = ("searchtools.js", "language_data.js")
#: Sphinx's highlighting of the last search's words: inert on the theme's other pages as long
#: as they loaded searchtools.js (it runs only where ``Search`` is undefined), so it stays off
#: there, as the site has always been (highlighted words failed axe's contrast check).
SEARCH_ONLY = {"sphinx_highlight.js"}
#: Run before the theme's inline scripts, which set its fields: stays a blocking script.
BLOCKING = {"documentation_options.js"}
COMPRESSED = (".html", ".css", ".js", ".svg", ".json", ".txt", ".xml")
#: Smaller files gain nothing: one network packet either way.
MIN_BYTES = 1024


def is_site(app: Sphinx) -> bool:
    """The HTML site (``html``, ``dirhtml``), not the EPUB nor a non-HTML builder."""
    return app.builder.format == "html" and not app.builder.name.startswith("epub")


def add_site_assets(app: Sphinx) -> None:
    """``builder-inited``: the handbook's stylesheet (after the theme's) and script, with the
    checksums Sphinx adds to registered assets."""
    if is_site(app):
        app.add_css_file(SITE_CSS, priority=900)
        app.add_js_file(SITE_JS, loading_method="defer", priority=900)


def defer_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: each script file of the page deferred (but :data:`BLOCKING`)."""
    if not is_site(app):
        return
    if pagename == "search":  # after doctools.js (200), before the scripts that use Search (500)
        for name in SEARCH_SCRIPTS:
            app.add_js_file(name, priority=400)
    scripts = []
    for script in context.get("script_files", []):
        name = str(getattr(script, "filename", "") or "")
        attributes = getattr(script, "attributes", {})
        if pagename != "search" and name.rsplit("/", 1)[-1] in SEARCH_ONLY:
            continue
        if (name and name.rsplit("/", 1)[-1] not in BLOCKING
                and not {"defer", "async"} & attributes.keys()
                and attributes.get("type", "text/javascript") == "text/javascript"):
            script = type(script)(name, priority=script.priority,
                                  **{**attributes, "defer": "defer"})
        scripts.append(script)
    context["script_files"] = scripts


def basic_css_version(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the checksum of Sphinx's ``basic.css`` for the page's direct link
    to it (``docs/_templates/static/webpack-macros.html``), which replaces the theme's
    ``theme.css``, a stylesheet that only ``@import``-ed it: one request less in the chain the
    first paint waits for, and a name that changes with the file."""
    basic = Path(app.outdir, "_static", "basic.css")
    if is_site(app) and basic.is_file():
        context["handbook_basic_css_version"] = f"{zlib.crc32(basic.read_bytes()):08x}"


def compressed_files(outdir: Path) -> list[Path]:
    """The files of *outdir* worth a ``.gz`` twin."""
    return sorted(
        path for path in outdir.rglob("*")
        if path.suffix in COMPRESSED and path.is_file() and path.stat().st_size >= MIN_BYTES
        and not path.relative_to(outdir).parts[0].startswith(".")
    )


def precompress(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: a ``.gz`` twin beside each text file of the site, rewritten when
    the file changed (same bytes for the same file)."""
    if exception is not None or not is_site(app):
        return
    for path in compressed_files(Path(app.outdir)):
        twin = path.with_name(path.name + ".gz")
        data = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        if not twin.is_file() or twin.read_bytes() != data:
            twin.write_bytes(data)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", add_site_assets)
    app.connect("html-page-context", defer_scripts, priority=900)
    app.connect("html-page-context", basic_css_version)
    # After the theme's own build-finished handlers (pydata-sphinx-theme rewrites pygments.css).
    app.connect("build-finished", precompress, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
