"""The ``sphinx-claims`` citation linter: MyST and BibTeX checked offline, without a build."""
