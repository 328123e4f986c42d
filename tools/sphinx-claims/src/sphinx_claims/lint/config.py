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
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from sphinx_claims import model, rules
from sphinx_claims.lint import external_toc
from sphinx_claims.lint.external_toc import ExternalToc
from sphinx_claims.lint.suffixes import NO_CONF, reader, source_suffixes

if TYPE_CHECKING:
    from myst_parser.config.main import MdParserConfig

TABLE = "sphinx-claims"
KEYS = frozenset(
    {"sources", "bibfiles", "conf", "srcdir", "select", "extend-select", "ignore",
     "per-file-ignores", "literal-directives", "extend-literal-directives", "data-model"}
)
#: ``data-model`` values: BIB004 checks biblatex's data model or the pybtex style's needs.
BIBLATEX, PYBTEX = "biblatex", "pybtex"
#: Where Sphinx projects keep ``conf.py`` (``sphinx-quickstart``, ``--sep``, Read the Docs …).
CONF_PLACES = (".", "docs", "doc", "source", "docs/source", "doc/source", "book", "docs/src")
#: Directives whose body is code that is run or shown, never MyST (beyond the core's list).
EXECUTION_DIRECTIVES = frozenset(
    {"jupyter-execute", "jupyter-input", "jupyter-output", "jupyter-kernel", "ipython",
     "code-cell", "doctest", "testcode", "testsetup", "testcleanup", "testoutput", "plot",
     "exec", "execute", "runblock", "program-output", "command-output", "prompt",
     "bokeh-plot", "altair-plot", "literalinclude", "code", "code-block", "sourcecode"}
)
#: Jupyter Book's own defaults (``jupyter-book`` 1.x ``_config.yml``).
JUPYTER_BOOK_MYST = ("colon_fence", "dollarmath", "linkify", "substitution", "tasklist")
_BUILD_MARKERS = ("_sources", ".buildinfo", ".doctrees", "pyvenv.cfg")


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
    posix = path.replace("\\", "/").split(":cell ", 1)[0]  # a notebook cell: its file
    return fnmatch(posix, pattern) or PurePosixPath(posix).match(pattern)


def glob_regex(pattern: str) -> str:
    """Sphinx's glob for ``exclude_patterns`` and ``include_patterns`` as a regular expression:
    ``*`` and ``?`` stop at ``/``, ``**`` crosses it, ``[…]`` is a set (``[!…]`` a negated one
    that never matches ``/``); an unclosed ``[`` is itself (``sphinx.util.matching``'s rules)."""
    out, i, n = [], 0, len(pattern)
    while i < n:
        char = pattern[i]
        i += 1
        if char == "*" and pattern[i : i + 1] == "*":
            i += 1
            out.append(".*")
        elif char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            j = i + (pattern[i : i + 1] == "!")
            j += pattern[j : j + 1] == "]"
            end = pattern.find("]", j)
            if end < 0:
                out.append("\\[")
                continue
            stuff = pattern[i:end].replace("\\", "\\\\")
            i = end + 1
            if stuff[0] == "!":
                stuff = "^/" + stuff[1:]
            elif stuff[0] == "^":
                stuff = "\\" + stuff
            out.append(f"[{stuff}]")
        else:
            out.append(re.escape(char))
    return "".join(out) + "$"


