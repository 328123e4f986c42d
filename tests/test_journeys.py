"""Contributor journeys, done as a contributor does them.

* **Adding a chapter**: a copy of the project gets a short third chapter following the steps of
  README's "Adding a chapter" section (its template, its toctree, its sources), then the strict
  build (``make html``'s flags) and the content checks (``tests/test_content.py``, which find
  the chapters by themselves) run on the copy.
* **make live**: ``make live`` really started on a free localhost port; a chapter is broken
  (the rebuild fails, the last good page stays served) and then fixed, and the served page is
  polled until it shows the fix.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import REPO, copy_handbook, sphinx_build

README = REPO / "README.md"
SLUG = "journeys-third"
# Existing sources only: a test chapter never invents a source.
CHAPTER_BODY = """
This short chapter exists to show that a third chapter needs nothing but what README says.

:::{admonition} Key takeaways
:class: tip

- The two leaders held a video call in December 2021 ({claim:ref}`jt-video-call`).
:::

:::{claim} The Xi–Putin video call
:label: jt-video-call
:kind: fact
:as-of: 2021-12-15

Xi Jinping and Vladimir Putin held a video call on 15 December 2021
{cite:p}`xinhua2021modelties`; the Chinese side is led by the {term}`CCP`.
:::

:::{claim} A reading of the call
:label: jt-reading
:kind: interpretation
:attributed-to: Sense Hofstede
:attribution-certainty: probable
:certainty: unverified
:as-of: 2021-12

One reading of the call sees a steady convergence of the two countries' interests
{cite:p}`hofstede2021xiputin`.
:::

See {claim:ref}`jt-video-call`, and compare the summit in {claim:ref}`sr-summit-date`.
"""


def readme_section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", text, re.DOTALL | re.MULTILINE)
    assert match, f"README has no '{title}' section"
    return match.group(1)


def add_chapter_as_readme_says(src: Path, slug: str = SLUG) -> Path:
    """Follow README's steps: the template it shows, the toctree it names, the bib file."""
    steps = readme_section("Adding a chapter")
    template = re.search(r"```markdown\n(.*?)```", steps, re.DOTALL)
    assert template, "README shows the start of a chapter"
    start = "\n".join(line.strip() for line in template.group(1).splitlines()).strip()
    assert "`chapters/<slug>.md`" in steps and "`docs/index.md`" in steps
    assert "`/chapters/<slug>`" in steps and "`references.bib`" in steps
    start = start.replace("my-topic", slug).replace("My topic", "A third chapter")
    chapter = src / "chapters" / f"{slug}.md"
    chapter.write_text(start + "\n" + CHAPTER_BODY, encoding="utf-8")
    index = src / "docs" / "index.md"
    text = index.read_text(encoding="utf-8")
    chapters = re.search(r"```\{toctree\}\n:caption: Chapters\n(?:.*\n)*?```", text)
    assert chapters, "docs/index.md has a Chapters toctree"
    block = chapters.group(0)
    index.write_text(
        text.replace(block, block.removesuffix("```") + f"/chapters/{slug}\n```"),
        encoding="utf-8",
    )
    return chapter


def chapter_number(index: Path, slug: str) -> int:
    """The chapter number Sphinx gives ``/chapters/<slug>``: its place in ``docs/index.md``'s
    numbered toctree, read with MyST's own Markdown parser (never today's chapter count)."""
    tokens = MarkdownIt("commonmark").parse(index.read_text(encoding="utf-8"))
    for token in tokens:
        if token.type == "fence" and token.info.strip() == "{toctree}":
            lines = [line.strip() for line in token.content.splitlines()]
            if ":numbered:" not in lines:
                continue
            entries = [line for line in lines if line and not line.startswith(":")]
            if f"/chapters/{slug}" in entries:
                return entries.index(f"/chapters/{slug}") + 1
    raise AssertionError(f"/chapters/{slug} is in no numbered toctree")


def copy_project(dest: Path) -> Path:
    """The whole project as a contributor's clone has it (no venv, builds or caches)."""
    shutil.copytree(REPO, dest, ignore=shutil.ignore_patterns(
        ".git", ".venv", "_build", "node_modules", "__pycache__", "*.egg-info", ".hypothesis",
        ".pytest_cache", ".ruff_cache", "test-artifacts", ".upstream",
    ))
    return dest


