"""Pages for API keys: one's own, and the organisation's service accounts and their keys.

A new key is shown once, on the answer to the form itself (never stored, never put in a
redirect or a session), with ``Cache-Control: no-store`` so no browser or proxy keeps it.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillit.access.decorators import person_required
from tillit.access.roles import Role
from tillit.core.exceptions import NotFound
from tillit.core.forms import apply_validation_errors

from .forms import ServiceAccountForm, TokenForm
from .models import TokenKind
from .selectors import own_tokens, service_accounts_for, token_get_for, tokens_for
from .tokens import service_account_create, token_issue, token_revoke


def _shown_once(request, template: str, context: dict):
    response = render(request, template, context)
    add_never_cache_headers(response)
    return response


def _issue(request, form, person, kind: str) -> str | None:
    """The new key's secret from a valid form; None with the refusal on the form."""
    data = form.cleaned_data
    try:
        _token, key = token_issue(
            actor=request.actor,
            person=person,
            kind=kind,
            name=data["name"],
            scopes=data["scopes"],
            days=data["days"],
        )
    except ValidationError as exc:
        apply_validation_errors(form, exc)
        return None
    return key


@person_required
def own_keys(request):
    """A person's own keys: create one (shown once), see when each was used, revoke."""
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        new_key = _issue(request, form, request.person, TokenKind.PERSONAL)
        if new_key:
            form = TokenForm()
    context = {
        "form": form,
        "tokens": own_tokens(request.actor),
        "new_key": new_key,
        "now": timezone.now(),
    }
    return _shown_once(request, "api/own_keys.html", context)


def _require_admin(request) -> None:
    if not request.actor.is_org_wide(Role.ORG_ADMIN):
        raise NotFound


@person_required
def service_keys(request):
    """The organisation's service accounts, their keys, and every live key to revoke."""
    _require_admin(request)
    accounts = service_accounts_for(request.actor)
    account_form = ServiceAccountForm(prefix="account")
    token_form = TokenForm(prefix="key", service_accounts=accounts)
    new_key = None
    if request.method == "POST" and "account-name" in request.POST:
        account_form = ServiceAccountForm(request.POST, prefix="account")
        if account_form.is_valid():
            try:
                person = service_account_create(actor=request.actor, **account_form.cleaned_data)
            except ValidationError as exc:
                apply_validation_errors(account_form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "The service account %(name)s was created. Give it the roles the "
                        "system needs, then create a key for it."
                    )
                    % {"name": person.name},
                )
                return redirect("organisation:person", person.pk)
    elif request.method == "POST":
        token_form = TokenForm(request.POST, prefix="key", service_accounts=accounts)
        if token_form.is_valid():
            account = token_form.cleaned_data["account"]
            new_key = _issue(request, token_form, account, TokenKind.SERVICE)
            if new_key:
                token_form = TokenForm(prefix="key", service_accounts=accounts)
    context = {
        "accounts": accounts,
        "account_form": account_form,
        "token_form": token_form,
        "tokens": tokens_for(request.actor).filter(revoked_at__isnull=True),
        "new_key": new_key,
        "now": timezone.now(),
    }
    return _shown_once(request, "api/service_keys.html", context)


@require_POST
@person_required
def revoke(request, token_id: int):
    """Stop a key at once."""
    token = token_get_for(request.actor, token_id)
    token_revoke(actor=request.actor, token=token)
    messages.success(request, _("The key %(name)s was revoked.") % {"name": token.name})
    if request.POST.get("back") == "service" and request.actor.is_org_wide(Role.ORG_ADMIN):
        return redirect("api:service_tokens")
    return redirect("api:own_tokens")