class Matcher:
    """Whether a POSIX path relative to the source directory matches any of *patterns*, as
    Sphinx matches ``exclude_patterns`` (a leading ``**/`` also matches at the top)."""

    def __init__(self, patterns: Iterable[str]) -> None:
        patterns = list(patterns)
        expanded = [p[3:] for p in patterns if p.startswith("**/")]
        self.patterns = [re.compile(glob_regex(p)) for p in [*patterns, *expanded]]

    def __call__(self, path: str) -> bool:
        path = path.replace(os.sep, "/")
        return any(pattern.match(path) for pattern in self.patterns)


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
    #: ``{suffix: filetype}`` as Sphinx merges ``source_suffix`` (:mod:`.suffixes`).
    suffixes: dict[str, str] = field(default_factory=lambda: dict(NO_CONF))
    literal: frozenset[str] = field(default_factory=frozenset)
    toc_files: frozenset[str] | None = None  # an external _toc.yml: the documents it lists
    #: The toctrees an external ``_toc.yml`` inserts into each document (:mod:`.external_toc`).
    toc_trees: dict[str, list[Any]] = field(default_factory=dict)
    book: Path | None = None  # Jupyter Book's _config.yml
    exclude_patterns: list[str] = field(default_factory=list)
    include_patterns: list[str] | None = None
    #: conf.py's ``locale_dirs`` (resolved against the source directory, as Sphinx does) and
    #: ``gettext_compact``.
    locale_dirs: list[Path] = field(default_factory=list)
    gettext_compact: bool | str = True
    #: conf.py's ``claims_editions_dir`` (recorded editions and changes.toml), resolved.
    editions: Path | None = None
    #: Whose required fields BIB004 checks: ``"biblatex"`` (its data model) or ``"pybtex"``.
    data_model: str = "pybtex"
    #: The pybtex style the book renders with (``bibtex_default_style``), for ``"pybtex"``.
    bib_style: str = "alpha"

    @property
    def pybtex_style(self) -> str | None:
        """The pybtex style BIB004 asks, or ``None`` when it checks biblatex's data model."""
        return self.bib_style if self.data_model == PYBTEX else None

    @functools.cached_property
    def myst(self) -> MdParserConfig:
        """The MyST parser settings (myst-parser is imported only when something is parsed)."""
        return _myst_config(self.myst_values, self.conf or self.book)

    def _relative(self, path: Path) -> str | None:
        base = os.path.abspath(self.srcdir)
        absolute = os.path.abspath(path)
        if absolute != base and not absolute.startswith(base + os.sep):
            return None
        return Path(os.path.relpath(absolute, base)).as_posix()

    def excluded_dir(self, folder: Path) -> bool:
        """Whether Sphinx would skip the whole *folder* (``exclude_patterns``), or it is build
        output (``_sources/``, ``.buildinfo``, doctrees) or a virtual environment."""
        if folder.name in ("_build", "site-packages", "node_modules", "jupyter_execute") or any(
            (folder / marker).exists() for marker in _BUILD_MARKERS
        ):
            return True
        rel = self._relative(folder)
        return rel is not None and self.exclude(rel)

    def is_source(self, file: Path) -> bool:
        """Whether Sphinx reads *file* as a document (its name ends in a source suffix)."""
        return reader(self.suffixes, file.name) is not None

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


def find_project(start: Path) -> Path:
    """The folder of the project *start* lies in: the nearest one upward holding a Sphinx
    ``conf.py`` (in one of :data:`CONF_PLACES`) or a Jupyter Book ``_config.yml`` with its
    ``_toc.yml``; *start* itself when none does (a run from a book's subfolder finds the book)."""
    for folder in (start, *start.parents):
        if any((folder / place / "conf.py").is_file() for place in CONF_PLACES):
            return folder
        if (folder / "_config.yml").is_file() and (folder / "_toc.yml").is_file():
            return folder
    return start


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
    conf: Path | None = None,
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
    root = pyproject.parent.resolve() if pyproject is not None else find_project(cwd.resolve())
    conf_setting = table.get("conf")
    if conf_setting is not None and not isinstance(conf_setting, str):
        raise ConfigError(f"{pyproject}: [tool.{TABLE}] conf must be a string")
    if conf is not None:
        conf_file: Path | None = _conf_file(conf.resolve() if conf.is_absolute() else cwd / conf)
    else:
        conf_file = _find_conf(root, conf_setting)
    book = _find_book(root) if conf_file is None else None
    if conf_file is not None:
        namespace = _read_conf(conf_file)
    elif book is not None:
        namespace = jupyter_book_namespace(book)
    else:
        namespace = {}
    toc = _external_toc(namespace, conf_file.parent if conf_file is not None else
                        book.parent if book is not None else None)
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
    confdir = conf_file.parent if conf_file is not None else book.parent if book else root
    source_setting = _strings(table, "sources", pyproject)
    srcdir = _srcdir(table, pyproject, root, confdir, source_setting)
    sources = [root / s for s in source_setting] if source_setting else [srcdir]
    bib_setting = _strings(table, "bibfiles", pyproject)
    if bib_setting is not None:
        bibfiles = [root / b for b in bib_setting]
    else:  # sphinxcontrib-bibtex resolves them against the configuration directory
        bibfiles = [(confdir / b).resolve() for b in namespace.get("bibtex_bibfiles", [])]
    include = namespace.get("include_patterns")
    if toc is not None and namespace.get("external_toc_exclude_missing"):
        # sphinx-external-toc excludes every document the toc does not name
        include = [*(include or []), *(f"{name}.*" for name in toc.files)]
    exclude = [*namespace.get("exclude_patterns", []), *_asset_paths(namespace)]
    literal = _strings(table, "literal-directives", pyproject)
    literal_set = frozenset(literal) if literal is not None else EXECUTION_DIRECTIVES
    literal_set |= frozenset(_strings(table, "extend-literal-directives", pyproject) or [])
    model_setting = table.get("data-model")
    if model_setting is not None and model_setting not in (BIBLATEX, PYBTEX):
        raise ConfigError(f"{pyproject}: [tool.{TABLE}] data-model must be "
                          f"\"{BIBLATEX}\" or \"{PYBTEX}\"")
    return Settings(
        data_model=model_setting or (BIBLATEX if _builds_with_biblatex(namespace) else PYBTEX),
        bib_style=str(namespace.get("bibtex_default_style", "alpha")),
        root=root,
        srcdir=srcdir,
        sources=sources,
        bibfiles=bibfiles,
        selection=selection,
        myst_values=_myst_values(namespace) if conf_file or book else None,
        conf=conf_file,
        root_doc=toc.root if toc is not None else str(
            namespace.get("root_doc", namespace.get("master_doc", "index"))),
        exclude=Matcher([*exclude, "**/.*"]),
        include=Matcher(include) if include and list(include) != ["**"] else None,
        pyproject=pyproject,
        suffixes=(source_suffixes(namespace) if conf_file or book
                  else dict(NO_CONF)),
        literal=literal_set,
        toc_files=frozenset(toc.files) if toc is not None else None,
        toc_trees=toc.trees if toc is not None else {},
        book=book,
        exclude_patterns=exclude,
        include_patterns=list(include) if include else None,
        locale_dirs=[(srcdir / str(d)).resolve()
                     for d in namespace.get("locale_dirs", ["locales"])],
        gettext_compact=_compact(namespace.get("gettext_compact", True)),
        editions=_editions_dir(namespace, confdir),
    )


