"""Build the PDF handbook: Sphinx's LaTeX builder, then latexmk with lualatex (no shell escape).

Usage: ``python tools/build_pdf.py [--builddir _build] [--srcdir .] [-- SPHINX_OPTS...]``.
The PDF lands in ``<builddir>/latex/<name>.pdf`` and is copied to ``<builddir>/pdf/`` (which the
HTML build publishes when it exists). A LaTeX failure prints its first error with the ``.tex``
file, line and the source document, not the whole log; the exit status is then 1. A line that
sticks out of the text block by more than :data:`OVERFULL_TOLERANCE_PT` is reported with its
source file and line (``chapters/x.md:12: overfull line …``); the build still succeeds.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from handbook.latex_fonts import cut_fallbacks

PDF_NAME = "russias-asian-partnerships"
#: lualatex options: errors as ``file:line: message``, stop at the first, never shell escape.
LUALATEX = "lualatex -no-shell-escape -file-line-error -interaction=nonstopmode -halt-on-error"
#: Run after each pass. luaotfload's caches (HarfBuzz font data, font name lookups) are no source
#: of the book, but the recorder lists them among its inputs; a build elsewhere rewriting an entry
#: made latexmk run this book's passes again (to its limit of five on a fresh machine, where
#: concurrent builds fill the caches, and then it fails). Dropped from the ``.fls``, they do not.
FORGET_FONT_CACHES = r"test ! -f %R.fls || sed -i -e '\#/luatex-cache/#d' %R.fls"
SPHINX_FLAGS = ("-W", "--keep-going", "-n", "-q")
#: The book's makeindex style (docs/_latex/handbook.ist), used when the LaTeX sources have it.
INDEX_STYLE = "handbook.ist"

_FILE_LINE_ERROR = re.compile(
    r"^(?P<file>[^\s:][^:]*\.(?:tex|sty|cls|ind|aux|toc)):(?P<line>\d+): (?P<msg>.*)$"
)
_BANG_ERROR = re.compile(r"^! (?P<msg>.*)$")
_DOC_LABEL = re.compile(r"\\label\{\\detokenize\{(?P<doc>[^}:]+)::doc\}\}")
_LOST_CHAR = re.compile(r"Missing character: .*")
#: Lines may stick out of the text block by this much (TeX points) before they are reported.
OVERFULL_TOLERANCE_PT = 1.0
_OVERFULL = re.compile(
    r"^Overfull \\hbox \((?P<pt>[\d.]+)pt too wide\) "
    r"(?:in paragraph at lines (?P<a>\d+)--(?P<end>\d+)|detected at line (?P<b>\d+)"
    r"|in alignment at lines (?P<c>\d+)--\d+)"
)
#: docs/_latex/handbook.sty writes these around every file LaTeX reads (.toc, .ind, .aux).
_INPUT_BEGIN = "handbook-input-begin: "
_INPUT_END = "handbook-input-end: "
_TEX_COMMAND = re.compile(r"\\[a-zA-Z@]+\*?|[{}\[\]]")
_WORD = re.compile(r"[^\W\d_]{4,}")
#: latexmk's line for each lualatex pass it runs.
_LUALATEX_RUN = re.compile(r"Run number \d+ of rule 'lualatex'")
_LOST_CODEPOINT = re.compile(r"Missing character: There is no .* \(U\+([0-9A-F]+)\)")


@dataclass(frozen=True)
class LatexError:
    """The first real error of a lualatex run."""

    file: str
    line: int
    message: str
    context: str = ""
    document: str | None = None

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        doc = f" (source document: {self.document})" if self.document else ""
        ctx = f"\n    {self.context}" if self.context else ""
        return f"{where}: LaTeX error: {self.message}{doc}{ctx}"


def first_error(log_text: str) -> tuple[str, int, str, str] | None:
    """Return (file, line, message, context) of the first error in a ``-file-line-error`` log.

    A missing glyph (``\\tracinglostchars=3``) is reported at shipout, so it comes with no
    file and line; :func:`diagnose` finds the character in the ``.tex`` file instead.
    """
    lines = log_text.splitlines()
    for i, text in enumerate(lines):
        if text.startswith("Missing character:"):
            return "", 0, text.strip(), ""
        match = _FILE_LINE_ERROR.match(text)
        if match is None:
            continue
        context = ""
        for follow in lines[i + 1 : i + 6]:
            if follow.startswith("l.") or re.match(r"^l\.\d+ ", follow):
                context = follow.strip()
                break
        return match["file"], int(match["line"]), match["msg"].strip(), context
    for i, text in enumerate(lines):
        bang = _BANG_ERROR.match(text)
        if bang is not None:
            context = next((f.strip() for f in lines[i + 1 : i + 6] if f.startswith("l.")), "")
            line_no = int(m[1]) if (m := re.match(r"l\.(\d+)", context)) else 0
            return "", line_no, bang["msg"].strip(), context
    return None


def source_document(tex_file: Path, line: int) -> str | None:
    """The Sphinx document whose text the ``.tex`` file holds at *line*."""
    try:
        tex_lines = tex_file.read_text(encoding="utf-8").splitlines()[:line]
    except OSError:
        return None
    for text in reversed(tex_lines):
        if match := _DOC_LABEL.search(text):
            return match["doc"]
    return None


def _line_with(path: Path, char: str) -> int:
    """The first line of *path* holding *char* (1-based), or 0."""
    try:
        with path.open(encoding="utf-8") as fh:
            return next((n for n, text in enumerate(fh, 1) if char in text), 0)
    except OSError:
        return 0


def diagnose(latex_dir: Path, tex_name: str) -> LatexError:
    """The first error of the failed run, from the ``.log`` file lualatex wrote."""
    log = latex_dir / f"{tex_name}.log"
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    found = first_error(text)
    if found is None:
        return LatexError(str(log), 0, "lualatex failed; no error line found in the log")
    file, line, message, context = found
    file = file or f"{tex_name}.tex"
    if lost := _LOST_CODEPOINT.search(message):
        line = _line_with(latex_dir / file, chr(int(lost[1], 16))) or line
    path = (latex_dir / file).resolve()
    shown = os.path.relpath(path) if path.exists() else file
    doc = source_document(path, line) if path.suffix == ".tex" else None
    return LatexError(shown, line, message, context, doc)


@dataclass(frozen=True)
class Overfull:
    """A line wider than the text block: where LaTeX saw it and where its text comes from."""

    file: str
    line: int
    points: float
    text: str
    source: str | None = None
    source_line: int = 0

    def format(self) -> str:
        where = f"{self.source}:{self.source_line}" if self.source else f"{self.file}:{self.line}"
        tex = f" ({self.file}:{self.line})" if self.source else ""
        return f"{where}: overfull line, {self.points:.1f}pt too wide{tex}: {self.text[:70]}"


def overfull_lines(log_text: str, main_file: str, tolerance: float = OVERFULL_TOLERANCE_PT,
                   ) -> list[tuple[str, int, float, str]]:
    """(file, line, points, text) of every overfull box wider than *tolerance* in the log."""
    files = [main_file]
    found: list[tuple[str, int, float, str]] = []
    lines = log_text.splitlines()
    for i, text in enumerate(lines):
        if text.startswith(_INPUT_BEGIN):
            files.append(text.removeprefix(_INPUT_BEGIN).strip())
        elif text.startswith(_INPUT_END) and len(files) > 1:
            files.pop()
        elif (match := _OVERFULL.match(text)) and float(match["pt"]) > tolerance:
            line = int(match["a"] or match["b"] or match["c"])
            box = lines[i + 1] if i + 1 < len(lines) else ""
            box = re.sub(r"\\TU/[^ ]+ ", "", box).replace("[]", "").strip()
            found.append((files[-1], line, float(match["pt"]), box))
    return found


def source_line(source: Path, tex_lines: list[str]) -> int:
    """The line of *source* that shares the most words with *tex_lines* (0 if none)."""
    words = set(_WORD.findall(_TEX_COMMAND.sub(" ", " ".join(tex_lines))))
    try:
        src_lines = source.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 0
    best, best_score = 0, 0
    for n, text in enumerate(src_lines, 1):
        score = len(words & set(_WORD.findall(text)))
        if score > best_score:
            best, best_score = n, score
    return best


def locate_overfull(latex_dir: Path, srcdir: Path, tex_name: str, log_text: str,
                    ) -> list[Overfull]:
    """Every overfull line of the log, mapped back to its source document and line."""
    main = f"{tex_name}.tex"
    tex_path = latex_dir / main
    try:
        tex_lines = tex_path.read_text(encoding="utf-8").splitlines()
    except OSError:
        tex_lines = []
    result = []
    for file, line, points, text in overfull_lines(log_text, main):
        name = Path(file).name
        if name != main:
            result.append(Overfull(name, line, points, text))
            continue
        doc = source_document(tex_path, line)
        source = next((srcdir / f"{doc}{ext}" for ext in (".md", ".rst")
                       if doc and (srcdir / f"{doc}{ext}").is_file()), None)
        if source is None:
            result.append(Overfull(name, line, points, text))
            continue
        around = tex_lines[max(0, line - 2): line + 1]
        result.append(Overfull(name, line, points, text, os.path.relpath(source, srcdir),
                               source_line(source, around)))
    return result


def lost_characters(log_text: str) -> list[str]:
    """Every 'Missing character' line of a lualatex log."""
    return _LOST_CHAR.findall(log_text)


def sphinx_latex(srcdir: Path, confdir: Path, latex_dir: Path, sphinx_opts: list[str]) -> int:
    """Write the ``.tex`` sources with Sphinx's LaTeX builder."""
    cmd = [
        sys.executable, "-m", "sphinx", "-b", "latex", "-c", str(confdir),
        *SPHINX_FLAGS, *sphinx_opts, str(srcdir), str(latex_dir),
    ]
    return subprocess.run(cmd, cwd=srcdir, check=False).returncode


