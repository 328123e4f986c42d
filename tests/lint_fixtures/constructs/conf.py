"""An outsider's MyST book: one page per construct that can hold a citation."""

project = "constructs"
root_doc = "index"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_claims"]
myst_enable_extensions = ["colon_fence", "substitution"]
myst_substitutions = {"from_conf": "as reported {cite:p}`subst-conf`"}
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
suppress_warnings = ["myst.directive_unknown"]
