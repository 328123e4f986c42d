"""Editions in the build: the changelog page, withdrawn claims' notices, badges, EDN rules.

Off unless ``claims_editions_dir`` is set (a folder, relative to the configuration directory,
holding ``<version>/claims.json`` and ``changes.toml``; see :mod:`sphinx_claims.editions`).

- ``{claims-changes}`` is replaced by the changelog: the changes since the newest recorded
  edition (``#change-<label>``), those of each recorded edition (``#change-<version>-<label>``)
  and a table of old numbers (``#old-<version>-<number>``).
- A chapter that held a withdrawn claim keeps a notice with the claim's old id
  (``#claim-<label>``), so old permalinks still resolve.
- A claim new or changed since the newest edition (or in the edition being built) carries
  ``edition_status``; the HTML writer draws a badge linking to its changelog entry
  (``claims_changes_page``).

The notices and badges depend only on the recorded editions and the document's own claims.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sphinx_claims import model, options
from sphinx_claims.editions import checks as edition_checks
from sphinx_claims.editions import classify, history, lineage
from sphinx_claims.ext import compat, xref
from sphinx_claims.ext.nodes import claim_node
from sphinx_claims.findings import Finding, make
from sphinx_claims.writers.heading import caption

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from sphinx_claims.ext.domain import ClaimDomain

logger = logging.getLogger("sphinx_claims")

EDITIONS_DIR = "claims_editions_dir"
CHANGES_PAGE = "claims_changes_page"
_CACHE: dict[str, tuple[tuple[tuple[str, int], ...], history.History | None]] = {}


class claims_changes_node(nodes.General, nodes.Element):
    """Placeholder for ``claims-changes``: replaced by the changelog."""


def folder(config: Config) -> Path | None:
    value = getattr(config, EDITIONS_DIR, None)
    return Path(value) if value else None


def resolve_folder(app: Sphinx, config: Config) -> None:
    """``config-inited``: ``claims_editions_dir`` made absolute (against the conf.py folder)."""
    value = getattr(config, EDITIONS_DIR, None)
    if value:
        config[EDITIONS_DIR] = str((Path(app.confdir) / value).resolve())


def _files(where: Path) -> list[Path]:
    if not where.is_dir():
        return []
    return sorted(p for p in where.rglob("*") if p.is_file() and p.suffix in (".json", ".toml"))


def history_of(config: Config) -> history.History | None:
    """The recorded editions (read once per change of their files); ``None`` when off or
    unreadable (reported once, at the file)."""
    where = folder(config)
    if where is None:
        return None
    stamp = tuple((str(p), p.stat().st_mtime_ns) for p in _files(where))
    cached = _CACHE.get(str(where))
    if cached is not None and cached[0] == stamp:
        return cached[1]
    try:
        found: history.History | None = history.load(where)
    except history.EditionError as error:
        logger.warning(str(error), type="claims", subtype="editions")
        found = None
    _CACHE[str(where)] = (stamp, found)
    return found


# --- per document: badges and notices ------------------------------------------------------
def mark_document(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: badges on new or changed claims, notices for withdrawn ones."""
    env = app.env
    recorded = history_of(env.config)
    if recorded is None:
        return
    for file in _files(Path(recorded.folder)):
        env.note_dependency(str(file))
    labels = set()
    for node in doctree.findall(claim_node):
        claim = node.get("claim")
        if claim is None or not claim.has_valid_label:
            continue
        labels.add(claim.label)
        source = node.get("source_claim", claim)  # a translated build compares the original
        found = lineage.of(recorded, model.record(source, "", ""), env.config.release)
        if found.status:
            node["edition_status"] = {
                "status": found.status, "since": found.since, "released": found.released,
                "edition": found.last_changed if found.released else None,
                "fragment": found.fragment(claim.label),
            }
    notices = withdrawn_notices(recorded, env.docname, labels)
    if notices is not None:
        body = doctree[0] if len(doctree) and isinstance(doctree[0], nodes.section) else doctree
        body += notices


