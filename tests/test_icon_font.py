"""The icon font's cut (handbook.icon_font) and the user cache that keeps its pure steps
(handbook.user_cache): a cached result is the computed one, byte for byte, and a bad or missing
cache only means the work is done again. The published font itself is checked in a browser by
tests/test_site_weight.py."""

from __future__ import annotations

from pathlib import Path

import pydata_sphinx_theme
import pytest
from handbook import icon_font
from handbook import user_cache as cache_module

from conftest import USER_CACHE_VARIABLE

THEME = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
THEME_STATIC = THEME / "static"
CSS = (THEME_STATIC / icon_font.THEME_CSS).read_bytes()
FONT = (THEME_STATIC / icon_font.FONT).read_bytes()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache_module.FOLDER_VARIABLE, str(folder))
    return folder


def test_the_suite_points_the_builds_at_its_own_cache(user_cache: Path) -> None:
    assert USER_CACHE_VARIABLE == cache_module.FOLDER_VARIABLE
    assert cache_module.folder() == user_cache


def _counting(result: bytes) -> tuple[list[int], object]:
    calls: list[int] = []

    def compute() -> bytes:
        calls.append(1)
        return result

    return calls, compute


def test_an_entry_is_computed_once_per_key(cache: Path) -> None:
    calls, compute = _counting(b"value")
    assert cache_module.remembered("kind", (b"a", b"b"), compute) == b"value"
    assert cache_module.remembered("kind", (b"a", b"b"), compute) == b"value"
    assert len(calls) == 1
    # the parts are length-prefixed: ("ab", "") is another key than ("a", "b")
    cache_module.remembered("kind", (b"ab", b""), compute)
    cache_module.remembered("other", (b"a", b"b"), compute)
    assert len(calls) == 3
    assert not [p for p in cache.iterdir() if p.name.startswith(".")], "a partial file was left"


def test_an_entry_the_caller_rejects_is_computed_and_written_again(cache: Path) -> None:
    calls, compute = _counting(b"good")
    cache_module.remembered("kind", (b"k",), compute)
    (entry,) = cache.iterdir()
    entry.write_bytes(b"damaged")
    again = cache_module.remembered("kind", (b"k",), compute, valid=lambda d: d == b"good")
    assert again == b"good"
    assert entry.read_bytes() == b"good" and len(calls) == 2


def test_a_folder_that_cannot_be_written_only_costs_the_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv(cache_module.FOLDER_VARIABLE, str(blocked / "cache"))
    calls, compute = _counting(b"value")
    assert cache_module.remembered("kind", (b"k",), compute) == b"value"
    assert cache_module.remembered("kind", (b"k",), compute) == b"value"
    assert len(calls) == 2


def test_the_theme_icons_from_the_cache_are_the_computed_ones(cache: Path) -> None:
    computed = icon_font.theme_icons(CSS.decode("utf-8"))
    assert computed[0].get("fa-bars") and computed[1], "the theme's stylesheet names no icon"
    assert icon_font.remembered_theme_icons(CSS) == computed  # computed, then written
    assert len(list(cache.iterdir())) == 1
    assert icon_font.remembered_theme_icons(CSS) == computed  # read back


def test_the_cut_font_from_the_cache_is_the_computed_one(cache: Path) -> None:
    names, drawn = icon_font.theme_icons(CSS.decode("utf-8"))
    wanted = drawn | names["fa-bars"]
    cut = icon_font.subset_font(FONT, wanted)
    assert icon_font.remembered_subset(FONT, wanted) == cut
    assert icon_font.remembered_subset(FONT, wanted) == cut
    other = icon_font.remembered_subset(FONT, drawn)  # other icons: another entry
    assert other != cut and len(list(cache.iterdir())) == 2


def test_a_changed_stylesheet_is_read_afresh(cache: Path) -> None:
    icon_font.remembered_theme_icons(CSS)
    changed = CSS + b'\n.fa-made-up{--fa:"\\f0c9"}\n'
    names, _ = icon_font.remembered_theme_icons(changed)
    assert names["fa-made-up"] == {0xF0C9}
