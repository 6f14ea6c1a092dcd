"""Publishing in Chromium: blocked by a personnummer, fixed, approved by another person,
scheduled, and found published in the calendar; axe on the composer, approval and calendar."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tillit.channels import services as ch
from tillit.channels.choices import PostApproval
from tillit.inbox.testing import mastodon_channel
from tillit.publishing.models import Post
from tillit.publishing.services.release import posts_release_due

from .helpers import axe_violations, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def channel(live_org, mastodon_mock_server, settings):
    settings.TILLIT_OUTBOUND_ALLOW_HOSTS = {"127.0.0.1"}
    channel = mastodon_channel(live_org, mastodon_mock_server, name="Kommunen på Mastodon")
    ch.channel_update(
        actor=live_org["info_a"], channel=channel, post_approval=PostApproval.INFORMATOR
    )
    return channel


def test_a_post_from_blocked_to_published(page, channel, mastodon_mock_server):
    sign_in(page, "staff_1")
    page.goto("/publicera/nytt/")
    assert axe_violations(page) == [], "composer"
    page.get_by_label("Kommunen på Mastodon (Mastodon)").check()
    page.locator("#id_text").fill("Vinnaren av läsutmaningen är 19121212-1212. Grattis!")
    when = timezone.localtime() + timedelta(days=1)
    page.locator("#id_scheduled_at").fill(when.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Kontrollera och skicka").click()

    # Blocked, with the evidence marked and the text kept.
    alert = page.get_by_role("alert").first
    assert "19121212-1212" in alert.inner_text()
    assert page.locator("mark.blocking").inner_text() == "19121212-1212"
    post = Post.objects.get()
    assert post.state == "draft"

    page.get_by_role("link", name="Ändra inlägget").click()
    assert "19121212-1212" in page.locator("#id_text").input_value()
    page.locator("#id_text").fill("Vinnaren av läsutmaningen är utsedd. Grattis!")
    page.get_by_role("button", name="Kontrollera och skicka").click()
    page.wait_for_url(f"**/publicera/{post.pk}/")
    post.refresh_from_db()
    assert post.state == "pending"

    # The author cannot approve; the department's informatör can.
    assert page.get_by_role("button", name="Registrera beslutet").count() == 0
    sign_in(page, "info_a")
    page.goto("/publicera/")
    page.get_by_role("link", name="Vinnaren av läsutmaningen är utsedd").first.click()
    assert axe_violations(page) == [], "approval page"
    page.get_by_label("Godkänt").check()
    page.get_by_role("button", name="Registrera beslutet").click()
    post.refresh_from_db()
    assert post.state == "approved"

    # Its time comes: the scheduler's release sends it through the outbox to mastodon-mock.
    Post.objects.filter(pk=post.pk).update(scheduled_at=timezone.now() - timedelta(minutes=1))
    posts_release_due()
    post.refresh_from_db()
    assert post.state == "published"
    alice = mastodon_mock_server.client("alice")
    statuses = [s for s in alice.account_statuses(alice.me().id) if "läsutmaningen" in s.content]
    assert len(statuses) == 1

    sign_in(page, "staff_1")
    day = timezone.localdate().isoformat()
    page.goto(f"/publicera/kalender/?vy=vecka&datum={day}")
    cell = page.locator("td[aria-current=date]")
    assert "Vinnaren av läsutmaningen" in cell.inner_text() and "Publicerat" in cell.inner_text()
    assert axe_violations(page) == [], "calendar (week)"
    page.goto(f"/publicera/kalender/?datum={day}")
    assert axe_violations(page) == [], "calendar (month)"
    page.goto(f"/publicera/{post.pk}/")
    assert axe_violations(page) == [], "published post"