def withdrawn_notices(
    recorded: history.History, docname: str, present: set[str]
) -> nodes.Element | None:
    """The notices of the claims withdrawn from *docname*, each with its old id."""
    published = recorded.published()
    items = []
    withdrawn = recorded.withdrawn()
    order = sorted(withdrawn, key=lambda label: (published.get(label, ("", {}))[1].get("line", 0),
                                                 label))
    for label in order:
        edition, withdrawal = withdrawn[label]
        old = published.get(label)
        if old is None or old[1].get("docname") != docname or label in present:
            continue
        version, record = old
        para = nodes.paragraph(ids=[f"claim-{label}"], classes=["claims-withdrawn-notice"])
        when = f"in edition {edition}" if edition else f"after edition {version}"
        para += nodes.strong("", f"{caption(record.get('number', ''))} of edition {version}")
        para += nodes.Text(" (label ")
        para += nodes.literal("", label)
        para += nodes.Text(f") was withdrawn {when}. {withdrawal.reason}")
        if withdrawal.merged_into:
            para += nodes.Text(" Its statement now stands in ")
            para += claim_xref(withdrawal.merged_into, docname)
            para += nodes.Text(".")
        items.append(para)
    if not items:
        return None
    box = nodes.container(classes=["claims-withdrawn"])
    box += nodes.rubric("", "Withdrawn claims")
    box.extend(items)
    return box


def claim_xref(label: str, docname: str) -> nodes.Element:
    """A ``{claim:ref}`` to *label*, shown by its label (not its number)."""
    ref = addnodes.pending_xref(
        "", refdomain="claim", reftype="ref", reftarget=label, refdoc=docname, refexplicit=True,
        refwarn=True,
    )
    ref += nodes.literal("", label)
    return ref


