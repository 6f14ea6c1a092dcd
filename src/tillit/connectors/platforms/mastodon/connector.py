"""Mastodon connector over Mastodon.py: mentions, replies, direct messages, replies, blocks."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

import requests
from mastodon import Mastodon
from mastodon.errors import (
    MastodonAPIError,
    MastodonError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonServerError,
    MastodonUnauthorizedError,
)

from tillit.core.links import web_url
from tillit.core.messages import Message, foreign
from tillit.core.messages import marked as _
from tillit.core.net.outbound import outbound_policy
from tillit.core.net.policy import Refused
from tillit.core.net.session import guarded_session

from ...base import (
    ActionResult,
    Attachment,
    Author,
    Capability,
    Connector,
    FetchResult,
    InboundItem,
    InsightPeriod,
    Insights,
    ItemKind,
    Media,
    Parameter,
    PlatformState,
    PostRules,
    Profile,
    Publication,
    TextFormat,
    TextLimit,
    done,
)
from ...errors import (
    AddressRefused,
    PayloadError,
    PlatformRefused,
    RateLimited,
    TokenInvalid,
    TransientError,
)
from ...http import platform_answer, too_large
from ...insights import (
    ENGAGEMENTS,
    FOLLOWERS,
    IMPRESSIONS,
    REACH,
    InsightsDraft,
    NewestFirst,
)
from ...parsing import (
    as_id,
    decode_cursor,
    encode_cursor,
    field_id,
    field_list,
    field_obj,
    field_str,
    obj,
    opt_id,
    opt_int,
    opt_obj,
    opt_str,
    opt_web_url,
    parse_time,
    safe_id,
)
from ...registry import register_connector

# More HTML than any profile holds; the audit keeps 5,000 characters of what it reads.
_MAX_HTML = 100_000
_PUBLIC = {"public", "unlisted"}
_VISIBILITIES = {"public", "unlisted", "private", "direct"}
# How long a publish waits for an uploaded image to be processed: 5 checks, 2 s apart.
_PROCESSING_CHECKS = 5
_PROCESSING_WAIT_S = 2.0


def as_raw(entity: Any) -> dict[str, Any]:
    """Mastodon.py entity back to plain JSON types (datetimes as ISO text) for storage."""
    if hasattr(entity, "to_json"):
        data = json.loads(entity.to_json(pretty=False)).get("_mastopy_data")
    else:
        data = json.loads(json.dumps(entity, default=_json_default))
    if not isinstance(data, dict):
        raise PayloadError("Mastodon answer is not an object")
    return data


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _refusal(exc: BaseException) -> Refused | None:
    """The policy refusal Mastodon.py wrapped in a network error, if that is what happened."""
    seen: BaseException | None = exc
    for _depth in range(10):
        if seen is None:
            return None
        if isinstance(seen, Refused):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


class _ProfileHtml(HTMLParser):
    """Mastodon's HTML (a note, a field's value): the text a reader sees and the anchors' targets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        href = dict(attrs).get("href") if tag == "a" else None
        if href:
            self.hrefs.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _read_html(value: str) -> tuple[str, list[str]]:
    """The text of Mastodon's HTML, a line a paragraph, and the addresses its anchors lead to."""
    reader = _ProfileHtml()
    # Bounded first: a note is 500 characters on most instances, a hostile one sends megabytes.
    reader.feed(value[:_MAX_HTML])
    reader.close()
    text = "\n".join(line.strip() for line in "".join(reader.parts).splitlines())
    return text.strip(), reader.hrefs


def _id_key(value: str) -> tuple[int, str]:
    # Mastodon ids are numeric strings that sort by time; compare them as numbers.
    return (int(value), value) if value.isdigit() else (0, value)


