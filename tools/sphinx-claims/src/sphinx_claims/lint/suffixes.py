"""Which files are sources and which reader takes each, as Sphinx decides from ``source_suffix``.

Sphinx turns ``source_suffix`` into a mapping of suffix to filetype (a string or a list makes
every suffix ``restructuredtext``), then lets the extensions' ``app.add_source_suffix`` fill in
suffixes the configuration does not name and replace those it left as ``restructuredtext``
(:func:`sphinx.registry.merge_source_suffix`). The linter does the same and reads a file with
docutils (``restructuredtext``), as a Jupyter notebook (``.ipynb`` through MyST-NB) or as MyST
(``markdown``, and MyST-NB's Markdown and text notebooks). Files MyST-NB converts through
``nb_custom_formats`` (jupytext's ``.py``, ``.Rmd`` …) are not read.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

Reader = Literal["rst", "myst", "notebook"]

#: What Sphinx reads without configuration.
SPHINX_DEFAULT = {".rst": "restructuredtext"}
#: Without a conf.py: the suffixes a MyST project with notebooks has.
NO_CONF = {".rst": "restructuredtext", ".md": "markdown", ".ipynb": "myst-nb"}
#: ``app.add_source_suffix`` calls of the extensions a conf.py may name: (suffix, filetype,
#: override) as in myst-parser 4 and MyST-NB 1.
EXTENSION_SUFFIXES: Mapping[str, tuple[tuple[str, str, bool], ...]] = {
    "myst_parser": ((".md", "markdown", False),),
    "myst_nb": ((".md", "myst-nb", True), (".ipynb", "myst-nb", False)),
}


def source_suffixes(namespace: Mapping[str, Any]) -> dict[str, str]:
    """``{suffix: filetype}`` the build reads, from conf.py's values (*namespace*)."""
    setting = namespace.get("source_suffix", SPHINX_DEFAULT)
    if isinstance(setting, str):
        found = {setting: "restructuredtext"}
    elif isinstance(setting, list | tuple):
        found = dict.fromkeys((str(s) for s in setting), "restructuredtext")
    elif isinstance(setting, Mapping):
        found = {str(k): str(v) for k, v in setting.items()}
    else:
        found = dict(SPHINX_DEFAULT)
    registered: dict[str, str] = {}
    for extension in namespace.get("extensions", []):
        for suffix, filetype, override in EXTENSION_SUFFIXES.get(str(extension), ()):
            if override or suffix not in registered:
                registered[suffix] = filetype
    for suffix, filetype in registered.items():
        if found.get(suffix, "restructuredtext") == "restructuredtext":
            found[suffix] = filetype
    return found


def reader(suffixes: Mapping[str, str], name: str) -> Reader | None:
    """The reader for the file *name* (``None``: not a source)."""
    suffix = _suffix(suffixes, name)
    return None if suffix is None else _reader(suffixes[suffix], suffix)


def reader_of(suffixes: Mapping[str, str], name: str) -> Reader:
    """The reader for *name* even if it is not a source (a file named on the command line)."""
    return reader(suffixes, name) or reader(NO_CONF, name) or "myst"


def docname(suffixes: Mapping[str, str], name: str) -> str:
    """*name* without its source suffix, as Sphinx's toctree strips it."""
    suffix = _suffix(suffixes, name)
    return name if suffix is None else name[: -len(suffix)]


def _suffix(suffixes: Mapping[str, str], name: str) -> str | None:
    """The longest of *suffixes* that *name* ends in."""
    return next((s for s in sorted(suffixes, key=len, reverse=True) if name.endswith(s)), None)


def _reader(filetype: str, suffix: str) -> Reader:
    if filetype == "restructuredtext":
        return "rst"
    if suffix == ".ipynb":
        return "notebook"
    return "myst"
