"""`tillit archive capture|export|verify`: the archive from the command line, with progress bars."""

from collections.abc import Callable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from tillit.access.actor import OPERATOR
from tillit.channels.models import Channel

from ...choices import JobState, PackageFormat
from ...models import Capture
from ...services import capture_request, capture_run, capture_verify, channel_export


def _bar(description: str) -> tuple[tqdm, Callable[[str, float], None]]:
    bar = tqdm(total=100, desc=description, unit="%", bar_format="{desc}: {bar} {n_fmt}%")

    def report(stage: str, fraction: float) -> None:
        bar.n = max(bar.n, min(100, int(fraction * 100)))
        bar.set_description(f"{description} ({stage})")
        bar.refresh()

    return bar, report


class Command(BaseCommand):
    """Capture a channel's page, export its archival package, or verify a capture."""

    help = (
        "Archive tools. `capture CHANNEL` captures the channel's public page now; "
        "`export CHANNEL --out DIR [--format sip|bag]` writes its archival package; "
        "`verify CAPTURE` recomputes a capture's checksums. CHANNEL is the channel's public id."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        capture = sub.add_parser("capture", help="capture a channel's public page now")
        capture.add_argument("channel", help="the channel's public id")
        capture.add_argument(
            "--note", default="Captured from the command line.", help="why, e.g. the coming change"
        )
        export = sub.add_parser("export", help="write a channel's archival package")
        export.add_argument("channel", help="the channel's public id")
        export.add_argument("--out", required=True, type=Path, help="folder to write into")
        export.add_argument(
            "--format", choices=PackageFormat.values, default=PackageFormat.SIP, dest="fmt"
        )
        verify = sub.add_parser("verify", help="recompute a capture's checksums from storage")
        verify.add_argument("capture", help="the capture's public id")
        for command in (capture, export):
            command.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, **options):
        return getattr(self, f"_{options['action']}")(options)

    def _channel(self, public_id: str) -> Channel:
        try:
            return Channel.objects.select_related("platform", "department").get(public_id=public_id)
        except (Channel.DoesNotExist, ValueError, ValidationError) as exc:
            raise CommandError(f"No channel with the id {public_id}.") from exc

    def _progress(self, options, description):
        if options.get("no_progress"):
            return None, None
        return _bar(description)

    def _capture(self, options):
        channel = self._channel(options["channel"])
        try:
            capture = capture_request(
                actor=OPERATOR,
                channel=channel,
                reason="on_demand",
                note=options["note"],
                enqueue=False,
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        bar, report = self._progress(options, f"Capturing {channel.name}")
        try:
            ran = capture_run(capture.pk, progress=report)
        finally:
            if bar is not None:
                bar.close()
        if ran is None:  # deleted while it ran
            raise CommandError(f"Capture {capture.public_id} no longer exists.")
        capture = ran
        if capture.state != JobState.DONE:
            raise CommandError(
                f"Capture {capture.public_id} {capture.state}: {capture.failure_reason}"
            )
        self.stdout.write(f"Capture {capture.public_id} done; SHA-256 of the manifest:")
        self.stdout.write(f"  {capture.manifest_sha256}")
        for entry in capture.files.values():
            self.stdout.write(f"  {entry['sha256']}  {entry['path']}")

    def _export(self, options):
        channel = self._channel(options["channel"])
        bar, report = self._progress(options, f"Exporting {channel.name}")
        try:
            path = channel_export(
                actor=OPERATOR,
                channel=channel,
                out_dir=options["out"],
                fmt=options["fmt"],
                progress=report,
            )
        except OSError as exc:
            raise CommandError(f"Export failed: {exc}") from exc
        finally:
            if bar is not None:
                bar.close()
        self.stdout.write(f"Package written: {path}")

    def _verify(self, options):
        try:
            capture = Capture.objects.get(public_id=options["capture"])
        except (Capture.DoesNotExist, ValueError, ValidationError) as exc:
            raise CommandError(f"No capture with the id {options['capture']}.") from exc
        try:
            problems = capture_verify(actor=OPERATOR, capture=capture)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if problems:
            raise CommandError("Checksums do not match: " + "; ".join(problems))
        self.stdout.write(f"Capture {capture.public_id}: every checksum matches.")
