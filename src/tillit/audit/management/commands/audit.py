"""`tillit audit verify`: check the audit trail's hash chain."""

from django.core.management.base import BaseCommand, CommandError

from tillit.audit.services import audit_verify


class Command(BaseCommand):
    """Audit trail tools."""

    help = "Audit trail tools: `verify` checks the hash chain end to end."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **options):
        result = audit_verify()
        if result.ok:
            self.stdout.write(f"Audit trail intact: {result.checked} entries verified.")
            return
        raise CommandError(
            f"Audit trail BROKEN at entry #{result.broken_seq}: {result.reason} "
            f"({result.checked} entries verified before it)."
        )
