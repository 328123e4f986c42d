"""The CJK fallback fonts cut down for the PDF (tools/handbook/latex_fonts.py)."""

from __future__ import annotations

from pathlib import Path

from fontTools.ttLib import TTFont
from handbook.latex_fonts import cut_fallbacks, cut_fonts, locate, subset_name

REPO = Path(__file__).resolve().parent.parent
STYLE = REPO / "docs" / "_latex" / "handbook.sty"
CJK = ("NotoSerifCJKsc-Regular", "NotoSerifCJKsc-Bold", "NotoSansCJKsc-Regular",
       "NotoSansCJKsc-Bold", "NotoSansMonoCJKsc-Regular")
TEXT = "Xi Jinping (习近平) and Haishenwai (海參崴)\n"


#: A style that cuts one font, for the tests about when a subset is written.
ONE_CUT = f'handbookcut("{CJK[-1]}") .. "mode=harf;"\n'


def latex_dir(folder: Path, text: str = TEXT, style: str = ONE_CUT) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "handbook.sty").write_text(style, encoding="utf-8")
    (folder / "book.tex").write_text(text, encoding="utf-8")
    return folder


def test_the_style_cuts_its_cjk_fallbacks_and_nothing_else() -> None:
    assert cut_fonts(STYLE.read_text(encoding="utf-8")) == list(CJK)


def test_every_cut_font_is_installed_in_a_collection() -> None:
    for font in CJK:
        found = locate(font)
        assert found is not None, f"{font} is not installed (tools/system-deps.sh)"
        assert found[0].suffix == ".ttc"
    assert locate("NoSuchFont-Regular") is None


def test_a_subset_holds_the_books_characters_and_few_others(tmp_path: Path) -> None:
    written = cut_fallbacks(latex_dir(tmp_path, style=STYLE.read_text(encoding="utf-8")))
    assert [p.name for p in written] == [subset_name(f) for f in CJK]
    path, number = locate(CJK[0])
    whole = TTFont(path, fontNumber=number, lazy=True)
    for path, font in zip(written, CJK, strict=True):
        cut = TTFont(path)
        assert cut["name"].getDebugName(6) == font  # the PDF names the font as before
        cmap = set(cut.getBestCmap())
        assert {ord(c) for c in "习近平海參崴"} <= cmap
        assert cmap <= {ord(c) for c in TEXT + STYLE.read_text(encoding="utf-8")}
        assert len(cut.getGlyphOrder()) < len(whole.getGlyphOrder()) / 50


def test_the_same_text_gives_the_same_bytes_and_is_not_cut_again(tmp_path: Path) -> None:
    first = {p: p.read_bytes() for p in cut_fallbacks(latex_dir(tmp_path / "a"))}
    again = latex_dir(tmp_path / "b")
    second = {p.name: p.read_bytes() for p in cut_fallbacks(again)}
    assert {p.name: data for p, data in first.items()} == second
    stamps = {p: p.stat().st_mtime_ns for p in again.glob("handbook-*.otf")}
    cut_fallbacks(again)
    assert {p: p.stat().st_mtime_ns for p in again.glob("handbook-*.otf")} == stamps


def test_new_text_is_cut_again(tmp_path: Path) -> None:
    folder = latex_dir(tmp_path)
    cut_fallbacks(folder)
    (folder / "book.tex").write_text(TEXT + "上海合作组织\n", encoding="utf-8")
    (path,) = cut_fallbacks(folder)
    assert ord("组") in TTFont(path).getBestCmap()


def test_whole_fonts_remove_the_subsets(tmp_path: Path) -> None:
    folder = latex_dir(tmp_path)
    cut_fallbacks(folder)
    assert cut_fallbacks(folder, whole=True) == []
    assert not list(folder.glob("handbook-*.otf")) and not list(folder.glob("handbook-*.key"))


def test_no_style_no_subsets(tmp_path: Path) -> None:
    (tmp_path / "book.tex").write_text(TEXT, encoding="utf-8")
    assert cut_fallbacks(tmp_path) == []
    assert list(tmp_path.iterdir()) == [tmp_path / "book.tex"]
