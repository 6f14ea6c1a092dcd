"""`tillit retention plan` (dry run) and `tillit retention run`."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    """Show or perform disposal under the decisions in force."""

    help = "Retention: 'plan' shows what the next run would dispose of; 'run' disposes of it."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["plan", "run"])

    def handle(self, *args, **opts):
        from tillit.retention.services.disposal import disposal_plan, disposal_run

        if opts["action"] == "plan":
            for row in disposal_plan():
                self.stdout.write(
                    f"{row.rule.reference} {row.rule.content_class}: {row.count} {row.sample_ids} {row.note}"
                )
            return
        run = disposal_run()
        for entry in run.entries.all():
            self.stdout.write(f"{entry.content_class} ({entry.rule.reference}): {entry.count}")
        self.stdout.write(f"run {run.pk}: {run.state} {run.error}")
