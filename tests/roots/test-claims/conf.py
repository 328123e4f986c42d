project = "Claims test"
root_doc = "index"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_claims"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year"
exclude_patterns = ["_build"]
latex_engine = "lualatex"
# Sphinx 7 prints a warning's [type.subtype] only when asked (Sphinx 8 by default).
show_warning_types = True
# myst-parser 3 (Jupyter Book 1) warns for every {footcite}, with or without sphinx-claims;
# myst-parser 4 dropped that check (docs/adopting.md, "Jupyter Book 1").
import myst_parser  # noqa: E402

if int(myst_parser.__version__.split(".")[0]) < 4:
    suppress_warnings = ["myst.footnote"]
    myst_footnote_transition = False
