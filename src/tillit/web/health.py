"""/healthz and /readyz: no sign-in, no session, no cache; see tillit.core.health."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from tillit.core.health import live_workers, readiness


@never_cache
@require_safe
def healthz(request):
    """Liveness: the process answers."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    """Readiness: 200 when database, schema, cache and task queue answer, else 503."""
    ready, checks = readiness()
    body = {"status": "ok" if ready else "error", "checks": checks, "workers": live_workers()}
    return JsonResponse(body, status=200 if ready else 503)
