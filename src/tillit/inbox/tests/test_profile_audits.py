"""Checking a connection also judges the Page's profile (R10, R11): what it lacks is said in
Swedish with the text to paste; a complete profile is said to be complete."""

import httpx
import pytest
import respx
from django.test import Client

from tillit.testing import PASSWORD

pytestmark = pytest.mark.django_db


def _check(fb_channel, page: dict) -> list[str]:
    client = Client(HTTP_ACCEPT_LANGUAGE="sv")
    client.login(username="manager_a", password=PASSWORD)
    with respx.mock(assert_all_mocked=True) as mock:
        mock.get(host="graph.facebook.com").mock(return_value=httpx.Response(200, json=page))
        answer = client.post(f"/register/{fb_channel.public_id}/koppling/test/", follow=True)
    return [str(m) for m in answer.context["messages"]]


def _complete(fb_channel, org) -> dict:
    rules = f"http://127.0.0.1:8000/kanaler/{fb_channel.public_id}/regler/"
    return {
        "id": "111222333",
        "name": "Biblioteket – Testkommun",
        "about": f"{fb_channel.purpose} Kommentarsregler: {rules}",
        "description": "Alla kanaler: www.example.se/socialamedier",
        "website": "https://www.example.se",
        "link": "https://www.facebook.com/biblioteket",
    }


def test_a_complete_profile_is_said_to_be_complete(org, fb_channel):
    said = _check(fb_channel, _complete(fb_channel, org))
    assert any("Profilen anger vem som står bakom" in m for m in said), said


def test_a_missing_link_collection_is_said_with_the_text_to_paste(org, fb_channel):
    page = _complete(fb_channel, org) | {"description": ""}
    said = _check(fb_channel, page)
    [warning] = [m for m in said if "Profilen saknar" in m]
    assert "samlingssidan" in warning
    assert "Alla våra kanaler: https://www.example.se/socialamedier" in warning
    assert "webbplats" not in warning.split("Lägg till")[0]


def test_a_hostile_profile_is_judged_not_rendered(org, fb_channel):
    page = {
        "id": "111222333",
        "name": "<script>alert(1)</script>",
        "about": "<img src=x onerror=alert(1)>" * 500,
        "website": "javascript:alert(1)",
    }
    said = _check(fb_channel, page)
    assert any("Profilen saknar" in m for m in said)


# --- Stored audits: the weekly job, "check now", the public page, notices -------------------


def _page_json(fb_channel, **changes) -> dict:
    return _complete(fb_channel, None) | changes


def _audit(channel, page: dict | None = None, **mocks):
    from tillit.inbox.services.profile_audits import channel_audit_profile

    with respx.mock(assert_all_mocked=True) as mock:
        if page is not None:
            mock.get(host="graph.facebook.com").mock(return_value=httpx.Response(200, json=page))
        for host, response in mocks.items():
            mock.route(host=host.replace("_", ".")).mock(return_value=response)
        return channel_audit_profile(channel=channel)


def _notices(person) -> list[str]:
    from tillit.organisation.models import Notice

    return [_sv(n.subject) for n in Notice.objects.filter(person=person)]


def _sv(value) -> str:
    from django.utils import translation

    from tillit.core.messages import shown_text

    with translation.override("sv"):
        return shown_text(value, html=False)


def test_the_connection_test_stores_the_audit(org, fb_channel):
    from tillit.channels.models import ProfileAudit

    _check(fb_channel, _complete(fb_channel, org) | {"description": ""})
    audit = ProfileAudit.objects.get(channel=fb_channel)
    assert audit.outcome == "failed" and audit.failing == ["collection"]
    assert audit.source == "platform" and audit.requested_by == org["manager_a"]
    assert "Alla våra kanaler: https://www.example.se/socialamedier" in audit.paste


def test_a_new_failure_is_told_once_to_administrators_and_the_manager(org, fb_channel):
    page = _page_json(fb_channel, description="")
    first = _audit(fb_channel, page)
    assert first.newly_failing == ["collection"]
    for who in ("staff_1", "manager_a"):
        assert any("Biblioteket" in s and "saknar" in s for s in _notices(org[who])), who
    assert _notices(org["staff_2"]) == [] or all(
        "profil" not in s for s in _notices(org["staff_2"])
    )
    second = _audit(fb_channel, page)
    assert second.newly_failing == []
    assert sum("saknar" in s for s in _notices(org["manager_a"])) == 1
    # Fixed, then broken again: news again.
    assert _audit(fb_channel, _page_json(fb_channel)).outcome == "passed"
    assert _audit(fb_channel, page).newly_failing == ["collection"]
    assert sum("saknar" in s for s in _notices(org["manager_a"])) == 2


