"""Reading a channel's public profile for its audit (R10, R11): the platform, or its page.

The connector's ``fetch_profile`` is asked first. Where the channel has no connection, or the
platform refuses or cannot be reached, the channel's public page is read instead through the
SSRF-guarded client (its title, description and links). Shortened links are followed one hop
through the same client so a ``bit.ly`` link to the website counts as one. Whatever happens,
one audit is stored for the channel and the reason for a poor reading is kept with it.
"""

from __future__ import annotations

import logging
from html.parser import HTMLParser
from urllib.parse import urljoin

import httpx

from tillit.access.actor import Actor
from tillit.channels.choices import STAFFED_STATES
from tillit.channels.models import Channel, ProfileAudit
from tillit.channels.profile_audit import ProfileRead
from tillit.channels.profile_links import is_shortened, links_in, normalise
from tillit.channels.services.profile_audits import profile_audit_record
from tillit.connectors.base import Profile
from tillit.connectors.errors import ConnectorError
from tillit.core.messages import Message, describe
from tillit.core.messages import marked as _
from tillit.core.net.client import guarded_client
from tillit.core.net.outbound import outbound_policy
from tillit.core.net.policy import Refused, Unresolvable
from tillit.organisation.models import Person

from ..models import Connection
from .connections import connector_for

logger = logging.getLogger(__name__)

#: A public page is read this far; a profile page's head and links come early.
PAGE_BYTES = 1_000_000
#: At most this many shortened links are followed per profile, each with this timeout.
MAX_SHORT = 10
SHORT_TIMEOUT = 5.0
USER_AGENT = "Tillit profile audit (+https://tillit.se)"


