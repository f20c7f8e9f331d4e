"""A service may list several URLs (edges of one backbone): the console fails over in turn."""

from __future__ import annotations

from pathlib import Path

import pytest

from console.config import ConfigError, load_config
from console.session import live_source

TWO_EDGES = """
[services.cad]
url = ["ws://127.0.0.1:9/cad", "ws://127.0.0.2:9/cad"]
token = "abc"
[services.avl]
urls = ["ws://127.0.0.1:9/avl"]
token = "abc"
"""


def test_a_list_of_urls_is_tried_in_order(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(f'cache = "{tmp_path / "cache.db"}"\n' + TWO_EDGES)
    config = load_config(path)
    cad = config.services["cad"]
    assert (cad.url, cad.more_urls) == ("ws://127.0.0.1:9/cad", ("ws://127.0.0.2:9/cad",))
    assert config.services["avl"].more_urls == ()
    feed = live_source(config, lambda batch: None)
    try:
        assert feed.config.endpoints["cad"].urls == ("ws://127.0.0.1:9/cad", "ws://127.0.0.2:9/cad")
    finally:
        feed.cache.close()


@pytest.mark.parametrize(
    ("service", "fragment"),
    [
        ("url = []\ntoken = 't'", "at least one"),
        ("url = ['ws://127.0.0.1/cad', 7]\ntoken = 't'", "ws:// or wss:// URL, not 7"),
        ("url = ['ws://127.0.0.1/cad', 'ws://127.0.0.1/cad']\ntoken = 't'", "same URL twice"),
        ("url = 'ws://127.0.0.1/cad'\nurls = ['ws://127.0.0.1/cad']\ntoken = 't'", "url and urls"),
        ("url = ['ws://127.0.0.1/cad', 'ws://cad.city/cad']\ntoken = 't'", "clear text"),
    ],
)
def test_bad_url_lists_name_the_problem(tmp_path: Path, service: str, fragment: str) -> None:
    path = tmp_path / "c.toml"
    path.write_text(f"[services.cad]\n{service}\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert fragment in str(caught.value)
    assert str(path) in str(caught.value)
