project = "Claims roles test"
root_doc = "index"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_claims"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year"
exclude_patterns = ["_build"]
# Sphinx 7 prints a warning's [type.subtype] only when asked (Sphinx 8 by default).
show_warning_types = True