#: An index with no entry yet, for the first lualatex pass (see :func:`seed_index`).
EMPTY_INDEX = "\\begin{sphinxtheindex}\n\\end{sphinxtheindex}\n"
#: latexmk compares the ``.aux`` before and after a pass to decide on another one; this line
#: (the page count of the previous pass, which the book never prints) is left out of that.
PAGE_COUNT_LINE = r"^.gdef .\@abspage\@last\{"


def seed_index(latex_dir: Path, tex_name: str) -> None:
    """Give the first pass an empty index, so that it already writes the index's line in the
    contents. Without it the contents change on the second pass and a third one is needed; with
    it two passes give the same PDF byte for byte (``tests/test_pdf.py`` builds both ways).
    A document with no index entry gets what makeindex writes for it: an empty file (an index
    section in the first pass only would change the contents just the same)."""
    ind = latex_dir / f"{tex_name}.ind"
    if not ind.exists():
        tex = (latex_dir / f"{tex_name}.tex").read_text(encoding="utf-8", errors="replace")
        ind.write_text(EMPTY_INDEX if "\\index{" in tex else "", encoding="utf-8")


def latexmk(latex_dir: Path, tex_name: str, all_passes: bool = False
            ) -> subprocess.CompletedProcess[str]:
    """Run latexmk with lualatex in *latex_dir*; the log stays in ``<name>.log``.

    Unless *all_passes*, the first pass gets an empty index and the ``.aux`` line that holds the
    last pass's page count does not by itself call for another pass.
    """
    if not all_passes:
        seed_index(latex_dir, tex_name)
    cmd = [
        "latexmk", "-pdflua", "-silent",
        "-e", f"$lualatex=q{{{LUALATEX} %O %S; s=$?; {FORGET_FONT_CACHES}; exit $s}};",
        *(["-e", f"$makeindex=q/makeindex -s {INDEX_STYLE} %O -o %D %S/;"]
          if (latex_dir / INDEX_STYLE).is_file() else []),
        *([] if all_passes else ["-e", f"$hash_calc_ignore_pattern{{aux}}=q/{PAGE_COUNT_LINE}/;"]),
        f"{tex_name}.tex",
    ]
    return subprocess.run(cmd, cwd=latex_dir, env=lualatex_env(), capture_output=True, text=True,
                          check=False)


