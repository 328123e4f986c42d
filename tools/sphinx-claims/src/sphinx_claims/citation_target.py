"""sphinxcontrib-bibtex's own grammar of a citation role's target, without importing Sphinx.

``{cite:p}`{see}a2020{p. 3},b2021``` is split by ``sphinxcontrib.bibtex.citation_target``. Importing
that module the usual way runs ``sphinxcontrib.bibtex/__init__``, which imports Sphinx (a third
of a second); the linter needs only this one module, which imports nothing but ``re`` and
``typing``. So it is loaded from the installed package's file on its own, unless the package is
already imported (in a build), in which case that module is used.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

_NAME = "sphinxcontrib.bibtex.citation_target"


def _module() -> ModuleType:
    loaded = sys.modules.get(_NAME)
    if loaded is not None:
        return loaded
    namespace = importlib.util.find_spec("sphinxcontrib")  # a namespace package: cheap
    for folder in (namespace.submodule_search_locations or []) if namespace else []:
        file = Path(folder) / "bibtex" / "citation_target.py"
        if file.is_file():
            spec = importlib.util.spec_from_file_location("_sphinx_claims_citation_target", file)
            if spec is not None and spec.loader is not None:
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                return module
    return importlib.import_module(_NAME)  # an unusual install: the ordinary import


_grammar = _module()
CitationTarget: Any = _grammar.CitationTarget


def parse_citation_targets(targets: str) -> Iterable[Any]:
    """The role target's ``CitationTarget``s (``key``, ``pre``, ``post``); ``ValueError`` if
    malformed."""
    return _grammar.parse_citation_targets(targets)


def role_keys(role: str, target: str) -> tuple[str, ...]:
    """The keys citation role *role* cites with *target*, as sphinxcontrib-bibtex reads them.

    ``{cite:…}`` parses ``{pre}key{post}, …`` (``ValueError`` if malformed: rule CIT004);
    ``{footcite:…}`` takes no notes and splits its target at commas, so it is never malformed
    (an odd key is simply unknown: CIT001).
    """
    if role.split(":", 1)[0] == "footcite":
        return tuple(key.strip() for key in target.split(","))
    return tuple(t.key for t in parse_citation_targets(target))
