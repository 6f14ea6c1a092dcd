"""RSS/Atom connector: the organisation's own feed, fetched with a size limit, read only."""

from __future__ import annotations

import calendar
import io
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import feedparser

from tillit.core.links import web_url
from tillit.core.messages import Message, foreign
from tillit.core.messages import marked as _

from ...base import (
    Attachment,
    Author,
    Capability,
    Connector,
    FetchResult,
    InboundItem,
    ItemKind,
    Parameter,
    Profile,
    TextFormat,
    TextLimit,
)
from ...errors import PayloadError, PlatformRefused
from ...http import call, make_client
from ...parsing import decode_cursor, encode_cursor
from ...registry import register_connector

_READ_ONLY = _("A feed is read only; act on the site that publishes it.")
# Encoding mismatches are normal on the web and feedparser recovers from them exactly.
_HARMLESS_BOZO = (feedparser.CharacterEncodingOverride,)


def parse_feed(body: bytes) -> Any:
    """Parse feed bytes with feedparser, keeping HTML as received (no sanitising)."""
    # A stream, never a str: feedparser would treat a str as a URL or path and open it.
    feed = feedparser.parse(io.BytesIO(body), sanitize_html=False, resolve_relative_uris=False)
    if feed.get("bozo") and not isinstance(feed.get("bozo_exception"), _HARMLESS_BOZO):
        reason = type(feed.get("bozo_exception")).__name__
        raise PayloadError(
            Message(_("The feed is not well-formed (%(reason)s)."), reason=foreign(reason))
        )
    if not feed.get("version"):
        raise PayloadError(Message(_("The address does not give an RSS or Atom feed.")))
    return feed


def _entry_time(entry: Mapping[str, Any], where: str) -> datetime:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed is None:
        raise PayloadError(f"{where}: no published or updated date")
    # feedparser normalises dates to UTC struct_time.
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)


@register_connector
class RssConnector(Connector):
    """An RSS or Atom feed the organisation publishes (news pages, blogs)."""

    platform = "rss"
    label = _("RSS/Atom feed")
    state_unsupported = _("A feed cannot be acted on, so there is no state to read back.")
    parameters = (Parameter("feed_url", _("Feed URL"), url=True),)
    # A feed is read only.
    text_limit = TextLimit()
    capabilities = frozenset({Capability.READ_POSTS, Capability.READ_PROFILE})
    insights_explanation = _(
        "A feed has no figures for reach or engagement. The statistics of the site that "
        "publishes it (its web analytics) show how many read it."
    )
    unsupported = {
        Capability.HIDE: _READ_ONLY,
        Capability.UNHIDE: _READ_ONLY,
        Capability.DELETE: _READ_ONLY,
        Capability.REPLY: _READ_ONLY,
        Capability.BLOCK: _READ_ONLY,
        Capability.REPORT: _READ_ONLY,
        Capability.PUBLISH: _(
            "A feed is read only: write the news item or blog post in the system that "
            "publishes the site, and the feed shows it."
        ),
    }

    @property
    def http(self):  # type: ignore[override]
        """Feeds move around, so this client follows (a few) redirects."""
        if self._http is None:
            # Each hop is checked against the policy like the first request.
            self._http = make_client(self.limits, follow_redirects=True, policy=self.policy)
        return self._http

    def _download(self, etag: str | None, modified: str | None) -> tuple[bytes | None, dict]:
        headers = {"Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9"}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        try:
            answer = call(
                self.http, "GET", self.config["feed_url"], limits=self.limits, headers=headers
            )
        except PlatformRefused as exc:
            if exc.status == 304:
                return None, {"etag": etag, "modified": modified}
            raise
        validators = {
            "etag": answer.headers.get("etag"),
            "modified": answer.headers.get("last-modified"),
        }
        return answer.body, validators

    def fetch_items(self, since: str | None = None) -> FetchResult:
        """Entries published after the cursor, using ETag/Last-Modified to skip unchanged feeds."""
        state = decode_cursor(since)
        body, validators = self._download(state.get("etag"), state.get("modified"))
        seen = state.get("since")
        if body is None:
            return FetchResult((), since)
        feed = parse_feed(body)
        author = Author(
            platform_id=self.config["feed_url"],
            display_name=feed.feed.get("title", ""),
            profile_url=web_url(feed.feed.get("link")) or None,
        )
        items = []
        newest = seen or 0
        for i, entry in enumerate(feed.entries):
            item = self._entry_item(entry, author, f"entry[{i}]")
            stamp = int(item.received_at.timestamp())
            if seen is None or stamp >= seen:
                items.append(item)
            newest = max(newest, stamp)
        cursor = {k: v for k, v in validators.items() if v}
        cursor["since"] = newest
        return FetchResult(tuple(items), encode_cursor(cursor))

    def _entry_item(self, entry: Mapping[str, Any], author: Author, where: str) -> InboundItem:
        entry_id = entry.get("id") or entry.get("link")
        if not isinstance(entry_id, str) or not entry_id:
            raise PayloadError(f"{where}: no id or link")
        detail = entry.get("summary_detail") or {}
        text = entry.get("summary", "")
        contents = entry.get("content") or []
        if contents:
            detail = contents[0]
            text = contents[0].get("value", "")
        is_html = "html" in str(detail.get("type", "text/html"))
        attachments = tuple(
            Attachment(
                url=enc.get("href", ""),
                media_type=enc.get("type", "application/octet-stream"),
                size=int(enc["length"]) if str(enc.get("length", "")).isdigit() else None,
            )
            for enc in entry.get("enclosures", [])
            if enc.get("href")
        )
        title = entry.get("title", "")
        return InboundItem(
            platform_id=entry_id,
            kind=ItemKind.OWN_POST,
            is_public=True,
            # The body exactly as published; the title stays in raw unless there is no body.
            text=text or title,
            author=author,
            received_at=_entry_time(entry, where),
            # The feed's author writes <link>; only an http(s) one becomes a link.
            permalink=web_url(entry.get("link")) or None,
            attachments=attachments,
            raw=_plain(entry),
            text_format=TextFormat.HTML if is_html else TextFormat.PLAIN,
        )

    def fetch_profile(self) -> Profile:
        """The feed's title, description and site link."""
        body, _validators = self._download(None, None)
        feed = parse_feed(body or b"")
        link = web_url(feed.feed.get("link")) or None
        return Profile(
            platform_id=self.config["feed_url"],
            display_name=feed.feed.get("title", ""),
            bio=feed.feed.get("subtitle", ""),
            links=(link,) if link else (),
            url=link,
            raw=_plain(feed.feed),
        )


def _plain(value: Any) -> Any:
    """feedparser's dicts and struct_times as plain JSON-able values for storage."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items() if not k.endswith("_parsed")}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)
