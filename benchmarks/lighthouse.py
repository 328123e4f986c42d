"""The site on a phone: Lighthouse 12 on each page type, the handbook's site against stock.

Builds the handbook twice from the same sources — with its own configuration, and with the
stock sphinx-book-theme (``docs/conf.py`` with the theme's settings, templates and the
handbook's static files reset to the theme's defaults) — serves each with gzip as a static
host does (``benchmarks/static_server.py``) and runs Lighthouse (``tests/browser``, pinned) on
every page type, in Lighthouse's default mobile form factor with its default simulated
throttling, three runs each; the median run (by performance score) is reported.

Writes ``benchmarks/results/lighthouse.{md,json}``. ``make lighthouse`` runs it.
Usage: ``python benchmarks/lighthouse.py [--runs 3] [--only ours] [--site DIR]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
from benchmarks.static_server import serve  # noqa: E402

RESULTS = HERE / "results"
LIGHTHOUSE = REPO / "tests" / "browser" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu"
PAGE_TYPES = {
    "chapter": "chapters/sino-russian.html",
    "register": "docs/register.html",
    "bibliography": "docs/bibliography.html",
    "search": "search.html?q=Korybko",
    "landing": "docs/index.html",
}
#: The stock theme: the handbook's conf.py (same extensions, same text), the HTML look reset.
STOCK_CONF = """\
import runpy
_conf = runpy.run_path({conf!r})
globals().update({{k: v for k, v in _conf.items() if not k.startswith("__")}})
bibtex_bibfiles = [{bib!r}]
templates_path = []
html_static_path = []
# the theme's defaults (handbook.cite_page would put its panel in an unset article footer)
html_theme_options = {{"article_header_end": ["article-header-buttons.html"],
                       "article_footer_items": []}}
html_sidebars = {{}}
html_additional_pages = {{}}
html_favicon = None
html_search_scorer = ""
handbook_pdf_dir = ""
"""


def build(config_dir: Path, out: Path) -> None:
    """``sphinx-build -b html`` of the repository with *config_dir*'s conf.py into *out*."""
    sphinx = Path(sys.executable).with_name("sphinx-build")
    cmd = [str(sphinx), "-q", "-b", "html", "-c", str(config_dir), "-d", str(out / ".doctrees"),
           str(REPO), str(out)]
    subprocess.run(cmd, check=True, cwd=REPO)


def stock_site(work: Path) -> Path:
    conf = work / "stock-conf"
    conf.mkdir(parents=True, exist_ok=True)
    (conf / "conf.py").write_text(STOCK_CONF.format(conf=str(REPO / "docs" / "conf.py"),
                                                    bib=str(REPO / "references.bib")))
    build(conf, work / "stock")
    return work / "stock"


def lighthouse(url: str) -> dict[str, Any]:
    """One Lighthouse run (mobile, simulated throttling: the defaults), the numbers we keep."""
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    cmd = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
           f"--chrome-flags={CHROME_FLAGS}", "--only-categories=performance,accessibility"]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    report = json.loads(proc.stdout)
    audits = report["audits"]
    blocking = audits["render-blocking-resources"].get("details", {}).get("items", ())
    failed_a11y = [ref["id"] for ref in report["categories"]["accessibility"]["auditRefs"]
                   if ref["weight"] and audits[ref["id"]]["score"] not in (1, None)]
    return {
        "performance": round(report["categories"]["performance"]["score"] * 100),
        "accessibility": round(report["categories"]["accessibility"]["score"] * 100),
        "lcp_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 2),
        "fcp_s": round(audits["first-contentful-paint"]["numericValue"] / 1000, 2),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "kib": round(audits["total-byte-weight"]["numericValue"] / 1024),
        "render_blocking": [item["url"].rsplit("/", 1)[-1] for item in blocking],
        "failed_accessibility": failed_a11y,
        "lighthouse": report["lighthouseVersion"],
        "form_factor": report["configSettings"]["formFactor"],
        "throttling": report["configSettings"]["throttlingMethod"],
    }


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run with the median performance score (its own LCP, TBT… kept together)."""
    ordered = sorted(runs, key=lambda r: (r["performance"], -r["lcp_s"]))
    chosen = dict(ordered[len(ordered) // 2])
    chosen["performance_runs"] = [r["performance"] for r in runs]
    chosen["lcp_median_s"] = statistics.median(r["lcp_s"] for r in runs)
    return chosen


def measure(sites: dict[str, Path], runs: int) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    for name, site in sites.items():
        with serve(site) as root:
            for kind, path in PAGE_TYPES.items():
                done = [lighthouse(root + path) for _ in range(runs)]
                results.setdefault(kind, {})[name] = median_run(done)
                print(f"{kind:13} {name:6} {results[kind][name]['performance_runs']}", flush=True)
    return results


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def table(results: dict[str, dict[str, Any]], loads: tuple[str, str]) -> str:
    lines = [
        f"Load average (1, 5, 15 min) at start: {loads[0]}; at end: {loads[1]}.",
        "",
        "| page type | site | performance (3 runs) | accessibility | LCP s | FCP s | TBT ms "
        "| CLS | KiB transferred |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for kind, sites in results.items():
        for name, r in sites.items():
            runs = "/".join(map(str, r["performance_runs"]))
            lines.append(f"| {kind} | {name} | **{r['performance']}** ({runs}) "
                         f"| {r['accessibility']} | {r['lcp_s']} | {r['fcp_s']} | {r['tbt_ms']} "
                         f"| {r['cls']} | {r['kib']} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=("ours", "stock"), help="measure one site only")
    parser.add_argument("--site", type=Path, help="an existing build of ours (skip the build)")
    parser.add_argument("--out", default="lighthouse", help="results/<out>.{md,json}")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.is_file():
        parser.error(f"{LIGHTHOUSE.relative_to(REPO)} is missing: cd tests/browser && npm ci")
    work = Path(tempfile.mkdtemp(prefix="handbook-lighthouse-"))
    try:
        sites: dict[str, Path] = {}
        if args.only != "ours":
            sites["stock"] = stock_site(work)
        if args.only != "stock":
            if args.site:
                sites["ours"] = args.site
            else:
                build(REPO / "docs", work / "ours")
                sites["ours"] = work / "ours"
        start = load()
        results = measure(sites, args.runs)
        loads = (start, load())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{args.out}.json").write_text(
        json.dumps({"load": loads, "results": results}, indent=1) + "\n")
    text = table(results, loads)
    (RESULTS / f"{args.out}.md").write_text(text)
    print(textwrap.indent(text, "  "))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
