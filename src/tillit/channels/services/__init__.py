"""Services that change channels: each atomic, permission-checked and audited."""

from .lifecycle import channel_transition
from .mandates import mandate_grant, mandate_revoke
from .platforms import platform_decide
from .register import channel_create, channel_update
from .staffing import channel_check_staffing, channels_check_all_staffing

__all__ = [
    "channel_check_staffing",
    "channel_create",
    "channel_transition",
    "channel_update",
    "channels_check_all_staffing",
    "mandate_grant",
    "mandate_revoke",
    "platform_decide",
]
