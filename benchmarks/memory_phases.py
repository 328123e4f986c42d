"""Where a build's memory and time go, phase by phase (issue 25).

Generates a synthetic book (``generate.py``), adds a small probe extension to its ``conf.py``
and runs ``sphinx-build`` under ``nice``: at each phase (environment loaded, every tenth
document read, ``env-updated`` before and after the other handlers, the environment pickled,
every tenth document resolved, the bibliography and register pages, the end) the probe prints
the process's resident memory, its high-water mark and its CPU seconds, read from
``/proc/self/status`` and :func:`time.process_time`. With ``-j 2`` the main process's lines show
which phases stay serial.

Usage: ``python benchmarks/memory_phases.py --chapters 50 [--config stock] [-j 2]``
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from benchmarks.generate import CONFIGS, Shape, generate  # noqa: E402

PROBE = '''
import os, sys, time


def _status():
    values = {}
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(("VmRSS", "VmHWM")):
                key, value = line.split(":")
                values[key] = int(value.split()[0]) // 1024
    return values


def log(what):
    v = _status()
    sys.stderr.write(f"[phase] pid {os.getpid()} cpu {time.process_time():7.1f} s  "
                     f"rss {v['VmRSS']:5d} MB  peak {v['VmHWM']:5d} MB  {what}\\n")


def setup(app):
    read, resolved = [0], [0]

    def doctree_read(app, doctree):
        read[0] += 1
        if read[0] % 10 == 0:
            log(f"read {read[0]}")

    def doctree_resolved(app, doctree, docname):
        resolved[0] += 1
        if resolved[0] % 10 == 0 or docname.startswith("docs/"):
            log(f"resolved {resolved[0]} ({docname})")

    app.connect("builder-inited", lambda app: log("environment loaded"))
    app.connect("doctree-read", doctree_read)
    app.connect("env-updated", lambda app, env: log("env-updated (first)"), priority=1)
    app.connect("env-updated", lambda app, env: log("env-updated (last)"), priority=999)
    app.connect("env-check-consistency", lambda app, env: log("environment pickled"))
    app.connect("doctree-resolved", doctree_resolved, priority=999)
    app.connect("build-finished", lambda app, exc: log("finished"))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
'''


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chapters", type=int, default=50)
    parser.add_argument("--per-chapter", type=int, default=50)
    parser.add_argument("--config", choices=CONFIGS, default="project")
    parser.add_argument("-j", "--jobs", default="1")
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="memory-phases-"))
    claims = args.chapters * args.per_chapter
    book = generate(work / "book", Shape(args.chapters, claims, claims), args.config,
                    "admonitions" if args.config == "stock" else "claims")
    (work / "probe").mkdir(exist_ok=True)
    (work / "probe" / "phase_probe.py").write_text(PROBE)
    with (book / "docs" / "conf.py").open("a") as conf:
        conf.write(f"\nimport sys\nsys.path.insert(0, {str(work / 'probe')!r})\n"
                   "extensions.append('phase_probe')\n")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    cmd = ["nice", "-n", "10", sys.executable, "-m", "sphinx", "-b", "html", "-c",
           str(book / "docs"), "-q", "-j", args.jobs, str(book), str(book / "_out")]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    for line in proc.stderr.splitlines():
        if line.startswith("[phase]"):
            print(line[len("[phase] "):])
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return proc.returncode


if __name__ == "__main__":
    raise SystemExit(main())
