"""The source guard's pieces: decoding problems and unclosed fences, found with their lines."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from lint_fixtures import make_project, run_cli
from myst_parser.config.main import MdParserConfig

from sphinx_claims.ext.source_guard import REPLACING_CODEC, decode_problem, unclosed_fences

CONFIG = MdParserConfig(enable_extensions={"colon_fence"})


def test_decode_problem_gives_line_column_and_byte() -> None:
    assert decode_problem("naïve\ntext".encode()) is None
    assert decode_problem(b"\xef\xbb\xbfwith a BOM") is None
    line, message = decode_problem(b"one\ntwo\nth\xe9ree\n")  # type: ignore[misc]
    assert line == 3
    assert "byte 0xe9 at column 3" in message


def test_replacing_codec_reads_what_strict_utf8_cannot() -> None:
    assert codecs.decode(b"a\xffb", REPLACING_CODEC) == "a\ufffdb"
    assert codecs.decode(b"\xef\xbb\xbfok", REPLACING_CODEC) == "ok"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (":::{note}\nclosed\n:::\n", []),
        ("::::{note}\nclosed by a longer fence\n:::::\n", []),
        ("```{code-block} python\nx = 1\n```\n", []),
        ("# T\n\n:::{note}\nnever closed\n\nmore\n", [(3, ":::{note}")]),
        ("text\n\n```python\nx = 1\n", [(3, "```python")]),
        ("::::{note}\nouter\n:::{tip}\ninner\n:::\n", [(1, "::::{note}")]),
        ("::::{note}\nouter with a closed inner\n:::{tip}\ninner\n:::\n::::\n", []),
        (":::{note}\n", [(1, ":::{note}")]),
        # a claim's closing fence is missing: the next claim's closes it, so the first claim,
        # the one left open, is reported
        (
            ":::{claim}\n:label: a\nA.\n\n:::{claim}\n:label: b\nB.\n:::\n\nAfter.\n",
            [(1, ":::{claim}")],
        ),
        ("```{code-block} md\n:::{note}\n```\n", []),
        ("````{note}\n```python\nx\n````\n", [(2, "```python")]),
    ],
)
def test_unclosed_fences(text: str, expected: list[tuple[int, str]]) -> None:
    found = unclosed_fences(text, CONFIG)
    assert [line for line, _ in found] == [line for line, _ in expected]
    for (_, message), (_, fence) in zip(found, expected, strict=True):
        assert f"fence '{fence}'" in message, message


def test_a_fence_closed_by_the_fence_meant_for_the_one_inside_is_named_with_both() -> None:
    (found,) = unclosed_fences(":::{note}\nouter\n:::{tip}\ninner\n:::\n", CONFIG)
    assert found == (1, "directive fence ':::{note}' is closed by the ':::' at line 5, which "
                     "was meant for ':::{tip}' at line 3: close it before line 3, or give it "
                     "more ':' than the fence inside")


UNCLOSED_CASES = [
    "# T\n\n:::{claim}\n:label: a\nText.\n",
    "# T\n\n:::{claim}\n:label: a\nText.\n\n:::{claim}\n:label: b\nMore.\n:::\n",
    "# T\n\n::::{admonition} Box\n:::{claim}\n:label: a\nText.\n:::\n",
    "# T\n\n```{code-block} python\nprint(1)\n",
    "# T\n\n:::{note}\nAll good.\n:::\n",
    "# T\n\n:::\n:::{claim} t\n:label: a\n:::\n:::\n",
    "# T\n\n:::::{note}\n:::{claim}\n:label: a\nText.\n:::::\n",
]


@pytest.mark.parametrize("text", UNCLOSED_CASES)
def test_build_guard_and_linter_agree_on_unclosed_fences(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """One rule, one wording (:func:`sphinx_claims.checks.unclosed_fence`): the build's MST001
    lines and messages equal the linter's."""
    config = MdParserConfig(enable_extensions={"colon_fence"})
    built = sorted(unclosed_fences(text, config))
    root = make_project(tmp_path / "p", {"index.md": text})
    _, out, _ = run_cli(monkeypatch, capsys, root, "check", "--select", "MST001", "index.md")
    linted = sorted((int(row.split(":")[1]), row.split(" MST001 ", 1)[1])
                    for row in out.splitlines() if " MST001 " in row)
    assert built == linted
