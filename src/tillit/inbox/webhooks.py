"""The public webhook endpoint, one for every connector; every refusal is logged with its reason."""

import logging

from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .services.webhooks import WebhookRejected, webhook_challenge, webhook_receive

logger = logging.getLogger(__name__)


@csrf_exempt  # each platform signs its deliveries; the connector checks the signature
@require_http_methods(["GET", "POST"])
def receive(request, group: str):
    """A platform's webhooks: the subscription handshake (GET) and deliveries (POST)."""
    if request.method == "GET":
        challenge = webhook_challenge(group=group, query=request.GET)
        if challenge is None:
            return HttpResponseForbidden("verification failed")
        return HttpResponse(challenge, content_type="text/plain")
    try:
        outcome = webhook_receive(group=group, headers=request.headers, body=request.body)
    except WebhookRejected as exc:
        logger.warning("%s webhook rejected (%s): %s", group[:40], exc.status, exc)
        return JsonResponse({"error": str(exc)[:300]}, status=exc.status)
    result = outcome.result
    return JsonResponse(
        {
            "created": result.created,
            "edited": result.edited,
            "unchanged": result.unchanged,
            "rejected": result.rejected,
            "truncated": result.truncated,
        }
    )