def test_a_refusing_platform_falls_back_to_the_public_page(org, fb_channel):
    html = (
        "<html><head><title>Biblioteket – Testkommun</title>"
        f'<meta name="description" content="{fb_channel.purpose}"></head><body>'
        '<a href="https://www.example.se/">Webbplats</a><script>var x="https://evil.test";</script>'
        "</body></html>"
    )
    with respx.mock(assert_all_mocked=True) as mock:
        mock.get(host="graph.facebook.com").mock(
            return_value=httpx.Response(500, json={"error": {"message": "down", "code": 2}})
        )
        mock.get(fb_channel.url).mock(return_value=httpx.Response(200, html=html))
        from tillit.inbox.services.profile_audits import channel_audit_profile

        audit = channel_audit_profile(channel=fb_channel)
    assert audit.source == "page" and audit.outcome == "failed"
    assert set(audit.failing) == {"rules", "collection"}
    assert "https://www.example.se/" in audit.read_links
    assert "evil.test" not in audit.read_text
    assert "Plattformen gav inte profilen" in _sv(audit.problem)


def test_an_unreadable_profile_is_stored_and_told_once(org, fb_channel):
    from tillit.inbox.services.profile_audits import channel_audit_profile

    for _ in range(2):
        with respx.mock(assert_all_mocked=True) as mock:
            mock.get(host="graph.facebook.com").mock(
                return_value=httpx.Response(429, headers={"Retry-After": "60"}, json={})
            )
            mock.get(fb_channel.url).mock(return_value=httpx.Response(404))
            audit = channel_audit_profile(channel=fb_channel)
        assert audit.outcome == "unread" and audit.checks == []
    problem = _sv(audit.problem)
    assert "status 404" in problem, problem
    assert sum("kunde inte kontrolleras" in s for s in _notices(org["manager_a"])) == 1


def test_a_shortened_link_counts_as_its_target(org, fb_channel):
    page = _page_json(fb_channel, description="Alla kanaler: https://bit.ly/abc123")
    audit = _audit(
        fb_channel,
        page,
        bit_ly=httpx.Response(301, headers={"Location": "https://www.example.se/socialamedier"}),
    )
    assert audit.outcome == "passed", audit.checks


def test_enormous_hostile_text_is_bounded_and_escaped_on_the_channel_page(org, fb_channel):
    page = _page_json(
        fb_channel, about="<script>alert(1)</script>" * 5000, website="javascript:alert(1)"
    )
    audit = _audit(fb_channel, page)
    assert len(audit.read_text) <= 5000
    client = Client(HTTP_ACCEPT_LANGUAGE="sv")
    client.login(username="manager_a", password=PASSWORD)
    body = client.get(f"/register/{fb_channel.public_id}/").content.decode()
    assert "Vad profilen säger" in body
    assert "<script>alert(1)" not in body and "&lt;script&gt;" in body


def test_check_now_is_for_who_connects_or_moderates(org, fb_channel):
    from tillit.channels.models import ProfileAudit

    for username, expected in (("staff_1", 302), ("manager_a", 302), ("info_b", 404)):
        client = Client(HTTP_ACCEPT_LANGUAGE="sv")
        client.login(username=username, password=PASSWORD)
        with respx.mock(assert_all_called=False) as mock:
            mock.get(host="graph.facebook.com").mock(
                return_value=httpx.Response(200, json=_page_json(fb_channel))
            )
            answer = client.post(f"/register/{fb_channel.public_id}/profil/kontrollera/")
        assert answer.status_code == expected, username
    assert ProfileAudit.objects.filter(channel=fb_channel).count() == 2


def test_the_weekly_job_audits_every_running_channel_and_one_failure_stops_none(
    org, fb_channel, today
):
    from tillit.channels.models import ProfileAudit
    from tillit.core.scheduler import registered_jobs
    from tillit.inbox.tasks import audit_profiles_all
    from tillit.testing import make_channel, staff, walk_to_active

    assert registered_jobs()["channels.audit_profiles"].interval.days == 7
    other = make_channel(org, name="Kulturhuset")
    staff(org, other, today)
    walk_to_active(org, other)
    with respx.mock(assert_all_mocked=True) as mock:
        mock.get(host="graph.facebook.com").mock(side_effect=RuntimeError("bug"))
        mock.get(fb_channel.url).mock(side_effect=httpx.ConnectError("no"))
        mock.get(other.url).mock(
            return_value=httpx.Response(200, html="<title>Kulturhuset</title>")
        )
        assert audit_profiles_all.call() == 2
    assert ProfileAudit.objects.get(channel=fb_channel).outcome == "unread"
    assert ProfileAudit.objects.get(channel=other).outcome == "failed"


def test_the_command_line_audits_one_channel_or_all(org, fb_channel):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    with respx.mock(assert_all_mocked=True) as mock:
        mock.get(host="graph.facebook.com").mock(
            return_value=httpx.Response(200, json=_page_json(fb_channel, description=""))
        )
        call_command("channels", "audit-profiles", str(fb_channel.public_id), stdout=out)
        call_command("channels", "audit-profiles", stdout=out)
    text = out.getvalue()
    assert f"{fb_channel.pk} Biblioteket: Saknar något (Länkar till samlingssidan" in text
    assert "1 kanaler kontrollerade, 1 saknar något eller kunde inte läsas." in text
    for bad in ("nope", "999999", "00000000-0000-0000-0000-000000000000"):
        with pytest.raises(CommandError):
            call_command("channels", "audit-profiles", bad, stdout=out)
