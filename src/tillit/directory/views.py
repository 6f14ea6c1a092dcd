"""Public pages: the link collection, each channel's page and the accessibility statement."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tillit.access.actor import PUBLIC
from tillit.channels.selectors import channels_public
from tillit.core.cache import namespace_version
from tillit.core.exceptions import NotFound

from .cache import directory_cached
from .feeds import DirectoryFeed
from .forms import AccessibilityReportForm
from .selectors import directory_groups
from .services import accessibility_report


def index(request):
    """The public link collection (R9), grouped by department and platform.

    The page carries a CSRF token (the language form), so the listing is cached as a
    template fragment rather than as a whole response; `groups` is passed uncalled so the
    query runs only on a cache miss.
    """
    return render(
        request,
        "directory/index.html",
        {
            "groups": directory_groups,
            "version": namespace_version("directory"),
        },
    )


def channel(request, public_id):
    """One channel's public page: who runs it, why, and which comments are not allowed (R10)."""
    item = channels_public().filter(public_id=public_id).first()
    if item is None:
        raise NotFound
    return render(request, "directory/channel.html", {"channel": item})


feed = directory_cached(DirectoryFeed())


def accessibility(request):
    """The accessibility statement (DOS-lagen) with a way to report a problem."""
    form = AccessibilityReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accessibility_report(actor=PUBLIC, **form.cleaned_data)
        messages.success(request, _("Thank you. Your report has been sent."))
        return redirect("directory:accessibility")
    return render(request, "directory/accessibility.html", {"form": form})
