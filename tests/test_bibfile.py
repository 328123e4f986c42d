"""sphinx_claims.bibfile: each entry's line and column, as the build and the linter report them.

Lines are counted on from one entry to the next (a file is counted once); these tests hold them
equal to a count from the start of the file, before and after entries pybtex cannot parse.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from sphinx_claims import bibfile

GOOD = "@online{{{key},\n  title = {{A title}},\n  date = {{2020}},\n}}"
BROKEN = "@online{{{key},\n  title = {{Unclosed,\n}}"


def _expected(text: str) -> dict[str, tuple[int, int]]:
    """Each entry key's line and column, from a count over the whole text."""
    found = {}
    for match in re.finditer(r"^([ \t]*)@\w+\{(\w+),", text, flags=re.M):
        start = match.start() + len(match.group(1))
        found[match.group(2)] = (text.count("\n", 0, start) + 1,
                                 start - text.rfind("\n", 0, start))
    return found


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2), st.booleans()),
                min_size=1, max_size=12))
def test_every_entry_is_located_as_a_count_from_the_start_would_locate_it(
    shape: list[tuple[int, int, bool]],
) -> None:
    parts = []
    for index, (blank_lines, indent, good) in enumerate(shape):
        entry = (GOOD if good else BROKEN).format(key=f"k{index}")
        parts.append("\n" * blank_lines + " " * indent + entry)
    text = "\n".join(parts) + "\n"
    read = bibfile.read(text)
    expected = _expected(text)
    located = {entry.key: (entry.line, entry.column) for entry in read.entries}
    assert located, text
    for key, where in located.items():
        assert where == expected[key], (key, text)


def test_a_long_file_is_located_entry_by_entry() -> None:
    text = "\n\n".join(GOOD.format(key=f"k{i}") for i in range(2000)) + "\n"
    read = bibfile.read(text)
    assert [(e.line, e.column) for e in read.entries] == [(1 + 5 * i, 1) for i in range(2000)]
    assert read.entries[-1].fields[0].line == 1 + 5 * 1999 + 1  # the title, a line below


def test_a_name_pybtex_rejects_leaves_a_callers_collection_as_it_was() -> None:
    """The build collects pybtex's errors while sphinxcontrib-bibtex parses
    (ext.source_guard); reading a file with lines meanwhile must not end that collection."""
    from pybtex import errors

    collected: list[Exception] = []
    errors.captured_errors = collected
    try:
        read = bibfile.read("@misc{a,\n  author = {Doe, Jane, Jr, More},\n  title = {T},\n}\n")
        assert errors.captured_errors is collected and collected == []
    finally:
        errors.captured_errors = None
    assert [entry.key for entry in read.entries] == ["a"]