# --- the changelog page --------------------------------------------------------------------
class ClaimsChangesDirective(SphinxDirective):
    """``claims-changes``: the changelog of the recorded editions and the sources."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        self.env.note_reread()  # it shows every claim: rebuilt every build
        node = claims_changes_node()
        self.set_source_info(node)
        return [node]


def _change_classes(change: classify.Change) -> str:
    return ", ".join(change.changes)


class FillChanges(SphinxPostTransform):
    """Replace ``claims-changes`` by the changelog (before references are resolved)."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        found = list(self.document.findall(claims_changes_node))
        if not found:
            return
        self.builder = compat.builder(self.env)
        self.domain = cast("ClaimDomain", self.env.domains["claim"])
        self.current = self.domain.by_label()
        recorded = history_of(self.env.config)
        for node in found:
            node.replace_self(self.changelog(recorded))

    def records(self) -> list[dict[str, Any]]:
        return [model.record(self.domain.source(claim), number, "")
                for claim, number in self.domain.ordered() if claim.has_valid_label]

    def changelog(self, recorded: history.History | None) -> list[nodes.Node]:
        if recorded is None or recorded.latest is None:
            return [nodes.paragraph("", "No edition has been recorded yet.")]
        out: list[nodes.Node] = []
        latest = recorded.latest
        pending = classify.diff(latest.records, self.records(), recorded.pending)
        if pending:
            out.append(nodes.rubric("", f"Since edition {latest.version} (not yet released)",
                                    ids=["changes-unreleased"]))
            out += self.summary(pending, latest.version)
            out += [self.entry(change, None) for change in pending]
        editions = recorded.editions
        for before, after in reversed(list(itertools.pairwise(editions))):
            changes = classify.diff(before.records, after.records, after.declarations)
            title = f"Edition {after.version}" + (f" ({after.date})" if after.date else "")
            out.append(nodes.rubric("", f"{title}: changes since edition {before.version}",
                                    ids=[f"changes-{after.version}"]))
            out += self.summary(changes, before.version)
            out += [self.entry(change, after.version) for change in changes]
        if not pending and len(editions) == 1:
            out.append(nodes.paragraph(
                "", f"No claim has changed since edition {latest.version}."))
        out += self.old_numbers(recorded)
        return out

    def summary(self, changes: list[classify.Change], version: str) -> list[nodes.Node]:
        counts = classify.counts(changes)
        parts = [f"{n} {name}" for name, n in counts.items() if n]
        text = (f"Compared with edition {version}, {len(changes)} claims changed: "
                f"{', '.join(parts)}." if parts else "Nothing changed.")
        return [nodes.paragraph("", text, classes=["claims-changes-summary"])]

    def link(self, label: str) -> nodes.Node:
        found = self.current.get(label)
        if found is None:
            return nodes.literal("", label)
        claim, number = found
        return xref.claim_reference(self.builder, self.env.docname, claim, number)

    def entry(self, change: classify.Change, version: str | None) -> nodes.Element:
        box = nodes.container(ids=[lineage.entry_id(change.label, version)],
                              classes=["claims-change", *(f"claims-change-{c}"
                                                          for c in change.changes)])
        head = nodes.paragraph(classes=["claims-change-head"])
        if change.new is not None:
            head += self.link(change.label)
        else:
            head += nodes.Text(caption(change.old_number or ""))
        head += nodes.Text(" (")
        head += nodes.literal("", change.label)
        head += nodes.Text(f"): {_change_classes(change)}")
        box += head
        details = nodes.bullet_list(classes=["claims-change-details"])
        for item in self.details(change):
            details += nodes.list_item("", item)
        box += details
        return box

    def details(self, change: classify.Change) -> list[nodes.Element]:
        found: list[nodes.Element] = []

        def item(*parts: nodes.Node | str) -> None:
            para = nodes.paragraph()
            para.extend(nodes.Text(p) if isinstance(p, str) else p for p in parts)
            found.append(para)

        old_number, new_number = change.old_number, change.new_number
        if old_number and new_number:
            item(f"Number: {caption(old_number)} then, {caption(new_number)} now.")
        elif new_number:
            item(f"Number: {caption(new_number)} (new).")
        elif old_number:
            item(f"Number: {caption(old_number)} (withdrawn).")
        if "moved" in change.changes:
            item("Moved from ", self.page(change.value("old", "docname")), " to ",
                 self.page(change.value("new", "docname")), ".")
        for key, name in (("certainty", "Certainty"),
                          ("attribution_certainty", "Attribution certainty")):
            if "regraded" in change.changes and change.value("old", key) != change.value(
                    "new", key):
                item(f"{name}: {change.value('old', key) or 'none'} → "
                     f"{change.value('new', key) or 'none'}.")
        if change.old is not None and change.new is not None:  # shown, not classes of change
            for key, name in (("kind", "Kind"), ("as_of", "As of")):
                before, after = change.value("old", key), change.value("new", key)
                if key in change.old and key in change.new and before != after:
                    item(f"{name}: {before or 'none'} → {after or 'none'}.")
        if "reattributed" in change.changes:
            item(f"Attributed to: {change.value('old', 'attributed_to') or 'no one'} → "
                 f"{change.value('new', 'attributed_to') or 'no one'}.")
        if "resourced" in change.changes:
            item("Sources added: ", *self.keys(change.sources_added), "; removed: ",
                 *self.keys(change.sources_removed), ".")
        if "reworded" in change.changes:
            for key, name in (("title", "Title"), ("text", "Wording")):
                old, new = change.value("old", key) or "", change.value("new", key) or ""
                if old != new:
                    item(f"{name}: ", self.word_diff(old, new))
        if change.merged_into:
            item("Merged into ", claim_xref(change.merged_into, self.env.docname), ".")
        if change.reason:
            item(nodes.emphasis("", "Editor’s note: "), change.reason)
        return found

    def page(self, docname: str | None) -> nodes.Node:
        title = self.env.titles.get(docname or "")
        return nodes.Text(title.astext() if title is not None else str(docname))

    def keys(self, keys: list[str]) -> list[nodes.Node]:
        if not keys:
            return [nodes.Text("none")]
        out: list[nodes.Node] = []
        for position, key in enumerate(keys):
            if position:
                out.append(nodes.Text(", "))
            out.append(nodes.literal("", key))
        return out

    def word_diff(self, old: str, new: str) -> nodes.Element:
        span = nodes.inline(classes=["claims-diff"])
        classes = {"-": ["claims-diff-removed"], "+": ["claims-diff-added"]}
        for position, (op, words) in enumerate(classify.word_diff(old, new)):
            if position:
                span += nodes.Text(" ")
            if op == "=":
                span += nodes.Text(words)
            else:
                span += nodes.inline("", words, classes=classes[op])
        return span

    def old_numbers(self, recorded: history.History) -> list[nodes.Node]:
        """Per recorded edition, a table: its claim numbers and where each claim is now."""
        out: list[nodes.Node] = []
        withdrawn = recorded.withdrawn()
        for edition in reversed(recorded.editions):
            out.append(nodes.rubric("", f"Claim numbers of edition {edition.version}",
                                    ids=[f"old-numbers-{edition.version}"]))
            table = nodes.table(classes=["claims-old-numbers", "longtable"])
            group = nodes.tgroup(cols=3)
            table += group
            for width in (20, 40, 40):
                group += nodes.colspec(colwidth=width)
            head = nodes.thead()
            group += head
            head += _row([nodes.Text(f"Edition {edition.version}"), nodes.Text("Label"),
                          nodes.Text("Now")])
            body = nodes.tbody()
            group += body
            for record in edition.records:
                label, number = record["label"], str(record.get("number", ""))
                if label in self.current:
                    now: nodes.Node = self.link(label)
                elif label in withdrawn:
                    now = nodes.Text("withdrawn (see its entry above)")
                else:
                    now = nodes.Text("no longer in the book")
                row = _row([nodes.Text(caption(number)), nodes.literal("", label), now])
                row["ids"].append(f"old-{edition.version}-{number}")
                body += row
            out.append(table)
        return out


