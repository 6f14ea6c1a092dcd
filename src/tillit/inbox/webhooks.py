"""The public webhook endpoints; every refusal is logged with its reason."""

import logging

from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .services.webhooks import WebhookRejected, meta_challenge, meta_receive

logger = logging.getLogger(__name__)


@csrf_exempt  # signed by Meta with the app secret instead
@require_http_methods(["GET", "POST"])
def meta(request):
    """Meta (Facebook Page and Instagram) webhooks: subscription check and deliveries."""
    if request.method == "GET":
        challenge = meta_challenge(request.GET)
        if challenge is None:
            return HttpResponseForbidden("verification failed")
        return HttpResponse(challenge, content_type="text/plain")
    try:
        outcome = meta_receive(request.headers, request.body)
    except WebhookRejected as exc:
        logger.warning("meta webhook rejected (%s): %s", exc.status, exc)
        return JsonResponse({"error": str(exc)[:300]}, status=exc.status)
    return JsonResponse(
        {
            "created": outcome.result.created,
            "edited": outcome.result.edited,
            "unchanged": outcome.result.unchanged,
        }
    )
