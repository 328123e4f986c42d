"""What the build knows of a MyST directive before it runs it: whether its name can name one, and
how its first line and body split into arguments, options and content.

myst-parser looks a directive's name up through docutils
(:func:`docutils.parsers.rst.directives.directive`) and splits its text by the class it finds
(:func:`myst_parser.parsers.directives.parse_directive_text`).
The linter imports no Sphinx, so it knows docutils' own directives (by the same look-up) and
reads every other name as a directive taking one optional argument, options and content.

* A name that is no docutils *simplename* (``claim}:::{claim``, ``a b``) is registered by no
  build: myst-parser reports an unknown directive and renders its text as a literal block, so
  nothing in it is read (:func:`can_name`).
* A docutils directive keeps its own signature (:func:`stand_in`): ``{note}`` takes no argument,
  so text on its first line is the first line of its body, where the build reads it. Options
  stay open (Sphinx adds some to docutils' directives, e.g. ``rubric``'s ``:heading-level:``).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from docutils.frontend import get_default_settings
from docutils.languages import en
from docutils.parsers.rst import Directive, Parser, directives
from docutils.parsers.rst.states import Inliner
from docutils.utils import new_document

_SIMPLENAME = re.compile(Inliner.simplename)


class AnyOptions(dict[str, object]):
    """An ``option_spec`` accepting every option as text (directives the linter does not own)."""

    def __bool__(self) -> bool:
        return True  # "has options": MyST only reads an option block when the spec is truthy

    def __contains__(self, key: object) -> bool:
        return True

    def __missing__(self, key: str) -> object:
        return _text

    def get(self, key: str, default: object = None) -> object:  # type: ignore[override]
        return _text


def _text(value: str | None) -> str:
    return value or ""


class OtherDirective(Directive):
    """A directive docutils does not know (Sphinx's, an extension's): one optional argument,
    any option, a body read as MyST."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = AnyOptions()


def can_name(name: str) -> bool:
    """Whether *name* can name a registered directive (docutils' grammar for directive names)."""
    return _SIMPLENAME.fullmatch(name) is not None


@cache
def _document() -> Any:
    """A scratch document for docutils' look-up messages (it reports a name it does not know)."""
    return new_document("<sphinx-claims>", get_default_settings(Parser))


@cache
def stand_in(name: str) -> type[Directive]:
    """A class with the signature the build splits directive *name*'s text by."""
    found, _ = directives.directive(name, en, _document())
    if found is None:
        return OtherDirective
    spec: dict[str, Any] = {
        "required_arguments": found.required_arguments,
        "optional_arguments": found.optional_arguments,
        "final_argument_whitespace": found.final_argument_whitespace,
        "has_content": found.has_content,
        "option_spec": AnyOptions() if found.option_spec else None,
    }
    return type(f"{found.__name__}StandIn", (Directive,), spec)
