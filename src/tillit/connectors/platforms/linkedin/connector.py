"""LinkedIn organisation page connector over the versioned Community Management API."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote, urlsplit

from tillit.core.messages import Message, foreign
from tillit.core.messages import marked as _

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
    PostRules,
    Profile,
    Publication,
    TextLimit,
    done,
    web_addresses,
)
from ...errors import PayloadError, PlatformRefused
from ...http import Answer, call
from ...insights import (
    ENGAGEMENTS,
    FOLLOWERS,
    IMPRESSIONS,
    MAX_INSIGHT_DAYS,
    PER_POST,
    PERIOD_FIGURES,
    REACH,
    InsightsDraft,
    dig,
)
from ...parsing import (
    decode_cursor,
    encode_cursor,
    field_list,
    field_obj,
    field_str,
    from_epoch,
    obj,
    opt_obj,
    opt_str,
    safe_id,
)
from ...registry import register_connector

API = "https://api.linkedin.com/rest"
# urn:li:comment:(urn:li:activity:123,456): the thread it belongs to, then the comment id.
_COMMENT_URN = re.compile(r"^urn:li:comment:\((urn:li:[a-zA-Z]+:[0-9A-Za-z_-]+),([0-9]+)\)$")
_URN = re.compile(r"^urn:li:[a-zA-Z]+:[0-9A-Za-z_-]+$")
_IMAGE_URN = re.compile(r"^urn:li:image:[0-9A-Za-z_-]{1,200}$")
# The "little" text format's reserved characters; hashtags are sent as they are.
_RESERVED = re.compile(r"[\\|{}@\[\]()<>#*_~]")
_HASHTAG = re.compile(r"(?<![\w#])#\w+")
# organizationalEntityShareStatistics keeps a rolling 12 months.
_SHARE_STATISTICS_DAYS = 364


def split_comment_urn(urn: str) -> tuple[str, str]:
    """(object urn, comment id) from a comment URN."""
    match = _COMMENT_URN.match(urn) if isinstance(urn, str) else None
    if not match:
        raise PlatformRefused(
            Message(_("%(value)s is not a LinkedIn comment id."), value=foreign(str(urn)[:80]))
        )
    return match.group(1), match.group(2)


def _enc(urn: str) -> str:
    # URNs go into paths and queries percent-encoded (Rest.li protocol 2.0.0).
    return quote(urn, safe="")


@register_connector
class LinkedInConnector(Connector):
    """A LinkedIn organisation page: its posts and the comments on them."""

    platform = "linkedin"
    label = _("LinkedIn (organisation page)")
    state_unsupported = _(
        "LinkedIn's API gives Tillit no way to read a comment's state back; check it on LinkedIn."
    )
    account_parameter = "organization_id"
    parameters = (
        Parameter("organization_id", _("Organisation id (numeric)")),
        Parameter("access_token", _("Access token (r/w_organization_social)"), secret=True),
        Parameter("api_version", _("LinkedIn-Version (YYYYMM)"), required=False, default="202511"),
    )
    # Comments 1,250 characters, posts 3,000.
    text_limit = TextLimit(reply=1250, post=3000)
    # One image, or 2-20 as a multi-image post. LinkedIn limits pixels (36,152,320) rather
    # than bytes; 10 MB keeps uploads sane.
    post_rules = PostRules(
        max_media=20,
        media_types=frozenset({"image/jpeg", "image/png", "image/gif"}),
        max_media_bytes=10 * 1024 * 1024,
    )
    capabilities = frozenset(
        {
            Capability.READ_POSTS,
            Capability.READ_COMMENTS,
            Capability.DELETE,
            Capability.DELETE_OWN,
            Capability.REPLY,
            Capability.READ_PROFILE,
            Capability.PUBLISH,
            Capability.READ_INSIGHTS,
        }
    )
    insights_explanation = _(
        "LinkedIn: views are the impressions of the organisation's posts during the period; "
        "reach is the members they reached, added up day by day (a member reached on two days "
        "counts twice); engagements are reactions, comments and shares (clicks are not "
        "counted). Followers are the page's followers when the figures were fetched. LinkedIn "
        "keeps these figures for the last 12 months and counts unpaid activity only."
    )
    unsupported = {
        Capability.HIDE: _(
            "LinkedIn has no way to hide a comment, neither in the API nor on the page. "
            "Delete it here (capture comes first) or leave it and reply."
        ),
        Capability.UNHIDE: _("LinkedIn has no hiding, so there is nothing to undo."),
        Capability.BLOCK: _(
            "Organisation pages cannot block members through the API. A page admin can "
            "report the member in LinkedIn; deleting the comment works here."
        ),
        Capability.REPORT: _("The API cannot report content; report it in LinkedIn itself."),
    }

    @property
    def org_urn(self) -> str:
        """The organisation's URN."""
        return f"urn:li:organization:{safe_id(self.config['organization_id'], 'organisation id')}"

    def _call(self, method: str, path: str, *, restli: bool = True, **kwargs: Any) -> Answer:
        headers = {
            "Authorization": f"Bearer {self.config['access_token']}",
            "LinkedIn-Version": safe_id(self.config["api_version"], "version"),
        }
        if restli:
            headers["X-Restli-Protocol-Version"] = "2.0.0"
        return call(
            self.http, method, f"{API}/{path}", limits=self.limits, headers=headers, **kwargs
        )

    def _get(self, path: str, params: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
        return obj(self._call("GET", path, params=params).json(), path.split("/")[0])

    # --- reading -------------------------------------------------------

    def fetch_items(self, since: str | None = None) -> FetchResult:
        """The organisation's recent posts and the comments and replies on them."""
        state = decode_cursor(since)
        after = state.get("since")
        if after is not None and not isinstance(after, int):
            raise PayloadError("cursor: 'since' must be epoch milliseconds")
        items: list[InboundItem] = []
        newest = after or 0
        posts = self._get(
            "posts",
            {"author": self.org_urn, "q": "author", "count": 20, "sortBy": "LAST_MODIFIED"},
        )
        pending = []
        for raw in field_list(posts, "elements", "posts"):
            post = obj(raw, "post")
            item = self._post_item(post)
            pending.append(item)
            pending.extend(self._comments(item.platform_id, item.platform_id))
        for item in pending:
            stamp = int(item.received_at.timestamp() * 1000)
            # Equal timestamps come back again on purpose: ingest is idempotent.
            if after is None or stamp >= after:
                items.append(item)
            newest = max(newest, stamp)
        return FetchResult(tuple(items), encode_cursor({"since": newest}))

    def _post_item(self, post: Mapping[str, Any]) -> InboundItem:
        where = "post"
        urn = field_str(post, "id", where)
        if not _URN.match(urn):
            raise PayloadError(f"{where}: unexpected id {urn[:60]!r}")
        when = post.get("publishedAt", post.get("createdAt"))
        return InboundItem(
            platform_id=urn,
            kind=ItemKind.OWN_POST,
            is_public=field_str(post, "visibility", where) == "PUBLIC",
            text=opt_str(post, "commentary", where) or "",
            author=Author(platform_id=field_str(post, "author", where), display_name=""),
            received_at=from_epoch(when, f"{where}.publishedAt", millis=True),
            thread_platform_id=urn,
            permalink=f"https://www.linkedin.com/feed/update/{urn}/",
            raw=post,
        )

    def _comments(self, target: str, thread: str, depth: int = 0) -> list[InboundItem]:
        result: list[InboundItem] = []
        page = self._get(f"socialActions/{_enc(target)}/comments", {"count": 100})
        for raw in field_list(page, "elements", "comments"):
            comment = obj(raw, "comment")
            item = self._comment_item(comment, parent=target, thread=thread)
            result.append(item)
            summary = opt_obj(comment, "commentsSummary", "comment") or {}
            # LinkedIn nests replies one level; depth guard against hostile loops anyway.
            if depth == 0 and summary.get("totalFirstLevelComments"):
                result.extend(self._comments(item.platform_id, thread, depth + 1))
        return result

    def _comment_item(self, comment: Mapping[str, Any], *, parent: str, thread: str) -> InboundItem:
        where = "comment"
        urn = field_str(comment, "commentUrn", where)
        split_comment_urn(urn)
        actor = field_str(comment, "actor", where)
        created = field_obj(comment, "created", where)
        modified = opt_obj(comment, "lastModified", where)
        message = opt_obj(comment, "message", where) or {}
        attachments = []
        for raw in field_list(comment, "content", where, required=False):
            content = obj(raw, f"{where}.content[]")
            url = opt_str(content, "url", f"{where}.content[]")
            if url:
                kind = opt_str(content, "type", f"{where}.content[]") or "link"
                attachments.append(Attachment(url=url, media_type=kind.lower()))
        received = from_epoch(created.get("time"), f"{where}.created.time", millis=True)
        edited = None
        if modified and modified.get("time") not in (None, created.get("time")):
            edited = from_epoch(modified.get("time"), f"{where}.lastModified.time", millis=True)
        return InboundItem(
            platform_id=urn,
            kind=ItemKind.REPLY if parent != thread else ItemKind.COMMENT,
            is_public=True,
            text=opt_str(message, "text", f"{where}.message") or "",
            # Comments carry only the actor URN; names need a separate, restricted lookup.
            author=Author(platform_id=actor, display_name=""),
            received_at=received,
            parent_platform_id=parent,
            thread_platform_id=thread,
            permalink=f"https://www.linkedin.com/feed/update/{thread}/?commentUrn={_enc(urn)}",
            attachments=tuple(attachments),
            edited_at=edited,
            raw=comment,
        )

    def fetch_profile(self) -> Profile:
        """Organisation name, description and website."""
        org = self._get(f"organizations/{safe_id(self.config['organization_id'])}")
        where = "organization"
        # An administrator's answer may carry only the multi-locale objects, not the
        # ``localized*`` shortcuts: read the shortcut, else the object.
        website = opt_str(org, "localizedWebsite", where) or _multi_locale(org, "website", where)
        description = opt_str(org, "localizedDescription", where) or _multi_locale(
            org, "description", where
        )
        vanity = opt_str(org, "vanityName", where)
        return Profile(
            platform_id=self.org_urn,
            display_name=field_str(org, "localizedName", where),
            handle=vanity,
            bio=description or "",
            links=(website,) if website else (),
            url=f"https://www.linkedin.com/company/{vanity}/" if vanity else None,
            raw=org,
        )

    def _fetch_insights(self, period: InsightPeriod) -> Insights:
        """Followers (network size) and the page's share statistics, day by day."""
        draft = self.insights_draft(period)
        draft.lack(PER_POST, _("Tillit does not fetch LinkedIn's figures per post."))
        draft.attempt(FOLLOWERS, self._followers, draft)
        draft.attempt(
            PERIOD_FIGURES, self._share_statistics, draft, covers=(IMPRESSIONS, REACH, ENGAGEMENTS)
        )
        return draft.done()

    def _followers(self, draft: InsightsDraft) -> None:
        # networkSizes is not a Rest.li 2.0 resource: sent with that header, it fails.
        answer = self._call(
            "GET",
            f"networkSizes/{_enc(self.org_urn)}",
            restli=False,
            params={"edgeType": "COMPANY_FOLLOWED_BY_MEMBER"},
        )
        draft.set_followers(dig(answer.json(), "firstDegreeSize"))
        draft.source.append("GET /rest/networkSizes edgeType=COMPANY_FOLLOWED_BY_MEMBER")

    def _share_statistics(self, draft: InsightsDraft) -> None:
        """Impressions, unique impressions and interactions per day over the period."""
        now = datetime.now(UTC)
        kept_from = now - timedelta(days=_SHARE_STATISTICS_DAYS)
        since, until = max(draft.period.since, kept_from), min(draft.period.until, now)
        if until <= since:
            draft.lack(
                (IMPRESSIONS, REACH, ENGAGEMENTS),
                _("LinkedIn keeps these figures for 12 months only, and this period is older."),
            )
            return
        if since > draft.period.since:
            draft.lack(
                (),
                _(
                    "LinkedIn keeps these figures for 12 months only: the first days of the period are not counted."
                ),
            )
        # Rest.li 2.0 writes the interval as a record; its parentheses stay as they are.
        start, end = int(since.timestamp() * 1000), int(until.timestamp() * 1000)
        query = (
            f"q=organizationalEntity&organizationalEntity={_enc(self.org_urn)}"
            f"&timeIntervals=(timeRange:(start:{start},end:{end}),timeGranularityType:DAY)"
        )
        answer = self._call("GET", f"organizationalEntityShareStatistics?{query}")
        page = obj(answer.json(), "organizationalEntityShareStatistics")
        for raw in field_list(page, "elements", "shareStatistics")[: MAX_INSIGHT_DAYS + 31]:
            numbers = dig(raw, "totalShareStatistics")
            draft.impressions.add(dig(numbers, "impressionCount"))
            draft.reach.add(dig(numbers, "uniqueImpressionsCount"))
            for part in ("likeCount", "commentCount", "shareCount"):
                draft.engagements.add(dig(numbers, part))
        draft.source.append(
            "GET /rest/organizationalEntityShareStatistics timeGranularityType=DAY "
            "(impressionCount, uniqueImpressionsCount, likeCount, commentCount, shareCount)"
        )

    # --- actions -------------------------------------------------------

    def _delete(self, platform_id: str) -> ActionResult:
        target, comment_id = split_comment_urn(platform_id)
        # actor=organisation: the page acts as the owner of the post the comment is on.
        self._call(
            "DELETE",
            f"socialActions/{_enc(target)}/comments/{comment_id}",
            params={"actor": self.org_urn},
        )
        return done(platform_id)

    def _delete_own(self, platform_id: str) -> ActionResult:
        return self._delete(platform_id)

    def _reply(self, platform_id: str, text: str, idempotency_key: str) -> ActionResult:
        # No idempotency key in the API; the outbox must check before resending.
        if platform_id.startswith("urn:li:comment:"):
            thread, _comment = split_comment_urn(platform_id)
            body: dict[str, Any] = {"parentComment": platform_id}
        elif _URN.match(platform_id):
            thread = platform_id
            body = {}
        else:
            raise PlatformRefused(Message(_("This is not a LinkedIn post or comment.")))
        body.update({"actor": self.org_urn, "object": thread, "message": {"text": text}})
        answer = self._call("POST", f"socialActions/{_enc(platform_id)}/comments", json=body)
        created = obj(answer.json(), "comment") if answer.body else {}
        ref = opt_str(created, "commentUrn", "comment") or answer.headers.get("x-restli-id")
        return done(ref)

    # A link becomes an article card unless images take its place.
    link_card = True

    def _publish(self, publication: Publication, idempotency_key: str) -> ActionResult:
        # No idempotency key in the API; the outbox must look for the post before resending.
        body: dict[str, Any] = {
            "author": self.org_urn,
            "commentary": little_text(self.post_text(publication)),
            "visibility": "PUBLIC",
            "distribution": {
                "feedDistribution": "MAIN_FEED",
                "targetEntities": [],
                "thirdPartyDistributionChannels": [],
            },
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
        }
        images = [
            {"id": self._upload(media), "altText": media.alt_text} for media in publication.media
        ]
        if len(images) == 1:
            body["content"] = {"media": images[0]}
        elif images:
            body["content"] = {"multiImage": {"images": images}}
        elif publication.link:
            body["content"] = {
                "article": {"source": publication.link, "title": _article_title(publication.link)}
            }
        answer = self._call("POST", "posts", json=body)
        urn = answer.headers.get("x-restli-id")
        if not urn or not _URN.match(urn):
            # Created, but LinkedIn did not say under what id: done, without a reference.
            return done(None)
        return done(urn, permalink=f"https://www.linkedin.com/feed/update/{urn}/")

    def _upload(self, media: Media) -> str:
        """Register an image with the Images API, send its bytes; the image URN."""
        answer = self._call(
            "POST",
            "images",
            params={"action": "initializeUpload"},
            json={"initializeUploadRequest": {"owner": self.org_urn}},
        )
        value = field_obj(obj(answer.json(), "initializeUpload"), "value", "initializeUpload")
        upload_url = field_str(value, "uploadUrl", "initializeUpload.value")
        image = field_str(value, "image", "initializeUpload.value")
        if not _IMAGE_URN.match(image):
            raise PayloadError(
                Message(
                    _("LinkedIn gave the image an id Tillit cannot use: %(id)s"),
                    id=foreign(image[:80]),
                )
            )
        if not _linkedin_address(upload_url):
            # The token goes with the bytes: only ever to LinkedIn's own upload host.
            raise PayloadError(
                Message(
                    _("LinkedIn answered with an upload address outside LinkedIn: %(url)s"),
                    url=foreign(upload_url[:120]),
                )
            )
        call(
            self.http,
            "PUT",
            upload_url,
            limits=self.limits,
            content=media.data,
            headers={
                "Authorization": f"Bearer {self.config['access_token']}",
                "Content-Type": media.media_type,
            },
        )
        return image


def _multi_locale(data: Mapping[str, Any], key: str, where: str) -> str | None:
    """A MultiLocaleString's text: the preferred locale's, else the first locale given."""
    value = opt_obj(data, key, where)
    if value is None:
        return None
    texts = opt_obj(value, "localized", f"{where}.{key}") or {}
    preferred = opt_obj(value, "preferredLocale", f"{where}.{key}") or {}
    tag = f"{preferred.get('language')}_{preferred.get('country')}"
    for locale in (tag, *texts):
        if locale in texts:
            return opt_str(texts, locale, f"{where}.{key}.localized")
    return None


def little_text(text: str) -> str:
    """Commentary in LinkedIn's "little" format: reserved characters escaped, so the post is
    not cut at the first bracket; web addresses and #hashtags are left as they are, so they
    still link.
    """
    kept = sorted(web_addresses(text) + [m.span() for m in _HASHTAG.finditer(text)])
    parts = []
    last = 0
    for start, end in kept:
        if start < last:
            continue  # a hashtag inside an address (its #fragment) goes with the address
        parts.append(_RESERVED.sub(r"\\\g<0>", text[last:start]))
        parts.append(text[start:end])
        last = end
    parts.append(_RESERVED.sub(r"\\\g<0>", text[last:]))
    return "".join(parts)


def _article_title(link: str) -> str:
    """An article card needs a title; Tillit has none but the address itself."""
    parts = urlsplit(link)
    return f"{parts.netloc}{parts.path}".rstrip("/")[:200] or link[:200]


def _linkedin_address(url: str) -> bool:
    parts = urlsplit(url)
    try:
        host = (parts.hostname or "").rstrip(".").lower()
    except ValueError:
        return False
    return parts.scheme == "https" and (host == "linkedin.com" or host.endswith(".linkedin.com"))
