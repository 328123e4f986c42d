"""The Dutch translation is the handbook's own Dutch: no claim copies a source sentence.

The two Dutch source texts are not in the repository; ``tests/data/source-trigrams.json`` holds
only the SHA-1 of each word trigram of each of their sentences (quotations left out), made by
``tools/source_trigrams.py``. Every translated claim of the real catalogs (its title and body
messages together) is hashed the same way, its MyST markup parsed away, and must share at most
half of its trigrams with any one source sentence.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from handbook import own_words
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from conftest import REPO
from sphinx_claims import model
from sphinx_claims.lint import config, runner

DATA = REPO / "tests" / "data" / "source-trigrams.json"
CATALOGS = REPO / "locales" / "nl" / "LC_MESSAGES"
MD = create_md_parser(MdParserConfig(), RendererHTML)


def plain(message: str) -> str:
    """A message's reading text: MyST parsed, citation roles left out, other roles' text kept."""
    parts: list[str] = []
    pending = list(MD.parse(message, {}))
    while pending:
        token = pending.pop(0)
        if token.children:
            pending[:0] = token.children
        elif token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif token.type == "myst_role" and token.meta.get("name") not in model.CITATION_ROLES:
            match = re.match(r"^(.*?)\s*<[^<>]*>$", token.content, re.DOTALL)
            parts.append(match.group(1) if match else token.content)
    return "".join(parts)


@pytest.fixture(scope="module")
def sources() -> dict[str, list[set[str]]]:
    return own_words.load(DATA)


def claim_translations() -> tuple[int, dict[str, list[str]]]:
    """How many claim messages the catalogs hold, and each claim's translated messages (its
    title and body paragraphs) by label."""
    claims = runner.run(config.load(REPO), REPO, jobs=1).claims
    owners: dict[str, list[str]] = {}
    for claim in claims:
        for message in claim.messages:
            owners.setdefault(message, []).append(claim.label)
    held, done = 0, {}
    for po in sorted(CATALOGS.rglob("*.po")):
        for entry in polib.pofile(str(po)):
            if entry.msgid in owners and not entry.obsolete:
                held += 1
                if entry.msgstr.strip() and "fuzzy" not in entry.flags:
                    for label in owners[entry.msgid]:
                        done.setdefault(label, []).append(entry.msgstr)
    return held, done


def test_the_data_holds_hashes_of_both_sources_and_no_text(sources) -> None:
    assert len(sources) == 2
    for sentences in sources.values():
        assert len(sentences) > 10
        assert all(re.fullmatch(r"[0-9a-f]{40}", h) for s in sentences for h in s)


def test_no_dutch_claim_copies_a_source_sentence(sources) -> None:
    """A claim's trigrams are those of all its translated messages (title and body), so a
    three-word title sharing a common phrase with a source is no copy, a copied body is."""
    held, translated = claim_translations()
    assert held > 0  # the catalogs do hold the claims' messages (translated or not yet)
    copies = []
    for label, messages in sorted(translated.items()):
        hashes = set().union(*(own_words.text_hashes(plain(m)) for m in messages))
        match = own_words.copied(hashes, sources)
        if match is not None:
            copies.append(f"claim {label}: {match.shared} of {match.trigrams} trigrams in "
                          f"sentence {match.sentence} of {match.source}")
    assert not copies, "\n".join(copies)


def test_a_copied_source_sentence_is_caught_through_its_hashes(sources) -> None:
    """One real source sentence, known only by its hashes, inside a message: found."""
    name, sentences = next(iter(sources.items()))
    index, sentence = max(enumerate(sentences, 1), key=lambda item: len(item[1]))
    own = own_words.text_hashes("De marines oefenden samen op zee en keerden daarna terug.")
    assert own and not own & sentence
    match = own_words.copied(sentence | own, sources)
    assert match is not None and (match.source, match.sentence) == (name, index)
    # Half or less of a message's trigrams from one sentence is not a copy.
    half = set(sorted(sentence)[: len(sentence) // 2])
    padding = {f"{i:040x}" for i in range(len(sentence) - len(half))}
    assert own_words.copied(half | padding, {name: [sentence]}) is None


def test_copying_paraphrase_and_quotation_from_text() -> None:
    """The text path end to end, on a made-up source (no source text is in the repository)."""
    source = ("De vloot van het land hield vorige maand een kleine oefening voor de kust. "
              "Volgens de minister was dat „een oefening als alle andere en niets meer”.")
    data = {"made-up": [set(s) for s in own_words.source_sentences(source)]}
    copied = "De vloot van het land hield vorige maand een oefening voor de kust."
    assert own_words.copied(own_words.text_hashes(copied), data) is not None
    paraphrase = "Een maand eerder oefenden de schepen kort bij de kust, aldus de marine."
    assert own_words.copied(own_words.text_hashes(paraphrase), data) is None
    quoted = "De minister noemde het „een oefening als alle andere en niets meer”."
    assert own_words.copied(own_words.text_hashes(quoted), data) is None


def test_markup_is_parsed_away_before_hashing() -> None:
    text = "De {term}`vloot <navy>` oefende {cite:p}`navy2025` bij *de kust*."
    assert own_words.words(plain(text)) == ["de", "vloot", "oefende", "bij", "de", "kust"]


def test_the_script_writes_the_data_format(tmp_path: Path) -> None:
    import subprocess
    import sys

    text = tmp_path / "bron.txt"
    text.write_text("Een zin van vier woorden. En nog een tweede zin hier.\n", encoding="utf-8")
    out = subprocess.run([sys.executable, str(REPO / "tools" / "source_trigrams.py"), str(text)],
                         capture_output=True, text=True, check=True).stdout
    path = tmp_path / "data.json"
    path.write_text(out, encoding="utf-8")
    expected = [own_words.trigram_hashes("Een zin van vier woorden."),
                own_words.trigram_hashes("En nog een tweede zin hier.")]
    assert own_words.load(path) == {"bron": expected}