def lualatex_env() -> dict[str, str]:
    """The environment every lualatex pass runs in."""
    env = dict(os.environ)
    if "SOURCE_DATE_EPOCH" in env:
        env.setdefault("FORCE_SOURCE_DATE", "1")
    env["LATEXOPTS"] = ""
    # One error per line in the log, however long (TeX wraps at 79 columns by default).
    env.update(max_print_line="10000", error_line="254", half_error_line="238")
    return env


def build(
    srcdir: Path,
    builddir: Path,
    sphinx_opts: list[str],
    confdir: Path | None = None,
    name: str = PDF_NAME,
    whole_fonts: bool = False,
    all_passes: bool = False,
) -> int:
    """Build the PDF; print one line per problem; return the exit status."""
    latex_dir = builddir / "latex"
    if sphinx_latex(srcdir, confdir or srcdir / "docs", latex_dir, sphinx_opts) != 0:
        print("make pdf: the LaTeX sources could not be written (see Sphinx's messages above)",
              file=sys.stderr)
        return 1
    if shutil.which("latexmk") is None or shutil.which("lualatex") is None:
        print("make pdf: latexmk/lualatex not found; run `make system-deps` first", file=sys.stderr)
        return 2
    cut_fallbacks(latex_dir, whole=whole_fonts)
    proc = latexmk(latex_dir, name, all_passes)
    pdf = latex_dir / f"{name}.pdf"
    if proc.returncode != 0:
        print(diagnose(latex_dir, name).format(), file=sys.stderr)
        print(f"make pdf: failed; full log in {os.path.relpath(latex_dir / (name + '.log'))}",
              file=sys.stderr)
        pdf.unlink(missing_ok=True)
        return 1
    log_text = (latex_dir / f"{name}.log").read_text(encoding="utf-8", errors="replace")
    if lost := lost_characters(log_text):
        print(f"make pdf: {len(lost)} missing character(s); first: {lost[0]}", file=sys.stderr)
        return 1
    for box in locate_overfull(latex_dir, srcdir, name, log_text):
        print(box.format(), file=sys.stderr)
    published = builddir / "pdf"
    published.mkdir(parents=True, exist_ok=True)
    shutil.copy2(pdf, published / pdf.name)
    passes = len(_LUALATEX_RUN.findall(proc.stdout + proc.stderr))
    print(f"PDF handbook: {os.path.relpath(pdf)} ({passes} lualatex pass{'es' * (passes != 1)})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--srcdir", type=Path, default=Path.cwd())
    parser.add_argument("--builddir", type=Path, default=None)
    parser.add_argument("--confdir", type=Path, default=None, help="default: <srcdir>/docs")
    parser.add_argument("--name", default=PDF_NAME, help="the .tex/.pdf base name")
    parser.add_argument("--whole-fonts", action="store_true",
                        help="use the CJK fallback fonts whole, not cut down (slower; to compare)")
    parser.add_argument("--all-passes", action="store_true",
                        help="let latexmk run every pass it would on its own (slower; to compare)")
    parser.add_argument("sphinx_opts", nargs="*", help="extra sphinx-build options (after --)")
    args = parser.parse_args(argv)
    srcdir = args.srcdir.resolve()
    builddir = (args.builddir or srcdir / "_build").resolve()
    confdir = args.confdir.resolve() if args.confdir else None
    return build(srcdir, builddir, args.sphinx_opts, confdir, args.name, args.whole_fonts,
                 args.all_passes)


if __name__ == "__main__":
    sys.exit(main())
