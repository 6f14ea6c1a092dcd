"""`tillit audit verify|checkpoint|rotate-key`: check, anchor and re-key the audit trail."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tillit.audit.checkpoints import (
    CheckpointError,
    checkpoint_path,
    checkpoint_write,
    checkpoints_parse,
)
from tillit.audit.keys import KeyringError
from tillit.audit.services import VerifyResult, audit_key_rotate, audit_verify


class Command(BaseCommand):
    """Audit trail tools."""

    help = (
        "Audit trail tools: `verify` checks every seal and the signed checkpoints; "
        "`checkpoint` signs the head now; `rotate-key` seals new entries with a fresh key."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "checkpoint", "rotate-key"])
        parser.add_argument(
            "--checkpoints",
            action="append",
            default=[],
            metavar="FILE",
            help="check against checkpoints from this file (an archival package's "
            "audit/audit-checkpoints.json, a saved e-mail line) instead of the checkpoint file",
        )

    def handle(self, *args, **options):
        try:
            if options["action"] == "checkpoint":
                return self._checkpoint()
            if options["action"] == "rotate-key":
                entry = audit_key_rotate(actor=None)
                self.stdout.write(
                    f"New entries are now sealed with key {entry.detail['key_id']} "
                    f"(previous {entry.detail['previous_key_id']} kept for verifying); "
                    f"recorded as entry #{entry.seq}."
                )
                return None
            return self._verify(options["checkpoints"])
        except (KeyringError, CheckpointError) as exc:
            raise CommandError(str(exc)) from exc

    def _checkpoint(self) -> None:
        checkpoint = checkpoint_write(reason="manual")
        if checkpoint is None:
            self.stdout.write("Nothing new since the last checkpoint.")
        else:
            self.stdout.write(f"Checkpoint of #{checkpoint.seq} written to {checkpoint_path()}.")

    def _verify(self, files: list[str]) -> None:
        checkpoints = None
        if files:
            checkpoints = []
            for name in files:
                try:
                    text = Path(name).read_text(encoding="utf-8")
                except OSError as exc:
                    raise CommandError(f"cannot read {name}: {exc}") from exc
                checkpoints += checkpoints_parse(text, name)
        result = audit_verify(checkpoints=checkpoints)
        if not result.ok:
            where = f"entry #{result.broken_seq}" if result.broken_seq else "its checkpoints"
            raise CommandError(
                f"Audit trail BROKEN at {where}: {result.reason} "
                f"({result.checked} entries verified before it)."
            )
        self.stdout.write(f"Audit trail intact: {result.checked} entries verified.")
        for line in describe_coverage(result):
            self.stdout.write(line)


def describe_coverage(result: VerifyResult) -> list[str]:
    """What the checkpoints prove and what they do not, one sentence a line."""
    lines = []
    if result.key_ids:
        lines.append(f"Sealed with HMAC keys: {', '.join(result.key_ids)}.")
    if result.legacy_through:
        sealed_by = (
            f"bound by the keyed entry #{result.legacy_through + 1}"
            if result.checked > result.legacy_through
            else "not yet bound by any keyed entry"
        )
        lines.append(
            f"Entries #1–#{result.legacy_through} predate keyed sealing (SHA-256 only); "
            f"they are {sealed_by}."
        )
    if result.proven_through:
        lines.append(
            f"Entries #1–#{result.proven_through} are proven by the checkpoint of "
            f"{result.proven_at} ({result.checkpoints} checkpoints checked)."
        )
    elif result.checked:
        lines.append("No checkpoint covers the chain yet.")
    span = result.unproven
    if span:
        lines.append(
            f"UNPROVEN: entries #{span[0]}–#{span[1]} came after the last checkpoint; their "
            "seals hold, but deleting them together with the head would not be seen."
        )
    return lines
