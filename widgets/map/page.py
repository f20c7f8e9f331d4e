"""The map page: folium builds the Leaflet map and the district layers; everything the
page needs is then inlined — Leaflet (from the xstatic-leaflet package), QWebChannel's
client (from Qt's resources), our stylesheet and script — so it loads with no network
at all. A Content-Security-Policy allows only scripts carrying this page's nonce, no
connections, and images only from data: URLs (and the on-premises tile server, if one
is configured).

Folium's part depends only on its inputs (the tile URL, the district files, this module,
the installed folium, branca and Jinja — their package files' size and time): it is
rendered once and kept in the user's cache folder (``$XDG_CACHE_HOME/command-centre``,
by default ``~/.cache/command-centre``) under a hash of those inputs, so a start loads
neither folium nor its templates. The nonce and the inlined scripts are added afresh to
every page.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import secrets
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from urllib.parse import urlsplit

import xstatic.pkg.leaflet
from PySide6.QtCore import QFile, QIODevice

# Importing the module registers its resources (qwebchannel.js).
from PySide6 import QtWebChannel  # noqa: F401  # isort: skip

ASSETS = Path(__file__).resolve().parent / "assets"
GEO = Path(__file__).resolve().parents[2] / "resources" / "geo"
LEAFLET = Path(xstatic.pkg.leaflet.BASE_DIR)
S_CITY_CENTRE = (31.32, 120.62)
_GEO_FILES = ("city-outline.geojson", "districts.geojson")
_RENDERERS = ("folium", "branca", "jinja2")

log = logging.getLogger(__name__)


@cache
def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@cache
def _qwebchannel_js() -> str:
    resource = QFile(":/qtwebchannel/qwebchannel.js")
    if not resource.open(QIODevice.OpenModeFlag.ReadOnly):
        raise RuntimeError("Qt's qwebchannel.js resource is missing (QtWebChannel not installed?)")
    try:
        return bytes(resource.readAll().data()).decode("utf-8")
    finally:
        resource.close()


def page_cache_folder() -> Path:
    """Where rendered folium maps are kept (any file there may be deleted at any time)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "command-centre"


def _inputs_key(tile_url: str | None) -> str:
    """A hash of everything the folium part of the page is made from."""
    digest = hashlib.sha256()
    digest.update(Path(__file__).read_bytes())
    for name in _GEO_FILES:
        digest.update((GEO / name).read_bytes())
    for package in _RENDERERS:  # the installed renderer: its package file, as installed
        spec = find_spec(package)
        origin = Path(spec.origin) if spec is not None and spec.origin else None
        found = origin.stat() if origin is not None else None
        stamp = f"{origin}:{found.st_size}:{found.st_mtime_ns}" if found else "missing"
        digest.update(f"\0{package}={stamp}".encode())
    digest.update(f"\0tiles={tile_url or ''}".encode())
    return digest.hexdigest()[:32]


def _folium_map(tile_url: str | None) -> str:
    """Folium's HTML of the map: from the cache folder when rendered before, else
    rendered now and kept there (a folder that takes no writes is logged, not fatal)."""
    path = page_cache_folder() / f"map-page-{_inputs_key(tile_url)}.html"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        pass  # not rendered yet with these inputs
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("the cached map page %s is unreadable (%s): rendering it again", path, exc)
    html = _render_folium_map(tile_url)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.part")
        partial.write_text(html, encoding="utf-8")
        partial.replace(path)
    except OSError as exc:
        log.warning("could not keep the rendered map page in %s: %s", path.parent, exc)
    return html


def _render_folium_map(tile_url: str | None) -> str:
    import folium  # noqa: PLC0415 (only when the page is not in the cache folder)

    fmap = folium.Map(
        location=S_CITY_CENTRE,
        zoom_start=9,
        tiles=None,
        prefer_canvas=True,
        control_scale=False,
        zoom_control=True,
    )
    # No CDN: folium's own script and stylesheet links are dropped; Leaflet is inlined.
    fmap.default_js = []
    fmap.default_css = []
    if tile_url:
        folium.TileLayer(
            tiles=tile_url, attr="on-premises tiles", name="tiles", max_zoom=19
        ).add_to(fmap)
    outline = json.loads(_text(GEO / _GEO_FILES[0]))
    districts = json.loads(_text(GEO / _GEO_FILES[1]))
    for document, kind in ((outline, "outline"), (districts, "district")):
        for feature in document["features"]:
            feature["properties"]["kind"] = kind
    folium.GeoJson(
        outline,
        name="outline",
        style_function=lambda _f: {"color": "#8d97a5", "weight": 2, "fill": False},
        interactive=False,
    ).add_to(fmap)
    folium.GeoJson(
        districts,
        name="districts",
        style_function=lambda _f: {
            "color": "#4dabf7",
            "weight": 1,
            "opacity": 0.6,
            "fillColor": "#4dabf7",
            "fillOpacity": 0.03,
        },
        interactive=False,
    ).add_to(fmap)
    html: str = fmap.get_root().render()
    return html


def build_page(tile_url: str | None = None) -> str:
    """The complete, self-contained HTML of the map page."""
    nonce = secrets.token_urlsafe(16)
    img_src = "data:"
    if tile_url:
        parts = urlsplit(
            tile_url.replace("{s}", "a").replace("{z}", "0").replace("{x}", "0").replace("{y}", "0")
        )
        img_src += f" {parts.scheme}://{parts.netloc}"
    policy = (
        f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; "
        f"img-src {img_src}; connect-src 'none'; font-src 'none'; object-src 'none'; "
        "base-uri 'none'; form-action 'none'; frame-src 'none'"
    )
    html = _folium_map(tile_url)
    html = re.sub(r"<script>", f'<script nonce="{nonce}">', html)
    head = (
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        f"<style>{_text(LEAFLET / 'leaflet.css')}</style>\n"
        f"<style>{_text(ASSETS / 'map.css')}</style>\n"
        f'<script nonce="{nonce}">{_text(LEAFLET / "leaflet.js")}</script>\n'
        f'<script nonce="{nonce}">{_qwebchannel_js()}</script>\n'
    )
    html = html.replace("<head>", "<head>\n" + head, 1)
    tail = (
        f'<script nonce="{nonce}">{_text(ASSETS / "text.js")}</script>\n'
        f'<script nonce="{nonce}">{_text(ASSETS / "units.js")}</script>\n'
        f'<script nonce="{nonce}">{_text(ASSETS / "map.js")}</script>\n'
        f'<script nonce="{nonce}">{_text(ASSETS / "legend.js")}</script>\n'
        f'<script nonce="{nonce}">{_text(ASSETS / "pressure.js")}</script>\n</html>'
    )
    return html[: html.rindex("</html>")] + tail