def _row(cells: list[nodes.Node]) -> nodes.row:
    row = nodes.row()
    for content in cells:
        entry = nodes.entry()
        entry += nodes.paragraph("", "", content)
        row += entry
    return row


# --- rules EDN001-EDN003 -------------------------------------------------------------------
def book_findings(env: BuildEnvironment, domain: ClaimDomain) -> dict[str, list[Finding]]:
    """EDN001 at changes.toml, EDN002/EDN003 at the claim (keyed by docname or file)."""
    recorded = history_of(env.config)
    if recorded is None:
        return {}
    current = [
        edition_checks.Current(claim.label, claim.certainty, claim.attribution_certainty, claim)
        for claim, _number in domain.ordered() if claim.has_valid_label
    ]
    book, at_claims = edition_checks.problems(recorded, current)
    found: dict[str, list[Finding]] = {}
    changes = str(Path(recorded.folder) / history.CHANGES)
    for problem in book:
        found.setdefault(changes, []).append(make(problem.code, changes, 1, 1, **problem.fields))
    for item, problem in at_claims:
        claim = item.where
        found.setdefault(claim.docname, []).append(
            make(problem.code, claim.docname, claim.line, 1, **problem.fields))
    return found


def setup(app: Sphinx) -> dict[str, Any]:
    options.register(app, EDITIONS_DIR, CHANGES_PAGE)
    app.connect("config-inited", resolve_folder)
    app.add_node(claims_changes_node)
    app.add_directive("claims-changes", ClaimsChangesDirective)
    app.add_post_transform(FillChanges)
    app.connect("doctree-read", mark_document)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
