"""Settings: ``[tool.sphinx-claims]`` in ``pyproject.toml`` plus the project's Sphinx ``conf.py``.

``conf.py`` is evaluated as Sphinx's :func:`sphinx.config.eval_config_file` does (in its folder,
with ``tags``; Sphinx itself is imported only if conf.py uses ``tags``), and MyST's
settings are read from it the way myst-parser does (every ``myst_<name>`` of
:class:`~myst_parser.config.main.MdParserConfig`), so the linter parses with the build's syntax.

Rule selection follows ruff: ``select`` (default ``ALL``), ``extend-select``, ``ignore`` and
``per-file-ignores`` take codes or prefixes (``CLM``, ``CIT00``, ``ALL``); the most specific
selector wins, and ``ignore`` wins a tie.
"""

from __future__ import annotations

import contextlib
import functools
import os
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from sphinx.util.matching import Matcher

from sphinx_claims import rules

if TYPE_CHECKING:
    from myst_parser.config.main import MdParserConfig

TABLE = "sphinx-claims"
KEYS = frozenset(
    {"sources", "bibfiles", "conf", "select", "extend-select", "ignore", "per-file-ignores"}
)


class ConfigError(Exception):
    """A configuration or usage problem: reported in one line, exit status 2."""


@dataclass
class Selection:
    """Which rules are on, globally and per file."""

    select: list[str] = field(default_factory=lambda: ["ALL"])
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for selector in (*self.select, *self.extend_select, *self.ignore,
                         *(c for codes in self.per_file_ignores.values() for c in codes)):
            validate_selector(selector)
        self._cache: dict[str, bool] = {}

    def enabled(self, code: str) -> bool:
        if code not in self._cache:
            on = _specificity(code, [*self.select, *self.extend_select])
            off = _specificity(code, self.ignore)
            self._cache[code] = on >= 0 and on > off
        return self._cache[code]

    def enabled_for(self, code: str, path: str) -> bool:
        if not self.enabled(code):
            return False
        for pattern, codes in self.per_file_ignores.items():
            if _path_matches(path, pattern) and _specificity(code, codes) >= 0:
                return False
        return True


def validate_selector(selector: str) -> None:
    if selector == "ALL" or any(code.startswith(selector) for code in rules.RULES):
        return
    raise ConfigError(f"unknown rule selector '{selector}' (see `sphinx-claims rules`)")


def _specificity(code: str, selectors: Iterable[str]) -> int:
    """Length of the longest selector matching *code* (``ALL`` is 0); -1 if none matches."""
    best = -1
    for selector in selectors:
        if selector == "ALL":
            best = max(best, 0)
        elif code.startswith(selector):
            best = max(best, len(selector))
    return best


def _path_matches(path: str, pattern: str) -> bool:
    posix = path.replace("\\", "/")
    return fnmatch(posix, pattern) or PurePosixPath(posix).match(pattern)


