"""A one-page document in every script the handbook uses, typeset with the handbook's preamble."""

from __future__ import annotations

import runpy
from pathlib import Path

import handbook

# The repository's docs/ (found through the installed package: sphinx.testing copies this root);
# the handbook package is tools/handbook/.
_DOCS = Path(handbook.__file__).resolve().parents[2] / "docs"
_handbook = runpy.run_path(str(_DOCS / "conf.py"))

project = "Script test"
author = "Handbook tests"
language = "en"
extensions = ["myst_parser", "handbook.latex_rtl"]
root_doc = "index"
exclude_patterns = ["_build"]

latex_engine = _handbook["latex_engine"]
latex_elements = dict(_handbook["latex_elements"])
latex_elements["maketitle"] = r"\handbooktitlepage{Script test}{every script}{tests}{today}"
latex_additional_files = [str(_DOCS / name) for name in _handbook["latex_additional_files"]]
latex_use_xindy = False
latex_documents = [(root_doc, "scripts.tex", project, author, "manual", False)]
