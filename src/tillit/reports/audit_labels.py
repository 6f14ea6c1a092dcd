"""Swedish words for the audit trail's codes: what happened, to what kind of object, by whom.

The trail stores codes ("channel.approve", "channels.channel", "scheduler") so that entries
sealed years ago still read the same; a person reads these labels instead. A code with no
label (an entry from a newer version, or one written by hand) is shown readably, never as
an error: its area's name and the rest of the code. A test reads every code that the source
records and fails when one has no label here.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

#: The area of an action code is the part before the first dot.
AREA_LABELS: dict[str, Promise] = {
    "accessibility": _("Accessibility"),
    "api": _("Integration API"),
    "archive": _("Archive captures and packages"),
    "audit": _("Audit trail"),
    "channel": _("Channels"),
    "connection": _("Platform connections"),
    "inbox": _("Inbox"),
    "mandate": _("Mandates"),
    "moderation": _("Moderation"),
    "organisation": _("Organisation"),
    "outbox": _("Actions on platforms"),
    "person": _("People"),
    "platform": _("Platforms"),
    "policy": _("Comment policy"),
    "publishing": _("Publishing"),
    "records": _("Records"),
    "retention": _("Disposal"),
    "role": _("Roles"),
    "saved_reply": _("Saved replies"),
    "signin": _("Sign-in"),
}

ACTION_LABELS: dict[str, Promise] = {
    "accessibility.report": _("Accessibility problem reported"),
    # The API's own entry beside the service's: which key made the change (api/base.py).
    "api.decision": _("Decision made through the API"),
    "api.registration_reference": _("Registration number set through the API"),
    "api.token_issue": _("API key issued"),
    "api.token_revoke": _("API key revoked"),
    "archive.capture_done": _("Capture finished"),
    "archive.capture_failed": _("Capture failed"),
    "archive.capture_overdue": _("Capture overdue"),
    "archive.capture_requested": _("Capture requested"),
    "archive.capture_verified": _("Capture checked"),
    "archive.export_failed": _("Archival package failed"),
    "archive.export_requested": _("Archival package requested"),
    "archive.exported": _("Archival package made"),
    "archive.schedule_set": _("Capture schedule set"),
    "audit.exported": _("Audit trail exported"),
    "audit.key_rotated": _("Audit trail key replaced"),
    "audit.verified": _("Audit trail verified"),
    "channel.create": _("Channel created"),
    "channel.update": _("Channel changed"),
    "channel.dormant": _("Channel flagged as dormant"),
    "channel.revived": _("Channel in use again"),
    "channel.staffing_flagged": _("Channel's staffing flagged"),
    "channel.profile_audited": _("Channel's profile checked"),
    "demo.history_loaded": _("Demo history loaded"),
    "person.monthly_report_set": _("Monthly report setting changed"),
    "channel.staffing_restored": _("Channel's staffing restored"),
    # The lifecycle's steps (channels.workflow.TRANSITIONS), recorded as channel.<step>.
    "channel.propose": _("Channel proposed"),
    "channel.return": _("Channel returned to the proposer"),
    "channel.approve": _("Channel approved"),
    "channel.notify_informator": _("Communications officer notified"),
    "channel.acknowledge": _("Channel acknowledged by the communications officer"),
    "channel.send_link": _("Link sent to the webmaster"),
    "channel.publish": _("Channel published and activated"),
    "channel.pause": _("Channel paused"),
    "channel.resume": _("Channel resumed"),
    "channel.close": _("Channel closed"),
    "channel.archive": _("Channel archived"),
    "connection.set": _("Platform connection set"),
    "connection.invalid": _("Platform connection no longer valid"),
    "inbox.assign": _("Assigned to someone"),
    "inbox.filter_save": _("Queue filter saved"),
    "inbox.filter_delete": _("Queue filter removed"),
    "mandate.grant": _("Mandate granted"),
    "mandate.revoke": _("Mandate revoked"),
    "moderation.bulk": _("Decision on several items"),
    "moderation.escalate": _("Escalated"),
    "moderation.review": _("Automatic decision confirmed"),
    # Decisions (moderation.choices.DecisionKind), recorded as moderation.<kind>.
    "moderation.keep": _("Decided: keep"),
    "moderation.hide": _("Decided: hide"),
    "moderation.unhide": _("Decided: show again"),
    "moderation.delete": _("Decided: delete"),
    "moderation.restore": _("Decided: restore"),
    "moderation.reply": _("Decided: reply"),
    "moderation.block": _("Decided: block the author"),
    "organisation.update": _("Organisation's settings changed"),
    # What the outbox was asked to do (inbox.choices.ActionKind): outbox.<kind>.
    "outbox.hide": _("Hiding queued for the platform"),
    "outbox.unhide": _("Showing again queued for the platform"),
    "outbox.delete": _("Deletion queued for the platform"),
    "outbox.reply": _("Reply queued for the platform"),
    "outbox.block": _("Block queued for the platform"),
    "outbox.report": _("Report queued for the platform"),
    "outbox.publish": _("Publication queued for the platform"),
    # Where an action ended up (inbox.choices.ActionState): outbox.<state>.
    "outbox.queued": _("Action queued"),
    "outbox.sending": _("Action being sent"),
    "outbox.retry": _("Action to be tried again"),
    "outbox.done": _("Action done on the platform"),
    "outbox.refused": _("Action refused by the platform"),
    "outbox.not_supported": _("Action not supported by the platform"),
    "outbox.failed": _("Action failed"),
    "outbox.unknown": _("Action's outcome unknown"),
    "outbox.cancelled": _("Action cancelled"),
    "outbox.manual_done": _("Action done by hand"),
    "outbox.verified": _("Action confirmed on the platform"),
    "outbox.reopened": _("Action reopened"),
    "person.create": _("Person added"),
    "person.deactivate": _("Person has left"),
    "person.invite": _("Person invited"),
    "person.reactivate": _("Person back again"),
    "platform.decide": _("Decision on a platform"),
    "policy.publish": _("Comment policy published"),
    "policy.apply": _("Comment policy applied to a channel"),
    "publishing.exception_asked": _("Exception asked for"),
    # Approvers' verdicts (publishing.choices.Verdict): publishing.post_<verdict>.
    "publishing.post_approved": _("Post approved"),
    "publishing.post_returned": _("Post sent back to the author"),
    "publishing.post_rejected": _("Post rejected"),
    "publishing.post_cancelled": _("Post cancelled"),
    "publishing.post_checked": _("Post checked"),
    "publishing.post_created": _("Post written"),
    "publishing.post_held": _("Post held back"),
    "publishing.post_override": _("Check overridden"),
    "publishing.post_released": _("Post released for publishing"),
    "publishing.post_rescheduled": _("Post rescheduled"),
    "publishing.post_saved": _("Post saved"),
    "publishing.post_scheduled": _("Post scheduled"),
    "publishing.post_submitted": _("Post sent for approval"),
    "publishing.rule_added": _("Check rule added"),
    "publishing.rule_removed": _("Check rule removed"),
    "publishing.target_delete": _("Published post to be deleted"),
    "publishing.target_published": _("Post published on a channel"),
    "records.access_add": _("Documents added to an access request"),
    "records.access_close": _("Access request closed"),
    "records.access_export": _("Documents released"),
    "records.access_mask": _("Passage masked"),
    "records.access_open": _("Access request opened"),
    "records.access_remove": _("Document removed from an access request"),
    "records.access_withhold": _("Document withheld"),
    "records.access_withhold_attachment": _("Attachment withheld"),
    "records.case_create": _("Case opened"),
    "records.case_reference": _("Case number set"),
    "records.erasure_decide": _("Erasure request decided"),
    "records.erms_export": _("Case exported for the records system"),
    "records.handover": _("Handed over to the records system"),
    "records.handover_failed": _("Handover to the records system failed"),
    "records.little_importance": _("Marked as of little importance"),
    "records.mark_secret": _("Marked as confidential"),
    # Data subjects' requests (records.choices.PersonalDataKind): records.personal_<kind>.
    "records.personal_access": _("Request for one's personal data recorded"),
    "records.personal_erasure": _("Request for erasure recorded"),
    "records.personal_export": _("Personal data extract made"),
    "records.register": _("Message registered"),
    "records.replies_joined": _("Replies joined to the case"),
    "retention.batch_cancel": _("Disposal batch cancelled"),
    "retention.batch_confirm": _("Disposal batch confirmed"),
    "retention.batch_done": _("Disposal batch carried out"),
    "retention.batch_propose": _("Disposal batch proposed"),
    "retention.dispose": _("Disposed of"),
    "retention.hold_place": _("Hold placed"),
    "retention.hold_release": _("Hold released"),
    "retention.rule_create": _("Disposal decision recorded"),
    "retention.rule_withdraw": _("Disposal decision withdrawn"),
    "retention.run_failed": _("Disposal run failed"),
    "retention.run_finish": _("Disposal run finished"),
    "retention.run_start": _("Disposal run started"),
    "role.assign": _("Role given"),
    "role.remove": _("Role removed"),
    "saved_reply.create": _("Saved reply added"),
    "saved_reply.delete": _("Saved reply removed"),
    "saved_reply.update": _("Saved reply changed"),
    "signin.oidc": _("Signed in with the organisation's account"),
    "signin.oidc_refused": _("Sign-in with the organisation's account refused"),
    "signin.password_reset": _("Password reset"),
    "signin.password_set_from_invitation": _("Password chosen from an invitation"),
    "signin.two_factor_enabled": _("Two-step verification turned on"),
    "signin.two_factor_failed": _("Two-step verification failed"),
    "signin.two_factor_passed": _("Two-step verification passed"),
    "signin.two_factor_reset": _("Two-step verification reset"),
}

#: Kinds of object, by the model label the trail stores (or a name for what is no model).
OBJECT_TYPE_LABELS: dict[str, Promise] = {
    "demo.history": _("Demo history"),
    "accessibility": _("Accessibility report"),
    "api.apitoken": _("API key"),
    "archive.capture": _("Archive capture"),
    "archive.captureschedule": _("Capture schedule"),
    "archive.export": _("Archival package"),
    "audit.auditentry": _("Audit entry"),
    "audit.audithead": _("Audit trail head"),
    "audit.key": _("Audit trail key"),
    # The trail as a whole: its verifications and exports.
    "audit.trail": _("Audit trail"),
    "channels.channel": _("Channel"),
    "channels.channelevent": _("Channel event"),
    "channels.mandate": _("Mandate"),
    "channels.profileaudit": _("Profile audit"),
    "inbox.insightreading": _("Reach and engagement of a day"),
    "channels.platform": _("Platform"),
    "channels.savedreply": _("Saved reply"),
    "core.periodicjob": _("Periodic job"),
    "core.periodicrun": _("Run of a periodic job"),
    "core.workerprocess": _("Background process"),
    "inbox.actionrequest": _("Action on a platform"),
    "inbox.attachment": _("Attachment"),
    "inbox.author": _("Sender on a platform"),
    "inbox.connection": _("Platform connection"),
    "inbox.ingestproblem": _("Problem fetching from a platform"),
    "inbox.item": _("Inbox item"),
    "inbox.itempresence": _("Someone on an item's page"),
    "inbox.itemversion": _("Version of an inbox item"),
    "inbox.savedfilter": _("Saved queue filter"),
    "moderation.assessment": _("Assessment"),
    "moderation.block": _("Block"),
    "moderation.channelpolicy": _("Channel's comment policy"),
    "moderation.decision": _("Moderation decision"),
    "moderation.policyrule": _("Rule of the comment policy"),
    "moderation.policyversion": _("Version of the comment policy"),
    "organisation.committee": _("Committee"),
    "organisation.department": _("Department"),
    "organisation.notice": _("Notice"),
    "organisation.organisation": _("Organisation"),
    "organisation.person": _("Person"),
    "organisation.roleassignment": _("Role assignment"),
    "publishing.checkrule": _("Check rule"),
    "publishing.post": _("Post"),
    "publishing.postcheck": _("Check of a post"),
    "publishing.postimage": _("Image in a post"),
    "publishing.postoverride": _("Overridden check of a post"),
    "publishing.postreview": _("Approval of a post"),
    "publishing.posttarget": _("Post on a channel"),
    "records.accessrequest": _("Access request"),
    "records.accessrequestitem": _("Document in an access request"),
    "records.attachmentmask": _("Masking of an attachment"),
    "records.case": _("Case"),
    "records.handoverattempt": _("Handover to the records system"),
    "records.personaldatarequest": _("Personal data request"),
    "records.registration": _("Registration"),
    "records.searchtext": _("Search text"),
    "retention.disposalbatch": _("Disposal batch"),
    "retention.disposallogentry": _("Entry in the disposal log"),
    "retention.disposalrule": _("Disposal decision"),
    "retention.disposalrun": _("Disposal run"),
    "retention.hold": _("Hold"),
    "signin.identity": _("Sign-in identity"),
    "signin.sessionrecord": _("Session"),
}

#: Automatic actors (tillit.access.actor) by the name the trail records for them; "system"
#: is an entry recorded with no actor at all, "anonymous" one by nobody signed in.
SYSTEM_ACTOR_LABELS: dict[str, Promise] = {
    "policy": _("The comment policy (automatic)"),
    "scheduler": _("Tillit's scheduler (automatic)"),
    "platform": _("The platform"),
    "public": _("A member of the public"),
    "operator": _("The operator (command line)"),
    "system": _("Tillit (automatic)"),
    "anonymous": _("Not signed in"),
}


#: What a failed verification found (tillit.audit.services.audit_verify), by how its reason
#: begins; the reason itself is English and technical, and stays in the trail as it is.
VERIFY_REASONS: tuple[tuple[str, Promise], ...] = (
    ("entry missing (deleted)", _("An entry is missing: it was deleted.")),
    ("link to the previous entry broken", _("The link to the entry before it is broken.")),
    ("sealed with the unknown key", _("It is sealed with a key Tillit does not know.")),
    (
        "unkeyed entry after keyed ones",
        _("It has no key although entries before it have one: it was forged."),
    ),
    (
        "unkeyed entry after the legacy span",
        _("It has no key although it came after keys were taken into use: it was forged."),
    ),
    (
        "content does not match its seal",
        _("Its content does not match its seal: it was changed afterwards."),
    ),
    (
        "differs from the checkpoint",
        _(
            "It differs from a signed checkpoint kept outside the database: the chain was rewritten."
        ),
    ),
    ("newest entries missing", _("The newest entries are missing: they were deleted.")),
    ("checkpoint not trustworthy", _("A signed checkpoint does not hold: it was altered.")),
)


def verify_reason_label(reason: str) -> str:
    """What a verification's reason means, in the active language."""
    for start, label in VERIFY_REASONS:
        if reason.startswith(start):
            return str(label)
    return gettext("The chain does not hold there.")


