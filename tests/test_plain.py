"""Formats without their own claim rendering (text here) get a heading paragraph and the body."""

from __future__ import annotations

from pathlib import Path

from claims_build import build, copy_root


def test_text_output_shows_heading_badge_and_body(tmp_path: Path) -> None:
    built = build(copy_root("claims", tmp_path / "src"), "text")
    text = (built.outdir / "chapters" / "one.txt").read_text(encoding="utf-8")
    assert "**Claim 1.1 · Fact (as of 2025-03)**" in text
    assert "**Claim 1.2 · Interpretation · attributed to Anna Alpha [probable]**" in text
    assert "The navies held an exercise [Alpha, 2025]." in text
    assert "See *Claim 2.1*" in text
