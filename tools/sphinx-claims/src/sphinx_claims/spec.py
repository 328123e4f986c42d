"""The former name of the claim model; everything here is :mod:`.model` and :mod:`.checks`.

Kept so that existing imports (``from sphinx_claims import spec``) keep working; new code imports
:mod:`sphinx_claims.model` (what a claim is) and :mod:`sphinx_claims.checks` (what is wrong).
"""

from __future__ import annotations

from sphinx_claims.checks import Problem as OptionProblem
from sphinx_claims.checks import check_options, valid_as_of
from sphinx_claims.model import (
    AS_OF_RE,
    ATTRIBUTION_CERTAINTIES,
    ATTRIBUTION_REQUIRED,
    CERTAINTIES,
    CITATION_ROLES,
    DEFAULT_CERTAINTY,
    DEFAULT_KIND,
    DIRECTIVE,
    KINDS,
    LABEL_RE,
    LITERAL_DIRECTIVES,
    OPTION_SPEC,
    ClaimOptionSpec,
)
from sphinx_claims.model import (
    OPTION_NAMES as OPTIONS,
)

__all__ = [
    "AS_OF_RE", "ATTRIBUTION_CERTAINTIES", "ATTRIBUTION_REQUIRED", "CERTAINTIES",
    "CITATION_ROLES", "DEFAULT_CERTAINTY", "DEFAULT_KIND", "DIRECTIVE", "KINDS", "LABEL_RE",
    "LITERAL_DIRECTIVES", "OPTIONS", "OPTION_SPEC", "ClaimOptionSpec", "OptionProblem",
    "check_options", "valid_as_of",
]
