"""Generate the linter benchmark corpus: MyST chapters full of claims and one large .bib file.

``python benchmarks/gen_lint_corpus.py OUT [--files 2000] [--claims 100000] [--entries 10000]``
writes ``OUT/chapters/*.md``, ``OUT/references.bib``, ``OUT/docs/conf.py`` (the handbook's own
MyST settings), ``OUT/docs/index.md`` (a numbered toctree) and ``OUT/pyproject.toml``. The corpus
is deterministic (fixed seed) and valid: it mixes the constructs the linter must get right
(options, nested admonitions, code blocks and code spans holding role-like text, prose) so that
the benchmark measures real parsing, not a best case.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORDS = tuple(
    [
        "naval",
        "exercise",
        "navy",
        "ministry",
        "defence",
        "talks",
        "pipeline",
        "gas",
        "trade",
        "rouble",
        "yuan",
        "summit",
        "delegation",
        "agreement",
        "port",
        "corridor",
        "energy",
        "grain",
        "visit",
        "statement",
        "communique",
        "sanctions",
        "cooperation",
        "partnership",
        "minister",
        "foreign",
        "security",
        "council",
        "bilateral",
        "regional",
        "strategic",
        "economic",
    ]
)
KINDS = ("fact", "fact", "fact", "interpretation", "assessment", "quotation")
CERTAINTIES = ("confirmed", "confirmed", "probable", "disputed")
ENTRY_TYPES = ("online", "article", "book", "report")


def sentence(rng: random.Random, n: int) -> str:
    words = rng.choices(WORDS, k=n)
    return " ".join(words).capitalize()


def bib_entry(i: int, rng: random.Random) -> str:
    key = f"src{i:05d}"
    etype = ENTRY_TYPES[i % len(ENTRY_TYPES)]
    year = 1990 + i % 35
    fields = [
        ("author", f"Author{i % 997}, Given"),
        ("title", sentence(rng, 6)),
        ("date", f"{year}-{1 + i % 12:02d}"),
    ]
    if etype == "online":
        fields += [
            ("organization", f"Site {i % 50}"),
            ("url", f"https://example.org/{key}"),
            ("urldate", "2025-01-15"),
        ]
    elif etype == "article":
        fields += [("journal", f"Journal {i % 40}"), ("doi", f"10.{1000 + i % 9000}/j.{i}")]
    elif etype == "book":
        fields += [("publisher", f"Press {i % 30}")]
    else:
        fields += [("institution", f"Institute {i % 20}"), ("type", "Working paper")]
    body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields)
    return f"@{etype}{{{key},\n{body},\n}}\n"


def claim(label: str, rng: random.Random, keys: list[str]) -> str:
    kind = rng.choice(KINDS)
    options = [f":label: {label}", f":kind: {kind}"]
    if kind in ("interpretation", "quotation"):
        options.append(":attributed-to: A. Analyst")
    if rng.random() < 0.4:
        options.append(f":certainty: {rng.choice(CERTAINTIES)}")
    if rng.random() < 0.3:
        options.append(f":as-of: 20{rng.randint(10, 25)}-0{rng.randint(1, 9)}")
    cites = ", ".join(rng.sample(keys, rng.choice((1, 1, 2))))
    role = rng.choice(("cite:p", "cite:t", "cite:p", "cite:ps"))
    body = [
        f"{sentence(rng, 12)} {{{role}}}`{cites}`.",
        f"{sentence(rng, 10)}, and ``{{cite:p}}`not-a-citation` `` stays code.",
    ]
    if rng.random() < 0.1:
        body += ["", ":::{note}", f"{sentence(rng, 8)} {{cite:p}}`{rng.choice(keys)}`.", ":::"]
    title = f" {sentence(rng, 4)}" if rng.random() < 0.5 else ""
    fence = "::::" if any(line.startswith(":::") for line in body) else ":::"
    return "\n".join([f"{fence}{{claim}}{title}", *options, "", *body, fence, ""])


def chapter(n: int, per_file: int, rng: random.Random, keys: list[str]) -> str:
    parts = [f"(ch-{n:04d})=", f"# Chapter {n}", "", sentence(rng, 20) + ".", ""]
    for j in range(per_file):
        if j % 10 == 0:
            parts += [f"## Section {j // 10 + 1}", "", sentence(rng, 25) + ".", ""]
        if j % 25 == 7:
            parts += ["```text", "{cite:p}`in-a-code-block` is not a citation", "```", ""]
        parts.append(claim(f"c{n:04d}-{j:03d}", rng, keys))
    return "\n".join(parts)


CONF = '''"""Benchmark corpus: the handbook's MyST settings, no theme."""
project = "lint benchmark"
root_doc = "docs/index"
include_patterns = ["docs/**", "chapters/**"]
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_claims"]
myst_enable_extensions = MYST
bibtex_bibfiles = ["../references.bib"]
bibtex_reference_style = "author_year"
suppress_warnings = ["myst.xref_missing"]
'''


def handbook_myst_extensions() -> list[str]:
    """The ``myst_enable_extensions`` of the real handbook (its docs/conf.py, executed)."""
    namespace: dict[str, object] = {"__file__": str(REPO / "docs" / "conf.py")}
    exec(compile((REPO / "docs" / "conf.py").read_text(), "conf.py", "exec"), namespace)
    return list(namespace.get("myst_enable_extensions", []))  # type: ignore[call-overload]


def generate(out: Path, files: int, claims: int, entries: int, seed: int = 20251122) -> None:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "chapters").mkdir(parents=True)
    (out / "docs").mkdir()
    keys = [f"src{i:05d}" for i in range(entries)]
    (out / "references.bib").write_text("\n".join(bib_entry(i, rng) for i in range(entries)))
    per_file, extra = divmod(claims, files)
    names = []
    for n in range(files):
        count = per_file + (1 if n < extra else 0)
        text = chapter(n, count, rng, keys)
        (out / "chapters" / f"ch{n:04d}.md").write_text(text)
        names.append(f"ch{n:04d}")
    # Cite every entry once more from an appendix so that none is unused (BIB009).
    appendix = ["# Appendix", ""]
    for start in range(0, entries, 50):
        chunk = ", ".join(keys[start : start + 50])
        appendix += [
            ":::{claim}",
            f":label: appendix-{start // 50:04d}",
            "",
            f"Sources {{cite:p}}`{chunk}`.",
            ":::",
            "",
        ]
    (out / "chapters" / "appendix.md").write_text("\n".join(appendix))
    toctree = "\n".join(f"/chapters/{name}" for name in [*names, "appendix"])
    (out / "docs" / "index.md").write_text(
        f"# Benchmark\n\n```{{toctree}}\n:numbered:\n\n{toctree}\n```\n"
    )
    (out / "docs" / "conf.py").write_text(CONF.replace("MYST", repr(handbook_myst_extensions())))
    (out / "pyproject.toml").write_text(
        '[tool.sphinx-claims]\nsources = ["chapters", "docs"]\nbibfiles = ["references.bib"]\n'
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--entries", type=int, default=10_000)
    args = parser.parse_args()
    generate(args.out, args.files, args.claims, args.entries)


if __name__ == "__main__":
    main()
