"""Choice sets of the archive: why a capture was taken, job states, package formats."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaptureReason(models.TextChoices):
    """Why a capture was taken (R22; LEGAL.md "Snapshots")."""

    SCHEDULED = "scheduled", _("Scheduled")
    ON_DEMAND = "on_demand", _("Before a big change")
    BEFORE_CLOSE = "before_close", _("Before the channel was closed")


class JobState(models.TextChoices):
    """Where a background capture or export stands."""

    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


#: States in which a job is still under way (the status page refreshes itself).
IN_FLIGHT = {JobState.QUEUED, JobState.RUNNING}


class PackageFormat(models.TextChoices):
    """The archival package formats an export can take."""

    SIP = "sip", _("E-ARK SIP (FGS 2.0)")
    BAG = "bag", _("BagIt bag")


#: Human words for the engine's and the exporter's stage codes.
STAGES = {
    "queued": _("Waiting for the worker"),
    "launch": _("Starting the browser"),
    "fetch": _("Fetching the page"),
    "load": _("Loading the page"),
    "network-idle": _("Waiting for the page to settle"),
    "screenshot": _("Taking the screenshot"),
    "pdf": _("Printing the PDF"),
    "wacz": _("Packing the web archive"),
    "manifest": _("Writing the manifest"),
    "store": _("Storing the files"),
    "verify": _("Checking the stored files"),
    "collect": _("Collecting the channel's records"),
    "copy": _("Copying files into the package"),
    "metadata": _("Writing metadata"),
    "mets": _("Writing the package description"),
    "bag": _("Writing the bag"),
    "zip": _("Compressing the package"),
    "done": _("Finished"),
}
