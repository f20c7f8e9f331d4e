"""Folium's part of the map page is rendered once and kept in the user's cache folder
under a hash of its inputs; every page still gets its own nonce."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from widgets.map import page

ROOT = Path(__file__).resolve().parents[3]
NONCE = re.compile(r"nonce-([A-Za-z0-9_-]+)")


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "command-centre"


def test_the_rendered_map_is_kept_and_reused_with_a_fresh_nonce(qapp, cache_home) -> None:
    first = page.build_page()
    kept = list(cache_home.glob("map-page-*.html"))
    assert len(kept) == 1
    second = page.build_page()
    assert list(cache_home.glob("map-page-*.html")) == kept
    nonces = NONCE.search(first)[1], NONCE.search(second)[1]
    assert nonces[0] != nonces[1]
    assert first.replace(nonces[0], "N") == second.replace(nonces[1], "N")
    assert "leaflet" in first.lower()


def test_another_tile_server_is_another_rendering(qapp, cache_home) -> None:
    page.build_page()
    with_tiles = page.build_page("https://tiles.example.test/{z}/{x}/{y}.png")
    assert len(list(cache_home.glob("map-page-*.html"))) == 2
    assert "tiles.example.test" in with_tiles


def test_an_unusable_cache_folder_still_gives_the_page(qapp, cache_home, caplog) -> None:
    cache_home.parent.mkdir(parents=True)
    cache_home.write_text("a file where the folder should be", encoding="utf-8")
    html = page.build_page()
    assert "</html>" in html
    assert "could not keep the rendered map page" in caplog.text


def test_a_kept_page_is_built_without_importing_folium(qapp, cache_home) -> None:
    page.build_page()  # kept now
    probe = (
        "import sys\n"
        "from widgets.map.page import build_page\n"
        "build_page()\n"
        "print('folium' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "XDG_CACHE_HOME": str(cache_home.parent)},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "False"