@register_connector
class MastodonConnector(Connector):
    """A Mastodon account on any instance."""

    platform = "mastodon"
    label = _("Mastodon")
    parameters = (
        Parameter("api_base_url", _("Instance URL, e.g. https://mastodon.social"), url=True),
        Parameter("access_token", _("Access token"), secret=True),
    )
    # Mastodon's default; an instance may allow more (``fetch_text_limit``). Every web
    # address counts as 23 characters (characters_reserved_per_url), as on X.
    text_limit = TextLimit(reply=500, post=500, link_length=23)
    # Mastodon's defaults (an instance may differ): four images, 16 MB each.
    post_rules = PostRules(
        max_media=4,
        media_types=frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"}),
        max_media_bytes=16 * 1024 * 1024,
    )
    capabilities = frozenset(
        {
            Capability.READ_COMMENTS,
            Capability.READ_DIRECT_MESSAGES,
            Capability.DELETE_OWN,
            Capability.REPLY,
            Capability.BLOCK,
            Capability.REPORT,
            Capability.READ_PROFILE,
            Capability.PUBLISH,
            Capability.READ_STATE,
            Capability.READ_INSIGHTS,
        }
    )
    insights_explanation = _(
        "Mastodon counts no views or reach: no server knows who read a post on the others. "
        "Engagements are the favourites, boosts and replies so far on the account's own "
        "public posts published in the period (not its replies or boosts of others' posts). "
        "Followers are the account's followers when the figures were fetched, as its own "
        "server knows them."
    )
    unsupported = {
        Capability.HIDE: _(
            "Mastodon cannot hide other people's replies: they live on their authors' "
            "servers. Block the author (their replies disappear for this account), report "
            "the post to the instance moderators, or delete the organisation's own post."
        ),
        Capability.UNHIDE: _("Mastodon has no hiding, so there is nothing to undo."),
        Capability.DELETE: _(
            "Mastodon cannot delete other people's posts. Report the post to the "
            "instance moderators (they can remove it), block the author, or delete the "
            "organisation's own post the reply hangs on."
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """The instance URL is checked by clean_config; the client is created on first use."""
        super().__init__(*args, **kwargs)
        self._api: Mastodon | None = None
        self._me: str | None = None

    @property
    def api(self) -> Mastodon:
        """The Mastodon.py client: throws on rate limits instead of sleeping in a worker."""
        if self._api is None:
            # Mastodon.py talks through requests; this session checks and pins every
            # connection like the httpx clients of the other connectors.
            session = guarded_session(self.policy or outbound_policy())
            session.hooks["response"].append(self._check_size)
            self._api = Mastodon(
                access_token=self.config["access_token"],
                api_base_url=self.config["api_base_url"],
                ratelimit_method="throw",
                request_timeout=self.limits.timeout_s,
                version_check_mode="none",
                session=session,
            )
        return self._api

    def _check_size(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        # Mastodon.py reads whole bodies; refuse at least the ones that announce their size.
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.limits.max_body_bytes:
            raise too_large(int(declared), self.limits.max_body_bytes)

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        """Translate Mastodon.py exceptions into connector errors (messages carry no token)."""
        try:
            yield
        except MastodonUnauthorizedError:
            raise TokenInvalid(Message(_("Mastodon rejected the access token."))) from None
        except MastodonRatelimitError:
            reset = getattr(self._api, "ratelimit_reset", None)
            wait = max(0.0, reset - time.time()) if isinstance(reset, int | float) else None
            raise RateLimited(Message(_("Mastodon asks Tillit to slow down.")), wait) from None
        except MastodonNetworkError as exc:
            refused = _refusal(exc)
            if refused is not None:
                raise AddressRefused(refused.reason) from None
            raise TransientError(
                Message(_("Mastodon could not be reached (%(kind)s)."), kind=type(exc).__name__)
            ) from None
        except MastodonServerError as exc:
            raise TransientError(
                Message(_("Mastodon could not be reached (%(kind)s)."), kind=type(exc).__name__)
            ) from None
        except MastodonNotFoundError:
            raise PlatformRefused(Message(_("Not found on the Mastodon server.")), 404) from None
        except MastodonAPIError as exc:
            status = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], int) else None
            detail = str(exc.args[3])[:300] if len(exc.args) > 3 and exc.args[3] else ""
            if status == 403 and "scope" in detail.lower():
                raise TokenInvalid(platform_answer(status, detail)) from None
            if status is None:
                raise PayloadError(Message(_("Mastodon's answer could not be read."))) from None
            raise PlatformRefused(platform_answer(status, detail), status) from None
        except MastodonError as exc:
            raise PayloadError(
                Message(
                    _("Mastodon's answer could not be read (%(kind)s)."), kind=type(exc).__name__
                )
            ) from None

    @property
    def me(self) -> str:
        """The account id of the token's owner."""
        if self._me is None:
            with self._errors():
                account = as_raw(self.api.me())
            self._me = field_id(account, "id", "me")
        return self._me

    # --- reading -------------------------------------------------------

    def fetch_items(self, since: str | None = None) -> FetchResult:
        """Mentions (replies and direct messages arrive as mentions) and direct conversations."""
        state = decode_cursor(since)
        notif_min = state.get("notif")
        status_min = state.get("status")
        for value in (notif_min, status_min):
            if value is not None and not isinstance(value, str):
                raise PayloadError("cursor: ids must be strings")
        items: dict[str, InboundItem] = {}
        newest_notif = notif_min
        with self._errors():
            for _page in range(self.limits.max_pages):
                # min_id pages forward from the cursor, oldest first, so nothing is skipped.
                page = self.api.notifications(types=["mention"], min_id=notif_min, limit=40)
                if not page:
                    break
                for entity in page:
                    notif = as_raw(entity)
                    nid = field_id(notif, "id", "notification")
                    if field_str(notif, "type", "notification") != "mention":
                        raise PayloadError("notification: asked for mentions, got another type")
                    status = field_obj(notif, "status", "notification")
                    item = self._status_item(status)
                    items[item.platform_id] = item
                    if newest_notif is None or _id_key(nid) > _id_key(newest_notif):
                        newest_notif = nid
                notif_min = newest_notif
            # Conversations also show what the organisation itself sent in direct threads.
            newest_status = status_min
            for entity in self.api.conversations(limit=40):
                conv = as_raw(entity)
                last = opt_obj(conv, "last_status", "conversation")
                if last is None:
                    continue
                item = self._status_item(last, conversation=field_id(conv, "id", "conversation"))
                # The conversation's copy knows its thread, so it wins over the mention's.
                if (
                    item.platform_id in items
                    or status_min is None
                    or (_id_key(item.platform_id) > _id_key(status_min))
                ):
                    items[item.platform_id] = item
                if newest_status is None or _id_key(item.platform_id) > _id_key(newest_status):
                    newest_status = item.platform_id
        ordered = sorted(items.values(), key=lambda i: (i.received_at, _id_key(i.platform_id)))
        cursor = encode_cursor(
            {k: v for k, v in (("notif", newest_notif), ("status", newest_status)) if v}
        )
        return FetchResult(tuple(ordered), cursor)

    def _status_item(
        self, status: Mapping[str, Any], conversation: str | None = None
    ) -> InboundItem:
        where = "status"
        sid = field_id(status, "id", where)
        visibility = field_str(status, "visibility", where)
        if visibility not in _VISIBILITIES:
            raise PayloadError(f"{where}: unknown visibility {visibility[:20]!r}")
        account = field_obj(status, "account", where)
        acct = field_str(account, "acct", f"{where}.account")
        author = Author(
            platform_id=field_id(account, "id", f"{where}.account"),
            display_name=opt_str(account, "display_name", f"{where}.account") or acct,
            handle=f"@{acct}",
            profile_url=opt_web_url(account, "url", f"{where}.account"),
        )
        in_reply_to = opt_id(status, "in_reply_to_id", where)
        reply_account = opt_id(status, "in_reply_to_account_id", where)
        if visibility == "direct":
            kind = ItemKind.DIRECT_MESSAGE
        elif author.platform_id == self.me:
            kind = ItemKind.OWN_POST
        elif in_reply_to and reply_account == self.me:
            kind = ItemKind.COMMENT
        elif in_reply_to:
            kind = ItemKind.REPLY
        else:
            kind = ItemKind.MENTION
        attachments = []
        for i, raw in enumerate(field_list(status, "media_attachments", where, required=False)):
            media = obj(raw, f"{where}.media_attachments[{i}]")
            url = opt_str(media, "url", "media") or opt_str(media, "remote_url", "media")
            if url:
                meta = opt_obj(media, "meta", "media") or {}
                attachments.append(
                    Attachment(
                        url=url,
                        media_type=field_str(media, "type", "media"),
                        size=opt_int(meta, "size", "media.meta") if "size" in meta else None,
                        name=opt_str(media, "description", "media"),
                    )
                )
        edited = status.get("edited_at")
        return InboundItem(
            platform_id=sid,
            kind=kind,
            is_public=visibility in _PUBLIC,
            text=field_str(status, "content", where),
            author=author,
            received_at=parse_time(status.get("created_at"), f"{where}.created_at").astimezone(UTC),
            parent_platform_id=in_reply_to,
            thread_platform_id=conversation,
            # Remote instances choose both; a hostile "url" falls back to the ActivityPub id.
            permalink=opt_web_url(status, "url", where) or opt_web_url(status, "uri", where),
            attachments=tuple(attachments),
            edited_at=parse_time(edited, f"{where}.edited_at") if edited else None,
            raw=status,
            text_format=TextFormat.HTML,
        )

    def fetch_profile(self) -> Profile:
        """Display name, the note and the fields as read, and every link in either.

        Mastodon sends the note and each field's value as HTML; the bio is the text a reader
        sees ("Drivs av: Testkommun" in a field counts as much as in the note), and the
        links are the addresses behind the anchors.
        """
        with self._errors():
            account = as_raw(self.api.me())
        where = "account"
        text, links = _read_html(opt_str(account, "note", where) or "")
        lines = [text]
        for raw in field_list(account, "fields", where, required=False):
            field = obj(raw, f"{where}.fields[]")
            name = opt_str(field, "name", f"{where}.fields[]") or ""
            value, hrefs = _read_html(opt_str(field, "value", f"{where}.fields[]") or "")
            lines.append(f"{name}: {value}")
            links.extend(hrefs)
        acct = field_str(account, "acct", where)
        return Profile(
            platform_id=field_id(account, "id", where),
            display_name=opt_str(account, "display_name", where) or acct,
            handle=f"@{acct}",
            bio="\n".join(line for line in lines if line.strip()),
            links=tuple(links),
            url=opt_web_url(account, "url", where),
            raw=account,
        )

    def _fetch_insights(self, period: InsightPeriod) -> Insights:
        """Followers, and the own public posts of the period with their counts so far."""
        draft = self.insights_draft(period)
        draft.lack(
            (IMPRESSIONS, REACH),
            _("Mastodon has no views or reach: no server knows who read a post."),
        )
        try:
            with self._errors():
                account = as_raw(self.api.me())
            me = field_id(account, "id", "account")
        except (PlatformRefused, PayloadError) as exc:
            draft.failed(FOLLOWERS, exc, covers=(ENGAGEMENTS,))
            return draft.done()
        draft.set_followers(account.get("followers_count"))
        draft.source.append("GET /api/v1/accounts/verify_credentials followers_count")
        draft.read_posts(self._status_figures, me, draft)
        return draft.done()

    def _status_figures(self, me: str, draft: InsightsDraft) -> None:
        """The account's own statuses, newest first, page by page until the period is passed."""
        scan = NewestFirst(draft.period)
        max_id: str | None = None
        draft.source.append(
            "GET /api/v1/accounts/:id/statuses exclude_replies exclude_reblogs "
            "(favourites_count, reblogs_count, replies_count)"
        )
        for _page in range(self.limits.max_pages):
            previous = max_id
            with self._errors():
                page = self.api.account_statuses(
                    me, exclude_replies=True, exclude_reblogs=True, max_id=max_id, limit=40
                )
            if not page:
                return
            for entity in page:
                status = as_raw(entity)
                status_id = status.get("id")
                if not isinstance(status_id, str) or not status_id.isdigit():
                    continue
                max_id = status_id
                try:
                    published = parse_time(status.get("created_at"), "status.created_at")
                except PayloadError:
                    continue
                # Followers-only and direct posts are not the public's; they are not counted.
                counted = scan.place(published) and status.get("visibility") in _PUBLIC
                if counted and not draft.add_post(
                    status_id,
                    published,
                    engagements=(
                        status.get("favourites_count"),
                        status.get("reblogs_count"),
                        status.get("replies_count"),
                    ),
                    permalink=status.get("url") or status.get("uri"),
                ):
                    return
                if scan.passed:
                    return
            if max_id is None or max_id == previous:
                return
        draft.truncated = True

    def _read_state(self, platform_id: str) -> PlatformState:
        """A status the instance answers for exists; 404 means deleted (no hiding on Mastodon)."""
        try:
            with self._errors():
                self.api.status(as_id(platform_id, "status id"))
        except PlatformRefused as exc:
            if exc.status == 404:
                return PlatformState(exists=False)
            raise
        return PlatformState(exists=True, hidden=None)

    def fetch_text_limit(self) -> int | None:
        """The instance's own limit on a status (``/api/v2/instance``), None when it gives none.

        Instances set their own (many allow 1,000 or more); a missing, odd or absurd value
        leaves the default of 500 in ``text_limit``.
        """
        with self._errors():
            instance = as_raw(self.api.instance_v2())
        config = instance.get("configuration") if isinstance(instance, dict) else None
        statuses = config.get("statuses") if isinstance(config, dict) else None
        value = statuses.get("max_characters") if isinstance(statuses, dict) else None
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 1_000_000:
            return value
        return None

    # --- actions -------------------------------------------------------

    def _reply(self, platform_id: str, text: str, idempotency_key: str) -> ActionResult:
        with self._errors():
            parent = as_raw(self.api.status(as_id(platform_id, "status id")))
            visibility = field_str(parent, "visibility", "status")
            acct = field_str(field_obj(parent, "account", "status"), "acct", "status.account")
            # Without the @mention a direct reply never reaches its recipient.
            mention = f"@{acct}"
            body = text if mention in text.split() else f"{mention} {text}"
            posted = as_raw(
                self.api.status_post(
                    body,
                    in_reply_to_id=platform_id,
                    visibility="direct" if visibility == "direct" else "public",
                    idempotency_key=idempotency_key,
                )
            )
        return done(
            field_id(posted, "id", "status"),
            detail=Message(
                _("Visibility on Mastodon: %(visibility)s"),
                visibility=foreign(str(posted.get("visibility"))[:20]),
            ),
        )

    def _publish(self, publication: Publication, idempotency_key: str) -> ActionResult:
        with self._errors():
            media_ids = [self._upload(media) for media in publication.media]
            posted = as_raw(
                self.api.status_post(
                    self.post_text(publication),
                    media_ids=media_ids or None,
                    visibility="public",
                    # A retry within the hour gets the first status back, not a second post.
                    idempotency_key=idempotency_key,
                )
            )
        # The status exists now: an odd address only costs the permalink, never the result.
        permalink = web_url(posted.get("url")) or web_url(posted.get("uri")) or None
        return done(field_id(posted, "id", "status"), permalink=permalink)

    def _upload(self, media: Media) -> str:
        """Upload one image with its alt text (v2 media); its id once the instance has it ready.

        The v2 endpoint may answer before the image is processed (``url`` still null), and a
        status cannot attach it until it is: ask again a few times, then let the outbox retry.
        """
        attachment = as_raw(
            self.api.media_post(
                media.data,
                mime_type=media.media_type,
                description=media.alt_text or None,
                file_name=media.name,
            )
        )
        try:
            # The id goes into the address of the next request.
            media_id = safe_id(field_id(attachment, "id", "media"), "media id")
        except ValueError:
            raise PayloadError(
                Message(_("Mastodon gave the image an id Tillit cannot use."))
            ) from None
        for _attempt in range(_PROCESSING_CHECKS):
            if opt_str(attachment, "url", "media"):
                return media_id
            time.sleep(_PROCESSING_WAIT_S)
            attachment = as_raw(self.api.media(media_id))
        if opt_str(attachment, "url", "media"):
            return media_id
        raise TransientError(Message(_("Mastodon is still processing the image; try again later.")))

    def _delete_own(self, platform_id: str) -> ActionResult:
        with self._errors():
            self.api.status_delete(as_id(platform_id, "status id"))
        return done(platform_id)

    def _block(self, author_platform_id: str, context_platform_id: str | None) -> ActionResult:
        with self._errors():
            rel = as_raw(self.api.account_block(as_id(author_platform_id, "account id")))
        if rel.get("blocking") is not True:
            raise PlatformRefused(Message(_("The Mastodon server did not confirm the block.")))
        return done(author_platform_id)

    def _report(
        self, platform_id: str, reason: str, author_platform_id: str | None
    ) -> ActionResult:
        with self._errors():
            if author_platform_id is None:
                status = as_raw(self.api.status(as_id(platform_id, "status id")))
                author_platform_id = field_id(
                    field_obj(status, "account", "status"), "id", "account"
                )
            report = as_raw(
                self.api.report(
                    author_platform_id, status_ids=[platform_id], comment=reason, category="other"
                )
            )
        return done(field_id(report, "id", "report"))