@dataclass
class Settings:
    """Everything a run needs to know about the project."""

    root: Path
    srcdir: Path
    sources: list[Path]
    bibfiles: list[Path]
    selection: Selection
    #: conf.py's ``myst_*`` values (``None``: no conf.py); :attr:`myst` is built from them.
    myst_values: dict[str, Any] | None
    conf: Path | None = None
    root_doc: str = "index"
    exclude: Matcher = field(default_factory=lambda: Matcher([]))
    include: Matcher | None = None
    pyproject: Path | None = None

    @functools.cached_property
    def myst(self) -> MdParserConfig:
        """The MyST parser settings (myst-parser is imported only when something is parsed)."""
        return _myst_config(self.myst_values, self.conf)

    def _relative(self, path: Path) -> str | None:
        base = os.path.abspath(self.srcdir)
        absolute = os.path.abspath(path)
        if absolute != base and not absolute.startswith(base + os.sep):
            return None
        return Path(os.path.relpath(absolute, base)).as_posix()

    def excluded_dir(self, folder: Path) -> bool:
        """Whether Sphinx would skip the whole *folder* (``exclude_patterns``)."""
        rel = self._relative(folder)
        return rel is not None and self.exclude(rel)

    def excluded(self, file: Path) -> bool:
        """Whether Sphinx would leave *file* out (``exclude_patterns``/``include_patterns``)."""
        rel = self._relative(file)
        if rel is None:
            return False
        if self.exclude(rel):
            return True
        return self.include is not None and not self.include(rel)


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` with a ``[tool.sphinx-claims]`` table above *start*."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and TABLE in _load_toml(candidate).get("tool", {}):
            return candidate
    return None


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None


def _strings(table: dict[str, Any], key: str, where: Path | None) -> list[str] | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: [tool.{TABLE}] {key} must be a list of strings")
    return list(value)


def load(
    cwd: Path,
    *,
    config: Path | None = None,
    select: Sequence[str] | None = None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> Settings:
    """Read the settings for a run started in *cwd* (command-line selectors override the file)."""
    pyproject = config if config is not None else find_pyproject(cwd)
    table: dict[str, Any] = {}
    if pyproject is not None:
        if not pyproject.is_file():
            raise ConfigError(f"{pyproject}: no such file")
        table = _load_toml(pyproject).get("tool", {}).get(TABLE, {})
        unknown = set(table) - KEYS
        if unknown:
            raise ConfigError(
                f"{pyproject}: unknown key(s) in [tool.{TABLE}]: {', '.join(sorted(unknown))}"
            )
    root = pyproject.parent.resolve() if pyproject is not None else cwd.resolve()
    conf_setting = table.get("conf")
    if conf_setting is not None and not isinstance(conf_setting, str):
        raise ConfigError(f"{pyproject}: [tool.{TABLE}] conf must be a string")
    conf = _find_conf(root, conf_setting)
    namespace = _read_conf(conf) if conf is not None else {}
    per_file = table.get("per-file-ignores", {})
    if not isinstance(per_file, dict) or not all(
        isinstance(v, list) and all(isinstance(c, str) for c in v) for v in per_file.values()
    ):
        raise ConfigError(f"{pyproject}: [tool.{TABLE}] per-file-ignores must map globs to lists")
    selection = Selection(
        list(select) if select else _strings(table, "select", pyproject) or ["ALL"],
        [*(_strings(table, "extend-select", pyproject) or []), *extend_select],
        [*(_strings(table, "ignore", pyproject) or []), *ignore],
        {str(k): list(v) for k, v in per_file.items()},
    )
    sources = [root / s for s in (_strings(table, "sources", pyproject) or ["."])]
    bib_setting = _strings(table, "bibfiles", pyproject)
    if bib_setting is not None:
        bibfiles = [root / b for b in bib_setting]
    else:
        confdir = conf.parent if conf is not None else root
        bibfiles = [(confdir / b).resolve() for b in namespace.get("bibtex_bibfiles", [])]
    srcdir = root
    include = namespace.get("include_patterns")
    return Settings(
        root=root,
        srcdir=srcdir,
        sources=sources,
        bibfiles=bibfiles,
        selection=selection,
        myst_values=_myst_values(namespace) if conf is not None else None,
        conf=conf,
        root_doc=str(namespace.get("root_doc", namespace.get("master_doc", "index"))),
        exclude=Matcher([*namespace.get("exclude_patterns", []), "**/.*"]),
        include=Matcher(include) if include and list(include) != ["**"] else None,
        pyproject=pyproject,
    )


def _find_conf(root: Path, setting: str | None) -> Path | None:
    if setting is not None:
        conf = root / setting
        if not conf.is_file():
            raise ConfigError(f"{conf}: no such Sphinx configuration file")
        return conf
    for candidate in (root / "docs" / "conf.py", root / "conf.py"):
        if candidate.is_file():
            return candidate
    return None


class _Tags:
    """conf.py's ``tags``: Sphinx's own :class:`~sphinx.util.tags.Tags`, imported on first use."""

    _tags: Any = None

    def _real(self) -> Any:
        if self._tags is None:
            from sphinx.util.tags import Tags

            self._tags = Tags()
        return self._tags

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real(), name)

    def __contains__(self, tag: str) -> bool:
        return tag in self._real()

    def __iter__(self) -> Any:
        return iter(self._real())


def _read_conf(conf: Path) -> dict[str, Any]:
    """Evaluate ``conf.py`` as ``sphinx-build`` does (its folder the working directory)."""
    namespace: dict[str, Any] = {"__file__": str(conf), "tags": _Tags()}
    with contextlib.chdir(conf.parent):
        try:
            exec(compile(conf.read_bytes(), conf, "exec"), namespace)
        except SyntaxError as error:
            problem = f"There is a syntax error in your configuration file: {error}"
        except SystemExit:
            problem = ("The configuration file (or one of the modules it imports) called "
                       "sys.exit()")
        except Exception as error:
            first = str(error).strip().splitlines()
            problem = first[0] if type(error).__name__ == "ConfigError" and first else (
                "There is a programmable error in your configuration file:")
        else:
            return namespace
    raise ConfigError(f"{conf}: {problem}")


def _myst_values(namespace: dict[str, Any]) -> dict[str, Any]:
    """The ``myst_<name>`` values of conf.py (without the prefix)."""
    return {name[5:]: value for name, value in namespace.items() if name.startswith("myst_")}


def _myst_config(values: dict[str, Any] | None, conf: Path | None) -> MdParserConfig:
    """``MdParserConfig`` from the ``myst_*`` values, as ``myst_parser.sphinx_ext`` builds it.

    Without a ``conf.py`` there is no build to mirror: colon fences are enabled, since that is the
    claim directive's syntax, so a claim is never silently read as plain text.
    """
    from myst_parser.config.main import MdParserConfig

    if values is None:
        return MdParserConfig(enable_extensions={"colon_fence"})
    known = {
        name: values[name]
        for name, _, info in MdParserConfig().as_triple()
        if "sphinx" not in info.metadata.get("omit", []) and name in values
    }
    try:
        return MdParserConfig(**known)
    except (TypeError, ValueError) as error:
        raise ConfigError(f"{conf}: invalid MyST configuration: {error}") from None
