"""The rule catalogue: one table that the Sphinx build, the linter and the docs all read.

Modelled on ruff: every rule has a stable code, a kebab-case name, a default severity, a message
template, a doc (what it does, why it matters, an example) and where it runs: ``build`` (a
Sphinx warning), ``lint`` (``sphinx-claims check``) or both. A rule that runs in both is checked by
one function in :mod:`sphinx_claims.checks` (or, for fences and ``.bib`` syntax, the same library
parse) and reported at the same line with the same message. Sphinx warnings use
``type="claims"`` and ``subtype=<code>``, so ``suppress_warnings = ["claims.CIT002"]`` works.

The catalogue is a table: a new rule is one more row, with its ``scope`` (what one check of it
looks at: an option, a claim, a document, the book, a ``.bib`` file) and ``runs``, both required.
Rules of one option, one claim or one document run in both (the build reads every document);
rules of the book or of ``.bib`` data run where the code checks them, and
``tests/test_rules_run_where_they_say.py`` builds and lints a fixture that violates every rule to
hold each rule to its ``runs``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

WARNING_TYPE = "claims"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    #: Reported, but never fails a run: not a Sphinx warning (``-W`` passes), not counted in the
    #: linter's exit status (a translation in progress is not an error).
    INFO = "info"


#: Where a rule can run.
BUILD, LINT = "build", "lint"
BOTH: frozenset[str] = frozenset({BUILD, LINT})
LINT_ONLY: frozenset[str] = frozenset({LINT})


class Scope(StrEnum):
    """What one check of a rule looks at."""

    OPTION = "option"
    CLAIM = "claim"
    DOCUMENT = "document"
    BOOK = "book"
    BIB = ".bib"
    CATALOG = ".po"


#: Scopes the build checks as it reads each document: their rules run on both sides.
PER_DOCUMENT = frozenset({Scope.OPTION, Scope.CLAIM, Scope.DOCUMENT})


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    message: str
    what: str
    why: str
    example: str
    scope: Scope = field(kw_only=True)
    #: Where it runs; derived for per-document scopes, required for the book and ``.bib``.
    runs: frozenset[str] = field(kw_only=True, default=frozenset())

    def __post_init__(self) -> None:
        if self.scope in PER_DOCUMENT:
            if self.runs not in (frozenset(), BOTH):
                raise ValueError(f"{self.code}: a {self.scope} rule runs in the build and the "
                                 "linter (both read every document)")
            object.__setattr__(self, "runs", BOTH)
        elif not self.runs or not self.runs <= BOTH:
            raise ValueError(f"{self.code}: a {self.scope} rule must say where it runs")

    @property
    def where(self) -> str:
        """Where the rule runs, in words (for the docs and ``sphinx-claims rule``)."""
        if self.runs == BOTH:
            return "the build and the linter"
        return "the build only" if BUILD in self.runs else "the linter only"

    def format(self, **fields: object) -> str:
        """The finding's message: the template filled with *fields*."""
        return self.message.format(**fields)

    @property
    def sphinx_type(self) -> tuple[str, str]:
        """``(type, subtype)`` for ``sphinx.util.logging`` and ``suppress_warnings``."""
        return WARNING_TYPE, self.code


E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO

_RULES: tuple[Rule, ...] = (
    # --- claims -------------------------------------------------------------------------------
    Rule(
        "CLM001", "claim-without-citation", E,
        "claim '{label}' cites no source",
        "Flags a claim whose body contains no citation role ({cite:p}, {cite:t}, {footcite} …).",
        "The handbook's first rule: no claim stands without a source. A reader must be able to "
        "check every statement.",
        ":::{claim}\n:label: ru-pk-passex\nThe navies held an exercise.\n:::",
        scope=Scope.CLAIM,
    ),
    Rule(
        "CLM002", "empty-claim-body", E,
        "claim '{label}' has an empty body",
        "Flags a claim directive with no text.",
        "An empty claim asserts nothing but still takes a number in the register.",
        ":::{claim}\n:label: empty-one\n:::",
        scope=Scope.CLAIM,
    ),
    Rule(
        "CLM003", "duplicate-claim-label", E,
        "duplicate claim label '{label}' (also at {other})",
        "Flags two claims anywhere in the book with the same label.",
        "Labels are the claims' permanent identifiers: cross-references, claims.json and the "
        "register all depend on them being unique.",
        ":::{claim}\n:label: same\n... {cite:p}`a`\n:::\n\n:::{claim}\n:label: same\n...\n:::",
        scope=Scope.BOOK, runs=BOTH,
    ),
    Rule(
        "CLM004", "invalid-claim-label", E,
        "{detail}",
        "Flags a claim without a :label: or with a label that is not a lowercase slug "
        "([a-z0-9-]+).",
        "Every claim needs a stable, URL-safe identifier for links and for claims.json.",
        ":::{claim}\n:label: Ru_PK\n... {cite:p}`a`\n:::",
        scope=Scope.OPTION,
    ),
    Rule(
        "CLM005", "invalid-claim-option", E,
        "invalid claim option: {detail}",
        "Flags an unknown option, a kind or certainty outside the allowed values, or an as-of "
        "that is not an ISO date.",
        "Readers rely on kind and certainty to weigh a claim; a typo would silently change "
        "its meaning.",
        ":::{claim}\n:label: x\n:certainty: likely\n... {cite:p}`a`\n:::",
        scope=Scope.OPTION,
    ),
    Rule(
        "CLM006", "missing-attribution", E,
        "{kind} claim '{label}' needs :attributed-to:",
        "Flags an interpretation or quotation claim that does not say whose view or words it is.",
        "Opinions belong to their authors, never to the handbook's own voice.",
        ":::{claim}\n:label: x\n:kind: interpretation\n... {cite:p}`a`\n:::",
        scope=Scope.CLAIM,
    ),
    Rule(
        "CLM007", "nested-claim", E,
        "claim '{label}' is nested inside claim '{parent}'",
        "Flags a claim directive inside another claim.",
        "One assertion per claim: nesting blurs which sources support which statement, and the "
        "numbering becomes ambiguous.",
        "::::{claim}\n:label: outer\n:::{claim}\n:label: inner\n:::\n::::",
        scope=Scope.CLAIM,
    ),
    Rule(
        "CLM008", "unknown-claim-reference", E,
        "unknown claim label '{label}'",
        "Flags a {claim:ref} cross-reference to a label that no claim in the book carries.",
        "The reader would follow a reference to nothing; usually the label has a typo or the "
        "claim was renamed.",
        "See {claim:ref}`ru-pk-pasex` (the claim is labelled ru-pk-passex).",
        scope=Scope.BOOK, runs=BOTH,
    ),
    # --- citations ----------------------------------------------------------------------------
    Rule(
        "CIT001", "unknown-citation-key", E,
        "unknown citation key '{key}'",
        "Flags a citation whose key is not in any configured bibliography file.",
        "The build would print an unresolved citation; the claim would look sourced but is not.",
        "{cite:p}`nosuchkey2020`",
        scope=Scope.DOCUMENT,
    ),
    Rule(
        "CIT002", "citation-outside-claim", W,
        "citation of '{key}' outside any claim",
        "Flags a citation in running text that is not inside a claim directive.",
        "Sourced statements belong in claims so that they are numbered, registered and checked.",
        "As Korybko notes {cite:p}`korybko2025passex`, …",
        scope=Scope.DOCUMENT,
    ),
    Rule(
        "CIT003", "citation-key-case-mismatch", E,
        "citation key '{key}' matches '{entry}' only when case is ignored",
        "Flags a key that differs from a bibliography key only in letter case.",
        "BibTeX compares keys case-insensitively but sphinxcontrib-bibtex does not: the "
        "citation would not resolve.",
        "{cite:p}`Korybko2025passex`",
        scope=Scope.DOCUMENT,
    ),
    Rule(
        "CIT004", "malformed-citation-target", E,
        "malformed citation target '{target}'",
        "Flags a citation role whose content is not a comma-separated list of keys with optional "
        "{pre} and {post} notes.",
        "sphinxcontrib-bibtex would fail to parse it or cite a key that does not exist.",
        "{cite:p}`{see}`",
        scope=Scope.DOCUMENT,
    ),
    Rule(
        "CIT005", "unclosed-citation-role", E,
        "citation role '{role}' is never closed: readers see '{text}' as text",
        "Flags a MyST citation role whose opening backtick has no closing one in its paragraph "
        "(`{cite:p}` followed by a backtick and the key, but no backtick after it). Found in "
        "what the MyST parser leaves as plain text, so a role in inline code is not flagged. "
        "Notebook cells (MyST-NB) are checked too, on both sides.",
        "MyST does not report it: the role, its braces and the key are printed as they are, "
        "and the claim it was meant to source cites nothing.",
        "{cite:p}`Gorinova_2019] shows it.",
        scope=Scope.DOCUMENT,
    ),
    # --- bibliography -------------------------------------------------------------------------
    Rule(
        "BIB001", "bib-parse-error", E,
        "cannot parse bibliography entry: {detail}",
        "Flags a .bib block that does not parse; the rest of the file is still checked.",
        "The build renders what pybtex makes of it (it may swallow the next entry); the "
        "build and the linter both read the file with pybtex's parser, so they agree.",
        "@online{key,\n  title = {Unclosed\n}",
        scope=Scope.BIB, runs=BOTH,
    ),
    Rule(
        "BIB002", "duplicate-bib-key", E,
        "duplicate entry key '{key}' (also at line {other})",
        "Flags two entries with the same key (compared case-insensitively, as BibTeX does).",
        "Only one of them can be cited; which one wins depends on the tool.",
        "@online{a, ...}\n@book{A, ...}",
        scope=Scope.BIB, runs=BOTH,
    ),
    Rule(
        "BIB003", "duplicate-bib-field", E,
        "entry '{key}' repeats field '{field}'",
        "Flags a field that occurs twice in one entry.",
        "Tools silently keep one of the values; the other is lost.",
        "@online{a, title = {One}, title = {Two}}",
        scope=Scope.BIB, runs=BOTH,
    ),
    Rule(
        "BIB004", "missing-required-field", E,
        "entry '{key}' (@{type}) lacks required field {field}",
        "Flags an entry without a field the book's references cannot do without, as the book "
        "renders them. Without biblatex (the usual Sphinx book), sphinxcontrib-bibtex formats "
        "each entry with the pybtex style `bibtex_default_style`: required are the fields that "
        "style's template for the entry type reads without `optional` (what the build reports "
        "as `bibtex.missing_field`; `date` counts as `year`). When conf.py's LaTeX loads "
        "biblatex, or `[tool.sphinx-claims] data-model = \"biblatex\"` says so, the fields "
        "biblatex's data model requires for the type (date or year counts for both; table "
        "below). `--show-settings` prints which.",
        "A reference a reader cannot find is no reference. Where a field is genuinely unknown, "
        "suppress the rule for that entry and say why in `note`.",
        "@article{a, title = {T}, date = {2021}}",
        scope=Scope.BIB, runs=LINT_ONLY,
    ),
    Rule(
        "BIB005", "url-without-urldate", E,
        "entry '{key}' has a url but no urldate",
        "Flags an entry with a url and no urldate (biber never checks this).",
        "Web pages change; the access date tells readers which version was read.",
        "@online{a, url = {https://example.org}}",
        scope=Scope.BIB, runs=LINT_ONLY,
    ),
    Rule(
        "BIB006", "malformed-date", E,
        "entry '{key}': {field} '{value}' {problem}",
        "Flags a date or urldate that is not an ISO date (YYYY, YYYY-MM, YYYY-MM-DD, or a "
        "range with /), and a urldate in the future.",
        "Dates drive the author–year labels and tell readers how current a source is.",
        "@online{a, date = {March 2025}, urldate = {2999-01-01}}",
        scope=Scope.BIB, runs=LINT_ONLY,
    ),
    Rule(
        "BIB007", "malformed-url", E,
        "entry '{key}': url '{value}' {problem}",
        "Flags a url that is not http(s), has no host, or contains spaces.",
        "A javascript: or file: URL is a hazard in the HTML; a malformed one is a dead link.",
        "@online{a, url = {javascript:alert(1)}}",
        scope=Scope.BIB, runs=LINT_ONLY,
    ),
    Rule(
        "BIB008", "malformed-doi", E,
        "entry '{key}': doi '{value}' {problem}",
        "Flags a DOI that does not match 10.NNNN/… or that carries a doi: or https://doi.org/ "
        "prefix.",
        "The DOI field is turned into a link; a prefix or typo breaks it.",
        "@article{a, doi = {https://doi.org/10.1000/x}}",
        scope=Scope.BIB, runs=LINT_ONLY,
    ),
    Rule(
        "BIB009", "unused-entry", W,
        "entry '{key}' is never cited",
        "Flags a bibliography entry no chapter cites.",
        "An unused entry inflates the bibliography with sources nothing depends on.",
        "@online{orphan, ...}",
        scope=Scope.BIB, runs=LINT_ONLY,
    ),
    Rule(
        "BIB013", "unverified-field-missing", E,
        "entry '{key}': unverified names field '{field}', which the entry does not have",
        "Flags an `unverified = {title, date}` list that names a field the entry does not "
        "have (or an empty name).",
        "`unverified` marks fields that are kept although the sources do not confirm them; the "
        "bibliography shows \"[title not verified]\". A name without its field marks nothing "
        "(usually a typo or a field removed later), so the reader is not warned.",
        "@online{a, title = {T}, date = {2021}, unverified = {titel}}",
        scope=Scope.BIB, runs=LINT_ONLY,
    ),
    # --- structure and suppressions -----------------------------------------------------------
    Rule(
        "MST001", "unclosed-directive", E,
        "{detail}",
        "Flags a directive fence (``` or :::) that is never closed, and one that is closed by "
        "the closing fence meant for a fence inside it.",
        "MyST silently runs an unclosed fence to the end of the file: everything after it "
        "vanishes into one directive. Notebook cells (MyST-NB) are checked too, on both sides.",
        ":::{claim}\n:label: x\nText {cite:p}`a`\n(no closing :::)",
        scope=Scope.DOCUMENT,
    ),
    Rule(
        "SUP001", "unused-suppression", W,
        "unused suppression of {code}",
        "Flags a `% sphinx-claims: ignore[...]` or `file-ignore[...]` comment that suppresses "
        "nothing.",
        "Stale suppressions hide future problems.",
        "% sphinx-claims: ignore[CLM001]\n(a claim that does cite)",
        scope=Scope.DOCUMENT,
    ),
)