class _PageReader(HTMLParser):
    """The title, descriptions, visible text and link targets of one HTML page, bounded."""

    MAX_PARTS = 2000

    def __init__(self, base: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base = base
        self.title: list[str] = []
        self.descriptions: list[str] = []
        self.text: list[str] = []
        self.links: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = {k.lower(): v or "" for k, v in attrs if isinstance(k, str)}
        if tag in ("script", "style", "title", "noscript", "template"):
            self._in.append(tag)
        if tag == "meta":
            name = (values.get("name") or values.get("property") or "").lower()
            if name in ("description", "og:description", "twitter:description"):
                self.descriptions.append(values.get("content", ""))
        if tag == "a" and values.get("href") and len(self.links) < self.MAX_PARTS:
            self.links.append(urljoin(self.base, values["href"].strip()))

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        if len(self.text) >= self.MAX_PARTS:
            return
        if self._in and self._in[-1] == "title":
            self.title.append(data)
        elif not self._in and data.strip():
            self.text.append(data.strip())


def _page_read(url: str) -> tuple[ProfileRead, str]:
    """The channel's public page as a profile reading, and the page's title."""
    with (
        guarded_client(
            outbound_policy(),
            timeout=20.0,
            headers={"User-Agent": USER_AGENT, "Accept": "text/html"},
            follow_redirects=True,
        ) as client,
        client.stream("GET", url) as response,
    ):
        response.raise_for_status()
        body = bytearray()
        for chunk in response.iter_bytes():
            body.extend(chunk[: PAGE_BYTES - len(body)])
            if len(body) >= PAGE_BYTES:
                break
        encoding = response.encoding or "utf-8"
        final = str(response.url)
    reader = _PageReader(final)
    try:
        reader.feed(bytes(body).decode(encoding, errors="replace"))
        reader.close()
    except Exception:  # a page that breaks the parser still gives what was read before it
        logger.info("profile page parse stopped early: %s", url)
    title = " ".join(" ".join(reader.title).split())
    text = "\n".join([title, *reader.descriptions, *reader.text])
    return ProfileRead(text=text, links=tuple(reader.links)), title


def _page_problem(exc: Exception) -> Message:
    """Why the public page gave nothing, in words a manager can act on."""
    if isinstance(exc, httpx.HTTPStatusError):
        return Message(
            _("The channel's public page answered with status %(status)s."),
            status=exc.response.status_code,
        )
    if isinstance(exc, Unresolvable):
        return Message(_("The server name in the channel's address could not be found."))
    if isinstance(exc, Refused):
        return Message(_("The channel's address points to an internal or local server."))
    if isinstance(exc, httpx.TimeoutException):
        return Message(_("The channel's public page did not answer in time."))
    if isinstance(exc, httpx.TooManyRedirects):
        return Message(_("The channel's public page redirects too many times."))
    return Message(_("The channel's public page could not be reached."))


def _unshortened(links: tuple[str, ...], text: str) -> tuple[str, ...]:
    """The links with each shortened one's target added (one hop, through the guard)."""
    short = [link for link in (*links, *links_in(text)) if is_shortened(link)][:MAX_SHORT]
    if not short:
        return links
    found: list[str] = []
    with guarded_client(
        outbound_policy(), timeout=SHORT_TIMEOUT, headers={"User-Agent": USER_AGENT}
    ) as client:
        for link in short:
            try:
                response = client.head(normalise(link) or link)
            except (httpx.HTTPError, Refused) as exc:
                logger.info("shortened link not followed: %s (%s)", link, type(exc).__name__)
                continue
            target = response.headers.get("location", "")
            if response.is_redirect and target:
                found.append(urljoin(str(response.url), target))
    return (*links, *found)


def _profile_as_read(profile: Profile) -> ProfileRead:
    text = "\n".join(p for p in (profile.display_name, profile.bio) if isinstance(p, str) and p)
    links = tuple(link for link in profile.links if isinstance(link, str))
    return ProfileRead(text=text, links=links)


def profile_read(channel: Channel) -> tuple[ProfileRead | None, str, str, Message | None]:
    """Read the profile: (what was read or None, name, source, why the reading is poor)."""
    problem: Message | None = None
    connection = Connection.objects.filter(channel=channel).first()
    if connection is not None:
        connector = None
        try:
            connector = connector_for(connection)
            profile = connector.fetch_profile()
        except ConnectorError as exc:
            problem = Message(
                _("The platform did not give the profile: %(reason)s"), reason=exc.message
            )
        except Exception as exc:  # one channel's failure must not stop the others
            logger.exception("profile read failed for channel %s", channel.pk)
            problem = Message(
                _("The platform did not give the profile: %(reason)s"), reason=describe(exc)
            )
        else:
            read = _profile_as_read(profile)
            return read, profile.display_name or "", ProfileAudit.Source.PLATFORM, None
        finally:
            if connector is not None:
                connector.close()
    try:
        read, title = _page_read(channel.url)
    except (httpx.HTTPError, Refused, UnicodeError, LookupError) as exc:
        page_problem = _page_problem(exc)
        if problem is not None:
            page_problem = Message(_("%(first)s %(then)s"), first=problem, then=page_problem)
        return None, "", ProfileAudit.Source.NONE, page_problem
    if problem is None:
        problem = Message(
            _("The channel has no connection to its platform; its public page was read instead.")
        )
    return read, title, ProfileAudit.Source.PAGE, problem


def channel_audit_profile(
    *, channel: Channel, actor: Actor | Person | None = None, profile: Profile | None = None
) -> ProfileAudit:
    """Read (or take the already-read ``profile``), judge and store one audit of the channel."""
    read: ProfileRead | None
    source: str
    problem: Message | None = None
    if profile is not None:
        read, name, source = _profile_as_read(profile), profile.display_name or "", "platform"
    else:
        read, name, source, problem = profile_read(channel)
    if read is not None:
        read = ProfileRead(text=read.text, links=_unshortened(read.links, read.text))
    return profile_audit_record(
        channel=channel, read=read, name=name, source=source, problem=problem, actor=actor
    )


def channels_due_for_profile_audit() -> list[int]:
    """The channels whose profile the weekly job reads: every running one."""
    return list(
        Channel.objects.filter(status__in=STAFFED_STATES)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
