"""The own-words rule as numbers: word trigrams of a text, hashed, against a source's sentences.

A text is cut into sentences (at ``.``, ``!``, ``?`` before white space, and at line ends);
quotations (text between „…”, “…”, "…" or ‘…’) are left out, since a quotation keeps its
source's words on purpose; words are letters and digits, case-folded, accents removed. A word
trigram is three consecutive words of one sentence; it is stored only as the SHA-1 of the three
words joined by spaces, so the committed data holds no text of the sources
(``tools/source_trigrams.py`` makes it; ``tests/data/source-trigrams.json`` holds it).

A translated claim (the trigrams of its title and body messages together) copies a source
sentence when more than half of its trigrams occur in that sentence (:func:`copied`).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

#: Quoted passages: left out of both sides (quotations keep their source's words).
_QUOTED = re.compile(r"„[^„”“\"]*[”“\"]|“[^“”]*”|\"[^\"]*\"|‘[^‘’]*’(?!\w)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"\w+")
#: More than this share of a message's trigrams in one source sentence: copied.
LIMIT = 0.5


@dataclass(frozen=True)
class Match:
    """A message's overlap with one sentence of a source."""

    source: str
    sentence: int  # 1-based, in the source's order
    shared: int
    trigrams: int

    @property
    def share(self) -> float:
        return self.shared / self.trigrams


def words(text: str) -> list[str]:
    """The words of *text*: case-folded, accents removed."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.casefold())
                    if not unicodedata.combining(c))
    return _WORD.findall(plain)


def sentences(text: str) -> list[str]:
    """*text*'s sentences, quotations left out."""
    text = _QUOTED.sub(" ", text)
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def trigram_hashes(sentence: str) -> set[str]:
    """SHA-1 of every word trigram of one sentence."""
    found = words(sentence)
    return {hashlib.sha1(" ".join(found[i:i + 3]).encode()).hexdigest()
            for i in range(len(found) - 2)}


def text_hashes(text: str) -> set[str]:
    """The trigram hashes of every sentence of *text* (trigrams never cross sentences)."""
    return set().union(*(trigram_hashes(s) for s in sentences(text)))


def source_sentences(text: str) -> list[list[str]]:
    """One source text as data: per sentence with a trigram, its sorted trigram hashes."""
    return [sorted(h) for s in sentences(text) if (h := trigram_hashes(s))]


def load(path: Path) -> dict[str, list[set[str]]]:
    """``{source name: [each sentence's trigram hashes]}`` from the committed data."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: [set(s) for s in sents] for name, sents in data["sources"].items()}


def copied(hashes: set[str], sources: dict[str, list[set[str]]],
           limit: float = LIMIT) -> Match | None:
    """The source sentence sharing the largest share (above *limit*) of *hashes*, if any."""
    best: Match | None = None
    if not hashes:
        return None
    for name, sents in sources.items():
        for index, sentence in enumerate(sents, 1):
            shared = len(hashes & sentence)
            if shared / len(hashes) > limit and (best is None or shared > best.shared):
                best = Match(name, index, shared, len(hashes))
    return best


def dump(sources: Iterable[tuple[str, str]]) -> str:
    """The data file for ``(name, text)`` sources (stable: sorted keys, one hash a line)."""
    data = {"about": "SHA-1 of the word trigrams of each sentence of the Dutch source texts, "
                     "quotations left out (tools/handbook/own_words.py)",
            "sources": {name: source_sentences(text) for name, text in sources}}
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