# --- project structure and bibliography data (issue 12: codes appended, never renumbered) -----
_RULES += (
    Rule(
        "TOC001", "document-not-in-toctree", W,
        "document '{docname}' is not in any toctree",
        "Flags a source document that no toctree (nor Jupyter Book's _toc.yml) lists, as "
        "Sphinx's `toc.not_included` warning does. Documents marked `orphan` are exempt.",
        "A chapter outside every toctree is built but unreachable from the book's navigation, "
        "and its claims take no chapter number.",
        "```{toctree}\nchapters/one\n```\n(chapters/two.md exists but is not listed)",
        scope=Scope.BOOK, runs=LINT_ONLY,
    ),
    Rule(
        "BIB010", "malformed-name-list", E,
        "entry '{key}': {field} '{value}' {problem}",
        "Flags an author or editor list that BibTeX would split wrongly: names separated by "
        "commas instead of `and`, an `and` left dangling, or a name with more than two commas.",
        "BibTeX separates names only by `and`; `Kydland, Finn E., and Edward C. Prescott` is one "
        "person with a strange first name, so the author–year label and the bibliography are "
        "wrong.",
        "@article{a, author = {Kydland, Finn E., and Edward C. Prescott}}",
        scope=Scope.BIB, runs=LINT_ONLY,
    ),
    Rule(
        "BIB011", "invalid-isbn-issn", E,
        "entry '{key}': {field} '{value}' {problem}",
        "Flags an ISBN (10 or 13 digits) or ISSN (8 digits) whose length or check digit is "
        "wrong, as biber's data-model validation does.",
        "A wrong check digit means a typo: the number identifies another book or none.",
        "@book{a, isbn = {978-0-306-40615-6}}",
        scope=Scope.BIB, runs=LINT_ONLY,
    ),
    Rule(
        "BIB012", "invalid-month", E,
        "entry '{key}': month '{value}' {problem}",
        "Flags a month that is not 1-12 or a BibTeX month macro (jan … dec).",
        "biblatex expects an integer month; `March 2021` or `13` cannot be sorted or printed "
        "in the reader's language.",
        "@article{a, month = {Sept.}}",
        scope=Scope.BIB, runs=LINT_ONLY,
    ),
    Rule(
        "CLM009", "evidence-not-cited", E,
        "claim '{label}': evidence names '{key}', which the claim does not cite",
        "Flags an :evidence: entry whose citation key no citation in the claim's body names.",
        "Evidence shows what a cited source says; a passage from a source the claim does not "
        "cite is either a typo in the key or a citation missing from the text.",
        ":::{claim}\n:label: x\n:evidence: b | p. 3 | the passage\n... {cite:p}`a`\n:::",
        scope=Scope.OPTION,
    ),
    # --- editions (claims_editions_dir) -----------------------------------------------------
    Rule(
        "EDN001", "published-label-vanished", E,
        "claim '{label}' of edition {edition} is gone from the sources and not declared "
        "withdrawn",
        "Flags a label that a recorded edition published and that no claim in the sources has "
        "any more, while the editions' changes.toml has no `[withdrawn.\"label\"]` for it "
        "(reported at changes.toml).",
        "Readers cite claims by label and permalink. A claim that silently disappears breaks "
        "every citation of it; a declared withdrawal keeps the permalink resolving to a notice "
        "that says why and what replaced it.",
        "# edition 0.1 has claim 'rp-old'; the sources no longer do, and changes.toml says "
        "nothing",
        scope=Scope.BOOK, runs=BOTH,
    ),
    Rule(
        "EDN002", "withdrawn-label-reused", E,
        "claim label '{label}' was withdrawn{edition} and cannot be used again",
        "Flags a claim whose label changes.toml (or a recorded edition's) declares withdrawn.",
        "A label, once published, names one statement for good: a citation of the withdrawn "
        "claim would silently point at a different statement.",
        ':::{claim}\n:label: rp-old\n... {cite:p}`a`\n:::\n\n'
        '# changes.toml: [withdrawn."rp-old"]',
        scope=Scope.BOOK, runs=BOTH,
    ),
    Rule(
        "EDN003", "regraded-without-reason", W,
        "claim '{label}' is re-graded since edition {edition} ({change}) without a reason in "
        "changes.toml",
        "Flags a claim whose certainty or attribution certainty differs from the last recorded "
        "edition's while changes.toml has no `[notes.\"label\"]` reason for it.",
        "Readers who cited the claim at one certainty deserve to know why it now stands at "
        "another; the reason is printed in the changelog.",
        ":::{claim}\n:label: a\n:certainty: unverified\n... {cite:p}`a`\n:::\n\n"
        "# edition 0.1 recorded it as probable",
        scope=Scope.BOOK, runs=BOTH,
    ),
)