def area_of(code: str) -> str:
    """The area of an action code: "channel" for "channel.approve"."""
    return code.split(".", 1)[0]


def area_label(area: str) -> str:
    """The area's name, or the area code with its underscores as spaces."""
    label = AREA_LABELS.get(area)
    return str(label) if label is not None else area.replace("_", " ")


def action_label(code: str) -> str:
    """What an action code means, in the active language; an unknown code shown readably."""
    label = ACTION_LABELS.get(code)
    if label is not None:
        return str(label)
    area, _dot, rest = code.partition(".")
    if not rest:
        return code.replace("_", " ") or gettext("(no action)")
    return gettext("%(area)s: %(action)s") % {
        "area": area_label(area),
        "action": rest.replace("_", " ").replace(".", " "),
    }


def object_type_label(object_type: str) -> str:
    """The kind of object, in the active language; an unknown one as its code."""
    label = OBJECT_TYPE_LABELS.get(object_type)
    if label is not None:
        return str(label)
    return object_type or gettext("(no object)")


def actor_label(*, actor_id: int | None, actor_label: str) -> str:
    """Who acted: the person's name as recorded, or the automatic actor's name in words."""
    if actor_id is None and actor_label in SYSTEM_ACTOR_LABELS:
        return str(SYSTEM_ACTOR_LABELS[actor_label])
    return actor_label


#: Å, Ä and Ö come after Z in Swedish; put them after "z" for sorting.
_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"})


def sort_key(text: str) -> str:
    """A key that sorts labels in Swedish alphabetical order (and English ones as usual)."""
    return text.casefold().translate(_SWEDISH_ORDER)


def action_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The known actions grouped by area, each group and action in alphabetical order."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for code in ACTION_LABELS:
        groups.setdefault(area_label(area_of(code)), []).append((code, action_label(code)))
    return [
        (area, sorted(actions, key=lambda choice: sort_key(choice[1])))
        for area, actions in sorted(groups.items(), key=lambda group: sort_key(group[0]))
    ]


def object_type_choices() -> list[tuple[str, str]]:
    """The known kinds of object in alphabetical order."""
    choices = [(code, object_type_label(code)) for code in OBJECT_TYPE_LABELS]
    return sorted(choices, key=lambda choice: sort_key(choice[1]))


def system_actor_choices() -> list[tuple[str, str]]:
    """The automatic actors, for the "who" filter."""
    return [(name, str(label)) for name, label in SYSTEM_ACTOR_LABELS.items()]
