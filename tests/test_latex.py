"""LaTeX output: the claim environment, the same numbers as HTML, and page references."""

from __future__ import annotations

import dataclasses
import re
import subprocess

import pytest

from claims_build import Built, build, copy_root
from sphinx_claims.writers.latex import BoxFields

BOX_KEYS = [field.name for field in dataclasses.fields(BoxFields)]


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
    assert r"\newenvironment{sphinxclaim}[1]" in sty


def test_environments_carry_the_html_numbers(latex: Built, html: Built) -> None:
    found = re.findall(r"\\begin\{sphinxclaim\}\{kind=\{(\w+)\}, number=\{([\d.]+)\}",
                       _tex(latex))
    expected = [(r["kind"], r["number"]) for r in html.claims_json()]
    assert sorted(found) == sorted(expected)
    assert len(found) == 5


def test_environment_arguments(latex: Built) -> None:
    tex = _tex(latex)
    assert (
        r"\begin{sphinxclaim}{kind={interpretation}, number={1.2}, kind-name={Interpretation}, "
        r"attributed-to={Anna Alpha}, certainty={probable}, attribution-certainty={}, as-of={}, "
        r"title={}, label={second\sphinxhyphen{}claim}}%"
        in tex
    )
    assert (
        r"\begin{sphinxclaim}{kind={fact}, number={1.1}, kind-name={Fact}, attributed-to={}, "
        r"certainty={confirmed}, attribution-certainty={}, as-of={2025\sphinxhyphen{}03}, "
        r"title={The first exercise}, label={first\sphinxhyphen{}claim}}%"
        in tex
    )
    label = r"\phantomsection\label{\detokenize{chapters/one:claim-first-claim}}"
    assert label in tex


def test_every_box_key_is_declared_by_the_package(latex: Built) -> None:
    """The writer's keys and the package's pgfkeys are one list: a key the package lacks would
    stop lualatex, a key it declares but never gets would stay empty in every box."""
    sty = (latex.outdir / "sphinxclaims.sty").read_text()
    declared = set(re.findall(r"([a-z-]+)/\.initial=", sty))
    written = re.findall(r"\\begin\{sphinxclaim\}\{(.*)\}%$", _tex(latex), re.MULTILINE)
    assert len(written) == 5
    for keys in written:
        names = [pair.split("=", 1)[0] for pair in keys.split(", ")]
        assert names == [name.replace("_", "-") for name in BOX_KEYS]
        assert set(names) == declared


def test_evidence_closes_the_box(latex: Built) -> None:
    tex = _tex(latex)
    evidence = r"\sphinxclaimevidence{beta2024}{p. 3}{a small drill of two ships}%"
    assert tex.count(r"\sphinxclaimevidence{") == 1
    box = tex[tex.index("label={second\\sphinxhyphen{}claim}") :]
    assert box.index(evidence) < box.index(r"\end{sphinxclaim}")
    assert box.index(r"It was also small") < box.index(evidence)


@pytest.mark.heavy
def test_the_printed_box_shows_its_fields_and_evidence(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """lualatex on the LaTeX build (Latin Modern: the test needs no extra font) and the PDF's
    text layer: the header built from the keys with the label, the certainty badge (set at the
    header's top right, so it comes out as a line of its own), the evidence after the body."""
    src = copy_root("claims", tmp_path_factory.mktemp("pdf") / "src")
    built = build(src, "latex", confoverrides={"latex_elements": {"fontpkg": ""}})
    run = subprocess.run(
        ["lualatex", "-interaction=nonstopmode", "-halt-on-error", "claimstest.tex"],
        cwd=built.outdir, capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:]
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(built.outdir / "claimstest.pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "Claim 1.2 · Interpretation · attributed to Anna Alpha label: second-claim" in lines
    assert "Claim 1.1 · Fact · as of 2025-03 label: first-claim" in lines
    assert "certainty: probable" in lines and "certainty: confirmed" in lines
    assert "Evidence · beta2024, p. 3: \u201ca small drill of two ships\u201d" in lines


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