# --- translations (issue 24): a claim's messages in the gettext catalogs -------------------------
_RULES += (
    Rule(
        "TRN001", "untranslated-claim", N,
        "claim '{label}' is not translated into {language}: {detail}",
        "Flags a claim whose title or body messages have no msgstr in the catalog of its "
        "document (reported at the first such entry), or whose messages are missing from the "
        "catalog altogether (reported at line 1: the catalogs need updating).",
        "The translated edition shows such a claim in the original language. That is allowed "
        "while a translation is in progress, so this is a notice: it never fails "
        "`make html -W` nor the linter's exit status. The coverage line (TRN005) counts them.",
        '#: ../../chapters/one.md:12\nmsgid "The navies held an exercise {cite:p}`a`."\n'
        'msgstr ""',
        scope=Scope.CATALOG, runs=BOTH,
    ),
    Rule(
        "TRN002", "stale-translation", N,
        "claim '{label}' has a stale translation: {detail}",
        "Flags a claim with a message marked fuzzy, or an untranslated message whose earlier "
        "version is kept as an obsolete (`#~`) entry — what `sphinx-intl update` leaves after "
        "the English text changed.",
        "The translation was written for an earlier English text; Sphinx ignores fuzzy "
        "entries, so readers see the English until a translator checks the translation "
        "against the new text and removes the fuzzy flag.",
        '#, fuzzy\n#| msgid "The navies held a drill {cite:p}`a`."\n'
        'msgid "The navies held an exercise {cite:p}`a`."\n'
        'msgstr "De marines hielden een oefening {cite:p}`a`."',
        scope=Scope.CATALOG, runs=BOTH,
    ),
    Rule(
        "TRN003", "translation-changes-references", E,
        "claim '{label}': the translation {detail}",
        "Flags a translated message of a claim whose citation keys, `{claim:ref}` labels or "
        "`{term}` targets differ from the original message's (one dropped, swapped or added). "
        "Citation roles may change style ({cite:p} for {cite:t}); keys may not. A term is "
        "compared by its target: keep the English term as the target, as in "
        "{term}`zeemacht <navy>`.",
        "A translated claim must rest on exactly the sources of the original; a key lost in "
        "translation makes the claim look sourced by something else, or by nothing.",
        'msgid "Held in March {cite:p}`a,b`."\nmsgstr "Gehouden in maart {cite:p}`a`."',
        scope=Scope.CATALOG, runs=BOTH,
    ),
    Rule(
        "TRN004", "translation-breaks-markup", E,
        "claim '{label}': the translation breaks MyST markup: {detail}",
        "Flags a translated message of a claim that, parsed as MyST, leaves role or code "
        "markup as plain text (an unclosed backtick, a `{role}` without its target) that the "
        "original parses.",
        "The reader would see backticks and role names instead of a citation or a link, and "
        "the claim's sources would vanish from the translated page.",
        'msgid "Held {cite:p}`a`."\nmsgstr "Gehouden {cite:p}`a."',
        scope=Scope.CATALOG, runs=BOTH,
    ),
    Rule(
        "TRN005", "translation-coverage", N,
        "{language} coverage of {document}: {claims_done}/{claims} claims, "
        "{messages_done}/{messages} messages translated",
        "Not a problem: the summary line of one document's catalog, reported at its line 1 "
        "(claims fully translated out of all, claim messages translated out of all).",
        "Shows translators and reviewers how far each chapter's translation has come.",
        "locales/nl/LC_MESSAGES/chapters/one.po:1:1: TRN005 nl coverage of chapters/one: "
        "3/12 claims, 10/30 messages translated",
        scope=Scope.CATALOG, runs=BOTH,
    ),
)

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}


def get(code: str) -> Rule:
    """The rule with *code* (``KeyError`` for an unknown code)."""
    return RULES[code]


def by_name() -> dict[str, Rule]:
    return {rule.name: rule for rule in _RULES}


def runs_in(code: str, where: str) -> bool:
    """Whether rule *code* runs in *where* (``BUILD`` or ``LINT``)."""
    return where in RULES[code].runs


def all_rules() -> tuple[Rule, ...]:
    """Every rule, in catalogue order."""
    return _RULES
