"""A connected channel's profile judged against what it must say (R10, R11).

Bridges what a connector read (``connectors.base.Profile``) and what the organisation's
settings and the register say the channel must show (``channels.profile_audit``). Used when a
manager checks the connection, so the answer comes with the first read of the profile;
issue 14's weekly audit stores the same judgement.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from tillit.channels.models import Channel
from tillit.channels.profile_audit import Expected, ProfileAudit, ProfileRead, audit_profile
from tillit.connectors.base import Profile
from tillit.organisation.selectors import organisation_get


def expected_for(channel: Channel) -> Expected:
    """What this channel's profile must say, from the organisation's settings and the register."""
    organisation = organisation_get()
    # The rules page is the public one people are sent to (served by moderation).
    rules_path = reverse("moderation:channel_rules", args=[channel.public_id])
    department = channel.department.name if channel.department_id else ""
    return Expected(
        sender_names=tuple(n for n in (getattr(organisation, "name", ""), department) if n),
        purpose=channel.purpose,
        rules_url=settings.TILLIT_BASE_URL.rstrip("/") + rules_path,
        rules_text=getattr(organisation, "comment_policy_text", "") or "",
        website=getattr(organisation, "website", "") or "",
        collection=getattr(organisation, "link_collection_url", "") or "",
    )


def profile_audit_for(channel: Channel, profile: Profile) -> ProfileAudit:
    """The checks of the profile the connector read, for this channel."""
    text = "\n".join(part for part in (profile.display_name, profile.bio) if part)
    return audit_profile(ProfileRead(text=text, links=tuple(profile.links)), expected_for(channel))
