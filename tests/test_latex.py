"""LaTeX output: the claim environment, the same numbers as HTML, and page references."""

from __future__ import annotations

import re

import pytest

from claims_build import Built, build, copy_root


@pytest.fixture(scope="module")
def latex(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(copy_root("claims", tmp_path_factory.mktemp("l") / "src"), "latex")


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(copy_root("claims", tmp_path_factory.mktemp("h") / "src"))


def _tex(built: Built) -> str:
    return (built.outdir / "claimstest.tex").read_text(encoding="utf-8")


def test_package_is_loaded_and_shipped(latex: Built) -> None:
    assert r"\usepackage{sphinxclaims}" in _tex(latex)
    sty = (latex.outdir / "sphinxclaims.sty").read_text()
    assert r"\newenvironment{sphinxclaim}[9]" in sty


def test_environments_carry_the_html_numbers(latex: Built, html: Built) -> None:
    found = re.findall(r"\\begin\{sphinxclaim\}\{(\w+)\}\{([\d.]+)\}", _tex(latex))
    expected = [(r["kind"], r["number"]) for r in html.claims_json()]
    assert sorted(found) == sorted(expected)
    assert len(found) == 5


def test_environment_arguments(latex: Built) -> None:
    tex = _tex(latex)
    assert (
        r"\begin{sphinxclaim}{interpretation}{1.2}{Interpretation}{Anna Alpha}{probable}{}{}{}"
        in tex
    )
    assert (
        r"\begin{sphinxclaim}{fact}{1.1}{Fact}{}{confirmed}{}{2025\sphinxhyphen{}03}"
        r"{The first exercise}"
        in tex
    )
    label = r"\phantomsection\label{\detokenize{chapters/one:claim-first-claim}}"
    assert label in tex


def test_claim_ref_gives_number_and_page(latex: Built) -> None:
    tex = _tex(latex)
    pattern = (
        r"\\hyperref\[\\detokenize\{chapters/two:claim-third-claim\}\]"
        r"\{\\sphinxcrossref\{.*?Claim 2\.1\}+ \(p\.\u00a0\\pageref\{"
        r"\\detokenize\{chapters/two:claim-third-claim\}\}\)"
    )
    assert re.search(pattern, tex), tex


def test_register_is_a_table_in_print(latex: Built) -> None:
    tex = _tex(latex)
    assert r"\begin{longtable}" in tex
    assert tex.count(r"\pageref{\detokenize{chapters/one:claim-first-claim}}") >= 3


def test_claim_ref_leaves_the_page_to_sphinx_when_it_shows_pagerefs(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    built = build(
        copy_root("claims", tmp_path_factory.mktemp("p") / "src"), "latex",
        confoverrides={"latex_show_pagerefs": True},
    )
    tex = _tex(built)
    link = r"\hyperref[\detokenize{chapters/two:claim-third-claim}]"
    assert link in tex
    assert "(p.\u00a0\\pageref{\\detokenize{chapters/two:claim-third-claim}})" not in tex
    # Sphinx's own "(page N)" follows the link instead, once.
    assert re.search(
        r"Claim 2\.1\}+ \(\\autopageref\*\{\\detokenize\{chapters/two:claim-third-claim\}\}\)",
        tex,
    )
