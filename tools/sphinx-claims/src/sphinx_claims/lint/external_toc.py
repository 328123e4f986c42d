"""A book's external table of contents (``_toc.yml``), read as the build reads it.

Jupyter Book 1 and ``sphinx-external-toc`` (conf.py's ``external_toc_path``) give the book's
root page and its toctrees in one YAML file instead of ``{toctree}`` directives. The build
inserts those toctrees into the documents; the linter does the same with the records it reads
them into, so the root page, the book order, chapter numbers and TOC001 agree with the build.

The file is parsed by sphinx-external-toc's own parser when it is installed (every format it
knows, ``jb-book`` and ``jb-article`` included); without it, PyYAML reads the root and the files
it lists (enough for the root page and TOC001; numbering then comes from ``{toctree}``
directives only, as the build has no external toc without the library either).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx_claims.lint.records import Toctree

#: Sphinx's depth for ``:numbered:`` without a number.
_ALL_LEVELS = 999


class TocError(ValueError):
    """A ``_toc.yml`` that does not parse (message: the file and what is wrong)."""


@dataclass
class ExternalToc:
    """What a ``_toc.yml`` gives: the root page, every document it names, and the toctrees
    the build inserts into each document (entries as absolute docnames, ``/chapters/x``)."""

    root: str
    files: list[str]
    trees: dict[str, list[Toctree]] = field(default_factory=dict)


def read(path: Path) -> ExternalToc:
    """Parse *path* (sphinx-external-toc's parser if installed, else PyYAML)."""
    try:
        from sphinx_external_toc.parsing import parse_toc_yaml
    except ImportError:
        return _read_plain(path)
    try:
        site_map = parse_toc_yaml(path)
    except (OSError, UnicodeDecodeError) as error:
        raise TocError(f"{path}: cannot read: {error}") from None
    except Exception as error:  # the library's MalformedError, or YAML's own errors
        raise TocError(f"{path}: {str(error).splitlines()[0]}") from None
    trees: dict[str, list[Toctree]] = {}
    for docname in site_map:
        document = site_map[docname]
        for subtree in document.subtrees:
            entries, glob = [], False
            for item in subtree.items:
                kind = type(item).__name__
                if kind == "UrlItem":
                    continue
                glob = glob or kind == "GlobItem"
                entries.append("/" + str(item))
            numbered = subtree.numbered
            depth = _ALL_LEVELS if numbered is True else int(numbered or 0)
            trees.setdefault(docname, []).append(Toctree(entries, depth, glob))
    return ExternalToc(site_map.root.docname, list(site_map), trees)


def _read_plain(path: Path) -> ExternalToc:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise TocError(f"{path}: cannot read: {str(error).splitlines()[0]}") from None
    if not isinstance(data, dict) or not isinstance(data.get("root"), str):
        raise TocError(f"{path}: no 'root' document")
    return ExternalToc(docname(data["root"]), _files(data))


def _files(node: Any) -> list[str]:
    """Every ``root``/``file`` named in a ``_toc.yml`` (suffixes dropped, as docnames)."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("root", "file") and isinstance(value, str):
                found.append(docname(value))
            else:
                found += _files(value)
    elif isinstance(node, list):
        for item in node:
            found += _files(item)
    return found


def docname(name: str) -> str:
    """A ``_toc.yml`` file name as a docname (its suffix dropped, as the library does)."""
    for suffix in (".md", ".ipynb", ".rst", ".myst"):
        name = name.removesuffix(suffix)
    return name
