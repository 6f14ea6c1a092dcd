"""An access request covering thousands of documents works on SQLite, and closing releases its hold."""

import pytest
from django.utils import timezone

from tillit.inbox.models import Author, Item
from tillit.records.models import AccessRequestItem
from tillit.records.services.access import access_request_open
from tillit.retention.models import Hold
from tillit.testing import PASSWORD

pytestmark = pytest.mark.django_db

N = 5000


def _bulk_request(org, channel, n: int = N):
    """An open request with n selected items, made with bulk_create so the test stays quick."""
    author = Author.objects.create(platform="facebook", platform_id="bulk", display_name="Bulk")
    now = timezone.now()
    items = Item.objects.bulk_create(
        Item(
            channel=channel,
            platform_id=f"bulk-{i}",
            kind="comment",
            is_public=True,
            text=f"Kommentar nummer {i}",
            author=author,
            received_at=now,
        )
        for i in range(n)
    )
    request = access_request_open(actor=org["registrar"], description="Alla kommentarer")
    AccessRequestItem.objects.bulk_create(
        AccessRequestItem(request=request, item=item, label=f"Kommentar {item.platform_id}")
        for item in items
    )
    return request


def test_request_with_5000_documents_pages_exports_and_closes(org, active_channel, client):
    request = _bulk_request(org, active_channel)
    client.login(username="registrar", password=PASSWORD)
    page = client.get(f"/diarium/begaran/{request.pk}/")
    assert page.status_code == 200 and b"(5000)" in page.content
    assert "Nästa sida".encode() in page.content
    assert b"Kommentar nummer 99<" in page.content and b"nummer 100<" not in page.content
    last = AccessRequestItem.objects.filter(request=request).order_by("-id")[1].pk
    tail = client.get(f"/diarium/begaran/{request.pk}/?after={last}")
    assert b"Kommentar nummer 4999<" in tail.content and "Nästa sida".encode() not in tail.content
    csv_response = client.get(f"/diarium/begaran/{request.pk}/utlamnande.csv")
    assert csv_response.status_code == 200
    assert b"Kommentar nummer 4999" in csv_response.content
    assert client.get(f"/diarium/begaran/{request.pk}/utlamnande.pdf").status_code == 200
    response = client.post(
        f"/diarium/begaran/{request.pk}/close/", {"outcome_note": "Lämnat ut allt."}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == "closed"
    assert not Hold.objects.filter(access_request=request, released_at__isnull=True).exists()
