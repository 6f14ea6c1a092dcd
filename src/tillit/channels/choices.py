"""Choice sets for channels: platform decisions, lifecycle states, mandate roles."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlatformDecision(models.TextChoices):
    """The organisation's decision about a platform (R1)."""

    PRIORITISED = "prioritised", _("Prioritised")
    ALLOWED = "allowed", _("Allowed")
    NOT_ALLOWED = "not_allowed", _("Not allowed")


class ChannelStatus(models.TextChoices):
    """A channel's place in its lifecycle (R2–R7)."""

    DRAFT = "draft", _("Draft")
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved by manager")
    INFORMATOR_NOTIFIED = "informator_notified", _("Communications officer notified")
    INFORMATOR_ACKNOWLEDGED = "informator_acknowledged", _("Acknowledged by communications officer")
    LINK_SENT = "link_sent", _("Link sent to webmaster")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    CLOSED = "closed", _("Closed")
    ARCHIVED = "archived", _("Archived")


#: States in which the channel is running and must be staffed (R5).
STAFFED_STATES = {ChannelStatus.ACTIVE, ChannelStatus.PAUSED}
#: States before the manager's decision, visible only to the department and the proposer.
PRE_DECISION_STATES = {ChannelStatus.DRAFT, ChannelStatus.PROPOSED}
#: Terminal state: nothing follows.
TERMINAL_STATES = {ChannelStatus.ARCHIVED}


class PostApproval(models.TextChoices):
    """Who must approve a post before it is published on the channel (tillit.publishing)."""

    NONE = "none", _("No approval: administrators publish directly")
    ADMINISTRATOR = "administrator", _("Another administrator of the channel")
    INFORMATOR = "informator", _("The department's communications officer (informatör)")
