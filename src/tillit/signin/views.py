"""Local accounts: the invitation's and the reset's one-time links, and two-step verification.

Django's own password views do the token checks, the redirect that takes the token out of
the address bar, and the password validators; these subclasses add what Tillit needs: the
invitation's own tokens, refusal of people who have left, Swedish pages and mails with the
organisation's address, a cap on reset mails per address, and the audit trail.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from tillit.access.decorators import person_required
from tillit.access.roles import Role
from tillit.audit.services import audit_record
from tillit.core.exceptions import NotFound
from tillit.organisation.invitations import invitation_tokens
from tillit.organisation.selectors import person_get_for

from . import two_factor


class LocalAccountsOnly(View):
    """The password pages exist only while local accounts are on."""

    def dispatch(self, request, *args, **kwargs):
        if not settings.TILLIT_LOCAL_ACCOUNTS:
            raise NotFound
        return super().dispatch(request, *args, **kwargs)


class _SetPasswordFromLink(LocalAccountsOnly, auth_views.PasswordResetConfirmView):
    """Set a password from a one-time link; never for someone who has left."""

    success_url = reverse_lazy("signin:password_set")
    audit_action = ""

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        person = getattr(user, "person", None) if user else None
        if user is None or not user.is_active or person is None or not person.is_active:
            return None
        return user

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(actor=None, action=self.audit_action, obj=form.user.person)
        return response


class WelcomeView(_SetPasswordFromLink):
    """The invitation's link: choose a first password."""

    token_generator = invitation_tokens
    template_name = "signin/welcome.html"
    audit_action = "signin.password_set_from_invitation"


class ResetConfirmView(_SetPasswordFromLink):
    """The reset mail's link: choose a new password."""

    template_name = "signin/reset_confirm.html"
    audit_action = "signin.password_reset"


class CappedPasswordResetForm(PasswordResetForm):
    """Django's form (no word on whether the address is known), with a cap per address."""

    email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def get_users(self, email):
        key = f"tillit:reset:{email.strip().lower()}"
        sent = cache.get(key, 0)
        if sent >= settings.TILLIT_PASSWORD_RESET_PER_HOUR:
            return iter(())  # the same page as always: nothing to learn from it
        cache.set(key, sent + 1, timeout=3600)
        return (
            user
            for user in super().get_users(email)
            if getattr(getattr(user, "person", None), "is_active", False)
        )


class ResetRequestView(LocalAccountsOnly, auth_views.PasswordResetView):
    """Ask for a reset link; the answer is the same whether the address is known or not."""

    form_class = CappedPasswordResetForm
    template_name = "signin/reset_request.html"
    email_template_name = "signin/reset_email.txt"
    subject_template_name = "signin/reset_subject.txt"
    success_url = reverse_lazy("signin:reset_sent")

    def form_valid(self, form):
        # The link is built from the configured address, never from the request's Host header
        # (a forged Host would otherwise send a real person's token to the forger's site).
        self.extra_email_context = {"base_url": settings.TILLIT_BASE_URL}
        return super().form_valid(form)


class ResetSentView(LocalAccountsOnly, auth_views.PasswordResetDoneView):
    template_name = "signin/reset_sent.html"


class PasswordSetView(LocalAccountsOnly, auth_views.PasswordResetCompleteView):
    template_name = "signin/password_set.html"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from the app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("web:home")


def _code_page(request, device, template, extra, on_code):
    form = CodeForm(request.POST or None)
    wait = two_factor.wait_seconds(device)
    if request.method == "POST" and form.is_valid():
        if wait:
            form.add_error(
                "code", _("Too many wrong codes. Try again in %(s)s seconds.") % {"s": wait}
            )
        elif on_code(request, device, form.cleaned_data["code"]):
            return redirect(_next(request))
        else:
            wait = two_factor.wait_seconds(device)
            form.add_error(
                "code",
                _("The code was not right. Check the time on your phone and try again.")
                if not wait
                else _("The code was not right. Try again in %(s)s seconds.") % {"s": wait},
            )
    return render(request, template, {"form": form, "next": _next(request), **extra})


def verify(request):
    """The second step for someone with an authenticator."""
    if not request.user.is_authenticated:
        return redirect("login")
    device = two_factor.confirmed_device(request.user)
    if device is None:
        return redirect(f"{reverse('signin:enrol')}?next={_next(request)}")
    if request.user.is_verified():
        return redirect(_next(request))
    return _code_page(request, device, "signin/two_factor.html", {}, two_factor.verify)


def enrol(request):
    """Enrol an authenticator app: scan (or type) the secret, confirm with the first code."""
    if not request.user.is_authenticated:
        return redirect("login")
    if two_factor.confirmed_device(request.user) is not None:
        return redirect(f"{reverse('signin:two_factor')}?next={_next(request)}")
    device = two_factor.pending_device(request.user)
    extra = {
        "qr": two_factor.qr_data_uri(device),
        "secret": two_factor.secret_for_typing(device),
        "required": two_factor.second_step(request) == "enrol",
    }
    return _code_page(request, device, "signin/enrol.html", extra, two_factor.enrol_confirm)


@person_required
def reset_two_factor(request, person_id: int):
    """The organisation administrator removes a person's authenticator (a lost phone)."""
    if not request.actor.is_org_wide(Role.ORG_ADMIN):
        raise NotFound
    person = person_get_for(request.actor, person_id)
    enrolled = two_factor.confirmed_device(person.user) is not None
    if request.method == "POST" and enrolled:
        two_factor.two_factor_reset(actor=request.actor, person=person)
        messages.success(
            request,
            _("%(name)s's authenticator was removed; they enrol a new one at the next sign-in.")
            % {"name": person.name},
        )
        return redirect("organisation:person", person.pk)
    return render(
        request, "signin/two_factor_reset.html", {"subject": person, "enrolled": enrolled}
    )
