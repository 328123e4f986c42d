"""The print book's CJK fallback fonts, cut down to what the book prints.

``docs/_latex/handbook.sty`` falls back to Noto CJK for Chinese text. Each of those fonts holds
about 45,000 glyphs, and lualatex loads the whole font again for every size and shape that falls
back to it (some thirty per build): that took a third of each pass and 1.8 GB of its 2.5.
Before lualatex runs, ``tools/build_pdf.py`` writes a subset of each font the style names with
``handbookcut("<PostScript name>")`` next to the ``.tex`` file (fontTools; its default layout
features, which hold those HarfBuzz applies), with the characters of the LaTeX sources and
styles. A fallback font is only asked for characters the text fonts lack, and the book's text is
in those files; a character that no font has, cut or whole, still stops the build
(``\tracinglostchars=3``). The style uses ``handbook-<name>.otf`` when it is there and the
installed font otherwise. The same sources give the same bytes (the font's timestamp is kept).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import fontTools
from fontTools import subset
from fontTools.ttLib import TTFont

#: ``handbookcut("NotoSerifCJKsc-Regular")`` in handbook.sty: a fallback font to cut down.
CUT = re.compile(r'handbookcut\("(?P<name>[^"]+)"\)')


def subset_name(font: str) -> str:
    """The file name handbook.sty looks for in the LaTeX directory."""
    return f"handbook-{font}.otf"


def cut_fonts(style: str) -> list[str]:
    """The PostScript names handbook.sty asks to cut down, in order, once each."""
    return list(dict.fromkeys(m["name"] for m in CUT.finditer(style)))


def text_codepoints(paths: Iterable[Path]) -> set[int]:
    """Every character of the given LaTeX sources and styles."""
    found: set[int] = set()
    for path in paths:
        found.update(map(ord, path.read_text(encoding="utf-8", errors="replace")))
    return found


def locate(font: str) -> tuple[Path, int] | None:
    """The installed file and collection index of the font with this PostScript name."""
    if shutil.which("fc-list") is None:
        return None
    out = subprocess.run(["fc-list", f":postscriptname={font}", "file", "index"],
                         capture_output=True, text=True, check=False).stdout
    match = re.match(r"(?P<file>[^\n]+?): :index=(?P<index>\d+)", out)
    return (Path(match["file"]), int(match["index"])) if match else None


def subset_key(source: Path, index: int, used: set[int]) -> str:
    """What a subset is made from: the font file as installed, fontTools and the characters."""
    stat = source.stat()
    digest = hashlib.sha256(
        f"{source}|{index}|{stat.st_size}|{stat.st_mtime_ns}|{fontTools.version}|".encode())
    digest.update(",".join(map(str, sorted(used))).encode())
    return digest.hexdigest()


def write_subset(source: Path, index: int, used: set[int], target: Path) -> None:
    """Write the subset of *source* (collection member *index*) holding *used* to *target*."""
    font = TTFont(source, fontNumber=index, recalcTimestamp=False, lazy=True)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=sorted(used & set(font.getBestCmap())))
    cutter.subset(font)
    font.save(target)


def _write_subsets(jobs: list[tuple[tuple[Path, int], Path, str]], used: set[int]) -> None:
    """Write each subset, then its key; one process per core, as each takes seconds."""
    calls = [(path, index, used, target) for (path, index), target, _ in jobs]
    workers = min(len(calls), os.cpu_count() or 1)
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            list(pool.map(write_subset, *zip(*calls, strict=True)))
    else:
        for call in calls:
            write_subset(*call)
    for _, target, key in jobs:
        target.with_suffix(".key").write_text(key)


def cut_fallbacks(latex_dir: Path, style_name: str = "handbook.sty", *,
                  whole: bool = False) -> list[Path]:
    """Write the subsets the style in *latex_dir* asks for; return the subset files in use.

    A subset whose font and characters have not changed since the last build is kept (its
    ``.key`` file says what it was made from). With *whole*, every subset is removed and the
    installed fonts are used whole. A font that is not installed is left to lualatex, which
    reports it as it always has.
    """
    style = latex_dir / style_name
    if not style.is_file():
        return []
    used: set[int] = set() if whole else text_codepoints(
        sorted([*latex_dir.glob("*.tex"), *latex_dir.glob("*.sty")]))
    in_use, to_write = [], []
    for font in cut_fonts(style.read_text(encoding="utf-8")):
        target = latex_dir / subset_name(font)
        key_file = target.with_suffix(".key")
        found = None if whole else locate(font)
        if found is None:
            target.unlink(missing_ok=True)
            key_file.unlink(missing_ok=True)
            continue
        key = subset_key(*found, used)
        if not (target.is_file() and key_file.is_file() and key_file.read_text() == key):
            key_file.unlink(missing_ok=True)
            to_write.append((found, target, key))
        in_use.append(target)
    _write_subsets(to_write, used)
    return in_use