def _compact(value: object) -> bool | str:
    """``gettext_compact`` as Sphinx reads it (``-D gettext_compact=0`` gives a string)."""
    if isinstance(value, str) and value in ("0", "1"):
        return value == "1"
    return value if isinstance(value, str) else bool(value)


def _editions_dir(namespace: dict[str, Any], confdir: Path) -> Path | None:
    """``claims_editions_dir`` resolved against the configuration directory (as the build)."""
    value = namespace.get("claims_editions_dir")
    return (confdir / value).resolve() if isinstance(value, str) and value else None


def _builds_with_biblatex(namespace: dict[str, Any]) -> bool:
    """Whether conf.py's LaTeX setup loads biblatex (its references are then rendered by
    biblatex and biber, which read biblatex's data model)."""
    latex = namespace.get("latex_elements") or {}
    text = " ".join(str(value) for value in latex.values()) if isinstance(latex, dict) else ""
    return "{biblatex}" in text or "\\addbibresource" in text


def _srcdir(
    table: dict[str, Any], pyproject: Path | None, root: Path, confdir: Path,
    sources: list[str] | None,
) -> Path:
    """Sphinx's source directory: ``srcdir`` if set, else conf.py's folder, unless the configured
    sources lie outside it (``sphinx-build -c docs .``: the handbook's own layout)."""
    setting = table.get("srcdir")
    if setting is not None:
        if not isinstance(setting, str):
            raise ConfigError(f"{pyproject}: [tool.{TABLE}] srcdir must be a string")
        return (root / setting).resolve()
    if sources and not all(_inside((root / s).resolve(), confdir.resolve()) for s in sources):
        return root
    return confdir.resolve()


def _asset_paths(namespace: dict[str, Any]) -> list[str]:
    """Folders Sphinx never reads as sources: templates, static and extra paths, ``_sources``."""
    found = ["**/_sources"]
    for key in ("templates_path", "html_static_path", "html_extra_path"):
        value = namespace.get(key) or []
        found += [str(v) for v in value if isinstance(v, str)]
    return found


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _conf_file(path: Path) -> Path:
    """``--conf``: a conf.py or the folder holding one."""
    conf = path / "conf.py" if path.is_dir() else path
    if not conf.is_file():
        raise ConfigError(f"{conf}: no such Sphinx configuration file")
    return conf


def _find_conf(root: Path, setting: str | None) -> Path | None:
    if setting is not None:
        conf = root / setting
        if not conf.is_file():
            raise ConfigError(f"{conf}: no such Sphinx configuration file")
        return conf
    for place in CONF_PLACES:
        candidate = root / place / "conf.py"
        if candidate.is_file():
            return candidate
    found = _one_below(root, ("conf.py",))
    return found[0] if found else None


def _one_below(root: Path, names: tuple[str, ...]) -> list[Path] | None:
    """*names* (all of them) in exactly one folder right below *root* (``lectures/``, say)."""
    hits = [
        [folder / name for name in names]
        for folder in sorted(root.iterdir()) if folder.is_dir()
        and not folder.name.startswith((".", "_")) and not (folder / "pyvenv.cfg").exists()
        and all((folder / name).is_file() for name in names)
    ] if root.is_dir() else []
    return hits[0] if len(hits) == 1 else None


