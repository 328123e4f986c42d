"""Write the hashed word trigrams of the Dutch source texts (no text of theirs) for the tests.

    python tools/source_trigrams.py TEXT_A.txt TEXT_B.txt > tests/data/source-trigrams.json

Each source is named by its file's stem. What is hashed, and how, is in
:mod:`handbook.own_words`; ``tests/test_own_words.py`` compares every Dutch claim against it.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from handbook import own_words


def main(paths: list[str]) -> int:
    if not paths:
        print("usage: source_trigrams.py SOURCE.txt [SOURCE.txt ...]", file=sys.stderr)
        return 2
    try:
        sources = [(Path(p).stem, Path(p).read_text(encoding="utf-8")) for p in paths]
    except (OSError, UnicodeDecodeError) as error:
        print(f"source_trigrams.py: cannot read: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(own_words.dump(sources))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
