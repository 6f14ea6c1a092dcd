"""Per-platform text limits as connector data, counted as each platform counts."""

import pytest

from tillit.connectors.base import TextLimit
from tillit.connectors.registry import get_connector


@pytest.mark.parametrize(
    ("slug", "reply", "graphemes"),
    [
        ("x", 280, False),
        ("bluesky", 300, True),
        ("mastodon", 500, False),
        ("facebook", 8000, False),
        ("instagram", 2200, False),
        ("linkedin", 1250, False),
        ("youtube", 10000, False),
        ("rss", None, False),
    ],
)
def test_every_connector_declares_its_reply_limit(slug, reply, graphemes):
    limit = get_connector(slug).text_limit
    assert (limit.reply, limit.graphemes) == (reply, graphemes)


def test_graphemes_count_what_a_reader_sees():
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one family emoji, five code points
    thumbs = "\U0001f44d\U0001f3fd"  # thumbs up with a skin tone, two code points
    text = f"Hej {family}{thumbs}\r\né"
    assert TextLimit(graphemes=True).length(text) == len("Hej ") + 2 + 1 + 1
    assert TextLimit().length(text) == len(text) - 1  # CRLF counts as one newline
    assert TextLimit().length("e\u0301") == 2 and TextLimit(graphemes=True).length("e\u0301") == 1
