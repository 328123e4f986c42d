"""One reader per source kind: MyST, reStructuredText, notebooks (see :mod:`..scan`)."""