def _find_book(root: Path) -> Path | None:
    """A Jupyter Book ``_config.yml`` (with its ``_toc.yml``) in the project or ``book/``."""
    for place in (".", "book", "docs"):
        candidate = root / place / "_config.yml"
        if candidate.is_file() and (candidate.parent / "_toc.yml").is_file():
            return candidate
    found = _one_below(root, ("_config.yml", "_toc.yml"))
    return found[0] if found else None


def jupyter_book_namespace(book: Path) -> dict[str, Any]:
    """A conf.py namespace from Jupyter Book's ``_config.yml`` and ``_toc.yml`` (jupyter-book 1
    maps them the same way: ``parse.myst_*``, ``bibtex_bibfiles``, ``sphinx.config``)."""
    import yaml

    def read(path: Path) -> dict[str, Any]:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            raise ConfigError(f"{path}: cannot read: {str(error).splitlines()[0]}") from None
        return data if isinstance(data, dict) else {}

    config = read(book)
    parse = config.get("parse") or {}
    extensions = list(parse.get("myst_enable_extensions", JUPYTER_BOOK_MYST))
    namespace: dict[str, Any] = {
        "extensions": ["myst_nb", "sphinxcontrib.bibtex",
                       *((config.get("sphinx") or {}).get("extra_extensions") or [])],
        # every extension, as jupyter-book passes them (myst-parser itself skips linkify when
        # linkify-it-py is missing, in the build and here alike)
        "myst_enable_extensions": extensions,
        "exclude_patterns": [*config.get("exclude_patterns", []), "_build", "Thumbs.db",
                             ".DS_Store", "**.ipynb_checkpoints"],
        "bibtex_bibfiles": config.get("bibtex_bibfiles", []),
        "html_static_path": ["_static"],  # jupyter-book adds the book's _static folder
    }
    for key, value in parse.items():
        if key.startswith("myst_") and key != "myst_enable_extensions":
            namespace[key] = value
    namespace.update((config.get("sphinx") or {}).get("config") or {})
    namespace["_external_toc"] = book.parent / "_toc.yml"
    if config.get("only_build_toc_files"):
        namespace["external_toc_exclude_missing"] = True
    return namespace


def _external_toc(namespace: dict[str, Any], confdir: Path | None) -> ExternalToc | None:
    """The book's external table of contents: Jupyter Book's ``_toc.yml``, or conf.py's
    ``external_toc_path`` when ``sphinx_external_toc`` is among its extensions."""
    path = namespace.get("_external_toc")
    if path is None and confdir is not None and namespace.get("external_toc_path") and (
        "sphinx_external_toc" in namespace.get("extensions", [])
    ):
        path = confdir / str(namespace["external_toc_path"])
    if path is None:
        return None
    try:
        return external_toc.read(Path(path))
    except external_toc.TocError as error:
        raise ConfigError(str(error)) from None


def describe(settings: Settings) -> str:
    """What discovery found, one ``name = value`` a line (``--show-settings``, as ruff has)."""

    def show(value: object) -> str:
        if isinstance(value, Path):
            return value.as_posix()
        if isinstance(value, list | tuple | set | frozenset):
            items = sorted(value) if isinstance(value, set | frozenset) else value
            return "[" + ", ".join(show(v) for v in items) + "]"
        return str(value)

    selection = settings.selection
    rows = [
        ("pyproject", settings.pyproject or "(none)"),
        ("conf", settings.conf or "(none)"),
        ("jupyter-book", settings.book or "(none)"),
        ("srcdir", settings.srcdir),
        ("root-doc", settings.root_doc),
        ("sources", settings.sources),
        ("bibfiles", settings.bibfiles),
        ("data-model", settings.data_model if settings.data_model == BIBLATEX
         else f"{PYBTEX} (style {settings.bib_style})"),
        ("source-suffixes", [f"{k}: {v}" for k, v in settings.suffixes.items()]),
        ("exclude-patterns", settings.exclude_patterns),
        ("include-patterns", settings.include_patterns or ["**"]),
        ("myst-extensions", settings.myst.enable_extensions),
        ("myst-substitutions", set(settings.myst.substitutions)),
        ("literal-directives", settings.literal | model.LITERAL_DIRECTIVES),
        ("locale-dirs", settings.locale_dirs),
        ("gettext-compact", settings.gettext_compact),
        ("select", selection.select),
        ("extend-select", selection.extend_select),
        ("ignore", selection.ignore),
        ("per-file-ignores", [f"{k}: {show(v)}" for k, v in selection.per_file_ignores.items()]),
    ]
    return "".join(f"{name} = {show(value)}\n" for name, value in rows)


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
