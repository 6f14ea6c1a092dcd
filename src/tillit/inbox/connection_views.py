"""Connecting a channel to its platform: managers and organisation administrators only."""

import logging

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillit.access.decorators import person_required
from tillit.channels.profile_audit import CHECK_LABELS
from tillit.channels.selectors import channel_get_for
from tillit.connectors.errors import (
    AddressRefused,
    ConfigError,
    ConnectorError,
    SecretRequired,
    TokenInvalid,
    UnsafeAddress,
)
from tillit.connectors.registry import all_connectors, get_connector
from tillit.core.exceptions import NotFound
from tillit.core.messages import shown_text

from .access import may_audit_profile, may_connect
from .connection_forms import ConnectionForm, ConnectorChoiceForm
from .crypto import decrypt_config
from .selectors import connection_for
from .services.connections import (
    connection_mark_invalid,
    connection_mark_ok,
    connection_set,
    connector_for,
)
from .services.profile_audits import channel_audit_profile

logger = logging.getLogger(__name__)


def _channel_for(request, public_id):
    actor = request.actor
    channel = channel_get_for(actor, public_id)
    if not may_connect(actor, channel):
        raise NotFound
    return channel


@person_required
def connection_edit(request, public_id):
    """Choose the connector and enter its parameters; secrets are kept encrypted."""
    channel = _channel_for(request, public_id)
    existing = connection_for(request.actor, channel)
    default = existing.connector if existing else channel.platform.slug
    slug = request.POST.get("connector") or request.GET.get("connector") or default
    if slug not in all_connectors():
        slug = next(iter(sorted(all_connectors())))
    cls = get_connector(slug)
    stored = (
        decrypt_config(existing.config_encrypted) if existing and existing.connector == slug else {}
    )
    choice = ConnectorChoiceForm(initial={"connector": slug})
    initial = {"polling_enabled": existing.polling_enabled if existing else True}
    form = ConnectionForm(request.POST or None, connector_cls=cls, stored=stored, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            connection_set(
                actor=request.actor,
                channel=channel,
                connector=slug,
                config=form.config(),
                polling_enabled=form.cleaned_data["polling_enabled"],
            )
        except UnsafeAddress as exc:
            form.add_error(f"p_{exc.parameter}", _unsafe_message(exc))
        except SecretRequired as exc:
            for name in exc.parameters:
                form.add_error(
                    f"p_{name}",
                    _(
                        "The address changed, so the stored value was cleared: type it again. "
                        "A secret is only sent to the server it was saved for."
                    ),
                )
        except ConfigError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The connection was saved."))
            return redirect("channels:detail", channel.public_id)
    return render(
        request,
        "inbox/connection_form.html",
        {
            "channel": channel,
            "form": form,
            "choice": choice,
            "connector": cls,
            "existing": existing,
        },
    )


def _unsafe_message(exc: UnsafeAddress) -> str:
    if exc.unresolvable:
        return _("The server name in this address could not be found.")
    logger.info("connection address refused: %s", exc.reason)
    return _(
        "The address must not point to an internal or local server. A server of your own on "
        "the organisation's network must first be allowed in the settings."
    )


def _say_profile_checks(request, audit) -> None:
    """What the profile lacks of what it must say (R10, R11), with the text to paste."""
    if audit.outcome == audit.Outcome.UNREAD:
        messages.error(
            request,
            _("The profile could not be read: %(reason)s")
            % {"reason": shown_text(audit.problem, html=False)},
        )
        return
    if audit.outcome == audit.Outcome.PASSED:
        messages.success(
            request,
            _(
                "The profile says who is behind the channel, its purpose and rules, and links "
                "to the website and the link collection."
            ),
        )
        return
    missing = "; ".join(str(CHECK_LABELS.get(code, code)) for code in audit.failing)
    messages.warning(
        request,
        _("The profile lacks: %(missing)s. Add this to the profile: %(paste)s")
        % {"missing": missing, "paste": audit.paste},
    )


@require_POST
@person_required
def connection_test(request, public_id):
    """Read the channel's profile with the stored token, and record whether it worked."""
    channel = _channel_for(request, public_id)
    connection = connection_for(request.actor, channel)
    if connection is None:
        raise NotFound
    try:
        connector = connector_for(connection)
    except ConfigError as exc:
        messages.error(
            request, _("The connection's settings are not valid: %(reason)s") % {"reason": exc}
        )
        return redirect("channels:detail", channel.public_id)
    try:
        profile = connector.fetch_profile()
    except AddressRefused as exc:
        logger.info("connection test refused: %s", exc.reason)
        messages.error(
            request,
            _(
                "Tillit did not connect: the address points to an internal or local server. "
                "Correct the connection's address."
            ),
        )
    except TokenInvalid as exc:
        connection_mark_invalid(connection=connection, detail=exc.message)
        messages.error(request, _("The platform refused the token: %(reason)s") % {"reason": exc})
    except ConnectorError as exc:
        messages.error(
            request, _("The platform could not be reached: %(reason)s") % {"reason": exc}
        )
    else:
        connection_mark_ok(connection)
        messages.success(request, _("Connected as %(name)s.") % {"name": profile.display_name})
        # The profile just read is judged and kept, as the weekly audit would.
        _say_profile_checks(
            request, channel_audit_profile(channel=channel, actor=request.actor, profile=profile)
        )
    finally:
        connector.close()
    return redirect("channels:detail", channel.public_id)


@require_POST
@person_required
def profile_audit_now(request, public_id):
    """Read and judge the channel's public profile now (R10, R11) instead of waiting a week."""
    channel = _channel_for_audit(request, public_id)
    _say_profile_checks(request, channel_audit_profile(channel=channel, actor=request.actor))
    return redirect("channels:detail", channel.public_id)


def _channel_for_audit(request, public_id):
    channel = channel_get_for(request.actor, public_id)
    if not may_audit_profile(request.actor, channel):
        raise NotFound
    return channel