def test_a_third_chapter_added_as_readme_says_passes_the_build_and_content_checks(
    tmp_path: Path,
) -> None:
    src = copy_project(tmp_path / "project")
    add_chapter_as_readme_says(src)

    build = sphinx_build(src, tmp_path / "html")  # make html: warnings are errors
    assert build.returncode == 0, build.stderr
    page = (tmp_path / "html" / "chapters" / f"{SLUG}.html").read_text(encoding="utf-8")
    number = chapter_number(src / "docs" / "index.md", SLUG)
    assert f"Claim {number}.1" in page, f"the new chapter is numbered {number}, as its toctree"

    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_content.py", "-q", "-p", "no:cacheprovider",
         "-x"],
        capture_output=True, text=True, cwd=src, timeout=1200,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert re.search(r"\d+ passed", proc.stdout), proc.stdout[-2000:]


def test_the_chapter_number_follows_the_toctree_not_todays_book(tmp_path: Path) -> None:
    """A contributor's chapter already added as README says moves the journey's chapter one
    place down: the number the journey expects moves with it."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "chapters").mkdir()
    index = tmp_path / "docs" / "index.md"
    shutil.copy2(REPO / "docs" / "index.md", index)
    last = chapter_number(index, "sino-russian")
    add_chapter_as_readme_says(tmp_path, "contributed")
    add_chapter_as_readme_says(tmp_path)
    assert (chapter_number(index, "contributed"), chapter_number(index, SLUG)) == (
        last + 1, last + 2)


# --- make live ---------------------------------------------------------------------------------


def _free_port() -> int:
    """A free port below the kernel's ephemeral range: ``make live`` binds it only after its
    first build, and a port the kernel hands out for port 0 (to the browser tests' server in
    another worker, say) could be taken by then; one below that range never is."""
    ephemeral = Path("/proc/sys/net/ipv4/ip_local_port_range")
    top = int(ephemeral.read_text().split()[0]) if ephemeral.exists() else 32768
    first = 10_000 + os.getpid() % (top - 10_000)  # concurrent runs start apart
    for offset in range(top - 10_000):
        port = 10_000 + (first - 10_000 + offset) % (top - 10_000)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise AssertionError(f"no free port between 10000 and {top}")


def _get(url: str) -> str | None:
    """The page, or None while the server is not up or the page is being rewritten (a
    response cut short: http.client.IncompleteRead)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, text: str, proc: subprocess.Popen[str], seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, "make live exited"
        page = _get(url)
        if page is not None and text in page:
            return page
        time.sleep(1)
    raise AssertionError(f"{url} did not show {text!r} within {seconds} s")


@pytest.mark.slow
def test_make_live_recovers_after_a_broken_edit(tmp_path: Path) -> None:
    src = copy_handbook(tmp_path / "project")
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(REPO / name, src / name)
    shutil.copytree(REPO / "tools", src / "tools",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copytree(REPO / "requirements", src / "requirements")
    venv = Path(sys.prefix)
    assert (venv / ".installed").is_file(), "the project's venv (make .venv/.installed)"
    port = _free_port()
    log = (tmp_path / "live.log").open("w")
    proc = subprocess.Popen(
        # -o: never reinstall the suite's own venv from this copy (its pyproject.toml may be
        # newer than the venv's stamp), which would point the venv's packages at tmp_path
        ["make", "live", "-o", f"{venv}/.installed", f"VENV={venv}", f"LIVE_PORT={port}",
         f"BUILDDIR={tmp_path / 'build'}"],
        cwd=src, stdout=log, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/chapters/sino-russian.html"
    chapter = src / "chapters" / "sino-russian.md"
    original = chapter.read_text(encoding="utf-8")
    try:
        _wait_for(url, "strategic convergence", proc, 600)
        # a broken edit: an unknown role fails the strict rebuild; the old page stays served
        chapter.write_text(original + "\nA broken edit {nosuchrole}`x`.\n", encoding="utf-8")
        # Sphinx's last line, once the failed rebuild has written every page (the warning comes
        # first, while pages are still being written: a request then can meet a half page)
        deadline = time.monotonic() + 600
        while "build finished with problems" not in (tmp_path / "live.log").read_text():
            assert time.monotonic() < deadline, "the broken edit was never rebuilt"
            assert proc.poll() is None, "make live exited on a broken edit"
            time.sleep(1)
        page = _get(url)
        assert page is not None and "strategic convergence" in page
        # the fix: the next good edit is built and served
        chapter.write_text(original + "\nA sentence the live preview shows.\n", encoding="utf-8")
        _wait_for(url, "A sentence the live preview shows.", proc, 600)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()
    output = (tmp_path / "live.log").read_text()
    assert "nosuchrole" in output  # the failure was reported, with its file
    assert "sino-russian.md" in output
