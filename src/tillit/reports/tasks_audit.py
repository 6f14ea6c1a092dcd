"""The audit trail's background work: verifying the whole chain when a reader asks."""

from django_tasks import task

from tillit.core import queues


@task(queue_name=queues.REPORTS)
def audit_trail_verify_task(person_id: int) -> int:
    """Verify the chain for the person who asked; the seq of the recorded result (0: not
    done, because the person may no longer read the trail)."""
    from tillit.access.actor import actor_for
    from tillit.organisation.models import Person

    from .access_audit import may_read_audit_trail
    from .services_audit import audit_trail_verify

    actor = actor_for(Person.objects.filter(pk=person_id).first())
    if not may_read_audit_trail(actor):
        return 0
    return audit_trail_verify(actor=actor).seq
