"""Half a year of history on the demo's running channels, so follow-up reports show curves.

What `history_plan` decided is written here: own posts, comments, the administrators'
replies, direct messages, moderation decisions (keep, hide, delete, automatic hides and
their reviews, blocks), then (history_records) registrations, access requests and disposal
runs, and (history_archive) the channels' start and their captures.

Written in bulk for speed, but as the services would have left it:
- items are captured (`capture_complete`), assessed by the real detectors and policy
  (`propose`, one call per distinct text), indexed for search, and their queue status,
  visibility and decision counter follow their decisions;
- every decision has its platform action (done), its snapshot and its audit entry; an own
  reply sent from Tillit has its outbox row;
- registrations, cases, access requests and disposal runs go through their services.

Backdated: `auto_now` timestamps are set after the rows are created. The audit trail is
append-only and sealed in order, and `audit_record` writes the current time, so historical
events are audited now, in time order, each naming its historical time (`detail["at"]`).

Every platform id starts with `hist-`; loading again does nothing.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from tillit.access.actor import POLICY
from tillit.audit.services import audit_record
from tillit.channels.choices import ChannelStatus
from tillit.channels.models import Channel
from tillit.channels.services.signature import Signature, signature_apply, signature_for
from tillit.inbox.choices import ActionKind, ActionState, ItemKind, ItemStatus
from tillit.inbox.models import ActionRequest, Author, Item
from tillit.inbox.services.response_times import fill_first_times
from tillit.moderation.choices import DecisionKind
from tillit.moderation.detectors import Analysis, analyse_many
from tillit.moderation.models import Assessment, Block, Decision, PolicyRule
from tillit.moderation.services.assess import Proposal, assessment_values, proposal_from
from tillit.moderation.services.decisions import BLOCK_REVIEW_DAYS, decision_snapshot
from tillit.moderation.services.policy import policy_for
from tillit.organisation.models import Person
from tillit.records.search import search_index_new

from . import history_plan as hp
from .history_texts import BLOCK_REASONS, RESTORE_REASON

PREFIX = "hist-"
BATCH = 500
# Decision kinds whose platform action is the one of the same name.
_ACTION_OF: dict[str, ActionKind] = {
    DecisionKind.HIDE: ActionKind.HIDE,
    DecisionKind.DELETE: ActionKind.DELETE,
    DecisionKind.BLOCK: ActionKind.BLOCK,
    DecisionKind.RESTORE: ActionKind.UNHIDE,
}


def history_loaded() -> bool:
    """Whether the history is already in the database."""
    return Item.objects.filter(platform_id__startswith=PREFIX).exists()


@dataclass
class _Audit:
    """An audit entry to write once the rows exist, in historical order."""

    at: datetime
    actor: object
    action: str
    obj: object
    detail: dict


@dataclass
class _Pending:
    """Rows of one channel waiting for their bulk insert, and what they stand for."""

    actions: list[ActionRequest] = field(default_factory=list)
    # Each decision with its historical time (the insert stamps "now" on `decided_at`).
    decisions: list[tuple[Decision, datetime]] = field(default_factory=list)


def load_history_demo(*, now: datetime | None = None) -> Counter | None:
    """Write the half-year up to `now`; return what was made (None: already loaded)."""
    if history_loaded():
        return None
    from .history_channels import load_history_archive
    from .history_records import load_history_records

    now = now or timezone.now()
    plan = hp.plan_history(now, timezone.get_current_timezone())
    counts: Counter = Counter()
    with transaction.atomic():
        writer = _Writer(now, counts)
        writer.analyse(plan)
        for channel_plan in plan.channels:
            channel = (
                Channel.objects.filter(name=channel_plan.profile.channel)
                .select_related("platform", "department")
                .first()
            )
            if channel is not None and channel.status == ChannelStatus.ACTIVE:
                writer.channel(channel, channel_plan)
        writer.audit()
        # Written in bulk, so the response times ingest and the decision service would have
        # kept on each comment are filled from the rows (for follow-up's reports).
        fill_first_times(Item, Decision, Item.objects.filter(platform_id__startswith=PREFIX))
        load_history_archive(plan, writer.written, counts)
        load_history_records(plan, writer.written, counts)
        audit_record(
            actor=None,
            action="demo.history_loaded",
            object_type="demo.history",
            object_id=now.date().isoformat(),
            detail={"from": plan.start.isoformat(), "to": now.isoformat(), **counts},
        )
    return counts


class _Writer:
    """Writes the items and moderation of each channel's plan."""

    def __init__(self, now: datetime, counts: Counter) -> None:
        self.now = now
        self.counts = counts
        self.people = {p.user.username: p for p in Person.objects.select_related("user")}
        self.proposals: dict[tuple[int, str], Proposal] = {}
        self.analyses: dict[str, Analysis] = {}
        self.signatures: dict[tuple[int, int], Signature] = {}
        self.audits: list[_Audit] = []
        # (channel name, platform id) -> item, for the records and archive parts.
        self.written: dict[tuple[str, str], Item] = {}

    def analyse(self, plan: hp.HistoryPlan) -> None:
        """Run the detectors once over every distinct comment text, in one batch."""
        texts = sorted({c.text for cp in plan.channels for c in cp.comments()})
        self.analyses = dict(zip(texts, analyse_many(texts), strict=True))

    # -- people ------------------------------------------------------------------------

    def person(self, channel: Channel, who: str) -> Person | None:
        """The demo person in a role on the channel ("policy": none, the system acts)."""
        if who == "policy":
            return None
        dept = "kultur" if channel.department.slug == "kultur" else "samhall"
        prefix = {"administrator": "adm", "substitute": "ers", "manager": "chef"}[who]
        return self.people[f"{prefix}.{dept}"]

    def signed(self, channel: Channel, person: Person, text: str) -> str:
        """The reply as the channel's signature rule (R12) has it sent."""
        key = (channel.pk, person.pk)
        if key not in self.signatures:
            self.signatures[key] = signature_for(channel, person)
        return signature_apply(text, self.signatures[key])

    # -- one channel ---------------------------------------------------------------------

    def channel(self, channel: Channel, plan: hp.ChannelPlan) -> None:
        """Write one channel's posts, comments, replies and messages, then moderate them."""
        policy = policy_for(channel)
        assert policy is not None  # every demo channel applies the policy (data.py)
        self.policy = policy
        self.rules = {r.code: r for r in PolicyRule.objects.filter(version=policy.version)}
        authors = self._authors(channel, plan)
        own = authors["own"]
        posts = [
            self._row(channel, p.pid, ItemKind.OWN_POST, p.at, p.text, own, is_own=True)
            for p in plan.posts
        ]
        self._create(posts)
        by_pid = {i.platform_id: i for i in posts}
        comments = plan.comments()
        # Comments first, then the commenters' follow-ups, whose parent is a comment.
        for wave in ([c for c in comments if not c.follows], [c for c in comments if c.follows]):
            rows = [self._comment(channel, c, authors[c.author.pid], by_pid) for c in wave]
            self._create(rows)
            by_pid.update((i.platform_id, i) for i in rows)
        pending = _Pending()
        replies = [self._reply(channel, c, own, by_pid, pending) for c in comments if c.reply]
        messages = [
            self._row(
                channel,
                m.pid,
                ItemKind.DIRECT_MESSAGE,
                m.at,
                m.text,
                own if m.own else authors[convo.author.pid],
                is_own=m.own,
                thread_platform_id=convo.pid,
                status=ItemStatus.NEW
                if not m.own and m.registration is None
                else ItemStatus.HANDLED,
            )  # fmt: skip
            for convo in plan.conversations
            for m in convo.messages
        ]
        self._create(replies + messages)
        rows = [*posts, *[by_pid[c.pid] for c in comments], *replies, *messages]
        Item.objects.filter(pk__in=[i.pk for i in rows]).update(
            first_seen_at=F("received_at") + timedelta(seconds=30)
        )
        search_index_new(rows)
        self._assess([(by_pid[c.pid], c) for c in comments])
        self._moderate(channel, comments, by_pid, pending)
        self.written.update(((channel.name, i.platform_id), i) for i in rows)
        self.counts.update(
            {
                f"{channel.name}: posts": len(posts),
                f"{channel.name}: comments": len(comments),
                f"{channel.name}: replies": len(replies),
                f"{channel.name}: direct messages": sum(not i.is_own for i in messages),
                f"{channel.name}: own direct messages": sum(i.is_own for i in messages),
            }
        )

    @staticmethod
    def _row(channel, pid, kind, at, text, author, *, is_own=False, status="", **extra) -> Item:
        """An item as ingest stores it: captured, with a (small) payload of its own."""
        return Item(
            channel=channel,
            platform_id=pid,
            kind=kind,
            is_public=kind != ItemKind.DIRECT_MESSAGE,
            text=text,
            author=author,
            author_name=author.display_name,
            is_own=is_own,
            received_at=at,
            raw={"tillit_demo": "history", "id": pid, "from": {"id": author.platform_id}},
            capture_complete=True,
            captured_at=at + timedelta(seconds=30),
            status=status or (ItemStatus.HANDLED if is_own else ItemStatus.NEW),
            **extra,
        )

    def _comment(self, channel, c: hp.Comment, author: Author, by_pid: dict) -> Item:
        """A comment (or follow-up) with its queue status and visibility after its decisions."""
        row = self._row(
            channel,
            c.pid,
            ItemKind.REPLY if c.follows else ItemKind.COMMENT,
            c.at,
            c.text,
            author,
            parent=by_pid[c.parent],
            parent_platform_id=c.parent,
            thread_platform_id=c.pid.rsplit("-c", 1)[0],
        )
        d = c.decision
        if d is None:
            flagged = self._proposal(c.text).flagged
            row.status = ItemStatus.NEEDS_ATTENTION if flagged else ItemStatus.NEW
            return row
        restored = d.review is not None and d.review.restored
        row.status = ItemStatus.HANDLED
        row.is_hidden = d.kind == DecisionKind.HIDE and not restored
        row.is_deleted = d.kind == DecisionKind.DELETE
        row.decision_seq = 1 + bool(d.block) + restored
        return row

    def _reply(self, channel, c: hp.Comment, own: Author, by_pid: dict, pending) -> Item:
        """The organisation's signed reply; its outbox row where it was sent from Tillit."""
        assert c.reply is not None
        person = self.person(channel, c.reply.by)
        assert person is not None
        text = self.signed(channel, person, c.reply.text)
        pid = f"{c.pid}-r"
        if c.reply.via_tillit:
            pending.actions.append(
                self._action(
                    channel, by_pid[c.pid], ActionKind.REPLY, c.reply.at, person, {"text": text},
                    ref=pid,
                )
            )  # fmt: skip
        return self._row(
            channel,
            pid,
            ItemKind.REPLY,
            c.reply.at,
            text,
            own,
            is_own=True,
            parent=by_pid[c.pid],
            parent_platform_id=c.pid,
            thread_platform_id=c.pid.rsplit("-c", 1)[0],
        )

    def _authors(self, channel: Channel, plan: hp.ChannelPlan) -> dict[str, Author]:
        """The channel's own account and everyone in its plan, made once per platform."""
        platform = channel.platform.slug
        connection = getattr(channel, "connection", None)
        own_id = getattr(connection, "account_platform_id", "") or f"{PREFIX}own-{channel.pk}"
        wanted = {"own": (own_id, channel.name)}
        for c in plan.comments():
            wanted[c.author.pid] = (c.author.pid, c.author.name)
        for convo in plan.conversations:
            wanted[convo.author.pid] = (convo.author.pid, convo.author.name)
        ids = {pid for pid, _name in wanted.values()}
        existing = {
            a.platform_id: a for a in Author.objects.filter(platform=platform, platform_id__in=ids)
        }
        Author.objects.bulk_create(
            Author(platform=platform, platform_id=pid, display_name=name)
            for pid, name in dict(wanted.values()).items()
            if pid not in existing
        )
        existing = {
            a.platform_id: a for a in Author.objects.filter(platform=platform, platform_id__in=ids)
        }
        return {key: existing[pid] for key, (pid, _name) in wanted.items()}

    def _create(self, rows: list[Item]) -> None:
        Item.objects.bulk_create(rows, batch_size=BATCH)

    # -- assessments -----------------------------------------------------------------------

    def _proposal(self, text: str) -> Proposal:
        version = self.policy.version
        key = (version.pk, text)
        if key not in self.proposals:
            self.proposals[key] = proposal_from(
                self.analyses[text],
                list(self.rules.values()),
                threshold=version.flag_threshold,
                commercial_allowed=self.policy.commercial_allowed,
            )
        return self.proposals[key]

    def _assess(self, pairs: list[tuple[Item, hp.Comment]]) -> None:
        version = self.policy.version
        rows = []
        for row, c in pairs:
            p = self._proposal(c.text)
            rows.append(Assessment(item=row, **assessment_values(p, c.at, version)))
        Assessment.objects.bulk_create(rows, batch_size=BATCH)
        for a, (_row, c) in zip(rows, pairs, strict=True):
            a.assessed_at = c.at + timedelta(seconds=20)
        Assessment.objects.bulk_update(rows, ["assessed_at"], batch_size=BATCH)

    # -- decisions and their platform actions ---------------------------------------------

    def _action(self, channel, item, kind, at, person, params, *, ref: str = "") -> ActionRequest:
        done = at + timedelta(seconds=15)
        return ActionRequest(
            channel=channel,
            item=item,
            kind=kind,
            params=params,
            idempotency_key=f"{PREFIX}{kind}-{channel.pk}-{item.platform_id}"[:100],
            state=ActionState.DONE,
            attempts=1,
            next_attempt_at=at,
            claimed_by="worker",
            claimed_at=at,
            result_ref=ref,
            requested_by=person,
            completed_at=done,
            verified_at=done,
            created_at=at,
            updated_at=done,
        )

    def _decision(self, pending, channel, item, d: hp.Decided, kind: str, at, by, **extra):
        person = self.person(channel, by)
        rule = self.rules.get(d.rule) if kind != DecisionKind.RESTORE else None
        action = None
        if kind in _ACTION_OF:
            params = {"reason": rule.code if rule else ""}
            if kind == DecisionKind.BLOCK:
                params["author_platform_id"] = item.author.platform_id
            action = self._action(channel, item, _ACTION_OF[kind], at, person, params)
            action.idempotency_key = f"{PREFIX}decision-{channel.pk}-{item.platform_id}-{kind}"
            pending.actions.append(action)
        decision = Decision(
            item=item,
            kind=kind,
            rule=rule,
            tier=rule.tier if rule else "",
            snapshot=decision_snapshot(item),
            decided_by=person,
            automatic=by == "policy",
            decided_at=at,
            action=action,
            **extra,
        )
        pending.decisions.append((decision, at))
        return decision

    def _moderate(self, channel, comments, by_pid, pending: _Pending) -> None:
        """Each decision with its action, a restore after its automatic hide, the blocks."""
        blocks = []
        for c in comments:
            d = c.decision
            if d is None:
                continue
            row = by_pid[c.pid]
            review = d.review
            first = self._decision(
                pending, channel, row, d, d.kind, d.at, d.by,
                note=d.note, author_told=d.author_told, report_reference=d.report_reference,
                needs_review=d.by == "policy" and review is None,
                reviewed_by=self.person(channel, review.by) if review else None,
                reviewed_at=review.at if review else None,
            )  # fmt: skip
            if review is not None and review.restored:
                self._decision(
                    pending, channel, row, d, DecisionKind.RESTORE, review.at, review.by,
                    supersedes=first, supersede_reason=RESTORE_REASON,
                )  # fmt: skip
            if d.block:
                at = d.at + timedelta(minutes=2)
                block = self._decision(pending, channel, row, d, DecisionKind.BLOCK, at, d.by)
                blocks.append((block, d.block, row))
        ActionRequest.objects.bulk_create(pending.actions, batch_size=BATCH)
        for action in pending.actions:  # the insert stamped both with "now"
            action.created_at = action.next_attempt_at
            action.updated_at = action.completed_at or action.next_attempt_at
        ActionRequest.objects.bulk_update(
            pending.actions, ["created_at", "updated_at"], batch_size=BATCH
        )
        # A restore names the automatic hide it replaces: that one is inserted first.
        for later in (False, True):
            group = [x for x, _at in pending.decisions if (x.supersedes is not None) == later]
            for decision in group:
                decision.action_id = decision.action.pk if decision.action else None
                decision.supersedes_id = decision.supersedes.pk if decision.supersedes else None
            Decision.objects.bulk_create(group, batch_size=BATCH)
        for decision, at in pending.decisions:
            decision.decided_at = at
        decisions = [x for x, _at in pending.decisions]
        Decision.objects.bulk_update(decisions, ["decided_at"], batch_size=BATCH)
        self._blocks(channel, blocks)
        for decision in decisions:
            self._audit_decision(decision)
            self.counts[f"{channel.name}: decisions {decision.kind} {_rule(decision)}".strip()] += 1

    def _blocks(self, channel, blocks) -> None:
        rows = []
        for decision, reason, item in blocks:
            earlier = list(
                Decision.objects.filter(
                    item__channel=channel,
                    item__author=item.author,
                    kind__in=[DecisionKind.HIDE, DecisionKind.DELETE],
                ).values_list("pk", flat=True)
            )
            rows.append(
                Block(
                    channel=channel,
                    author=item.author,
                    decision=decision,
                    reason=BLOCK_REASONS[reason],
                    earlier_violations=earlier,
                    review_on=timezone.localtime(decision.decided_at).date()
                    + timedelta(days=BLOCK_REVIEW_DAYS),
                )
            )
        Block.objects.bulk_create(rows)
        self.counts[f"{channel.name}: blocks"] += len(rows)

    def _audit_decision(self, decision: Decision) -> None:
        actor = decision.decided_by if decision.decided_by is not None else POLICY
        detail = {
            "item": decision.item_id,
            "rule": _rule(decision),
            "tier": decision.tier,
            "automatic": decision.automatic,
            "note": decision.note[:500],
            "supersedes": decision.supersedes_id,
            "supersede_reason": decision.supersede_reason[:500],
            "reverse": "",
        }
        self.audits.append(
            _Audit(decision.decided_at, actor, f"moderation.{decision.kind}", decision, detail)
        )
        if decision.reviewed_at is not None:
            self.audits.append(
                _Audit(
                    decision.reviewed_at, decision.reviewed_by, "moderation.review", decision, {"note": ""}
                )
            )  # fmt: skip

    def audit(self) -> None:
        """Write the collected audit entries, oldest event first, each naming its time."""
        for entry in sorted(self.audits, key=lambda a: a.at):
            audit_record(
                actor=entry.actor,
                action=entry.action,
                obj=entry.obj,
                detail={**entry.detail, "at": entry.at.isoformat()},
            )
        self.audits.clear()


def _rule(decision: Decision) -> str:
    return decision.rule.code if decision.rule is not None else ""
