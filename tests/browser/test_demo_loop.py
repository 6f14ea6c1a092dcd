"""The demo completes the loop: a moderator hides a flagged comment and the simulated
Facebook Page confirms it within seconds.

The live server serves the demo's own data (load_demo and the webhook stream) with the
simulated platforms started and allowed exactly as `tillit demo` does. Tasks run at once
(the test settings' immediate backend), so the action is sent when the decision commits.

Note for the integrator: the item page's wording for a completed action changes with the
outbox-states work ("Dold på plattformen"); this test looks for the outbox row in the state
"Klar" (ActionState.DONE) and for the simulation's own record of the hidden comment.
"""

import time

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_site(transactional_db, settings):
    from tillit.demo.data import DEMO_PASSWORD, load_demo
    from tillit.demo.platforms import allow_simulated, demo_connect_simulated
    from tillit.demo.simulated import SimulatedPlatforms
    from tillit.demo.stream import demo_deliver

    sims = SimulatedPlatforms().start(make_current=True)
    settings.TILLIT_OUTBOUND_ALLOW_HOSTS = frozenset()  # restored after the test
    allow_simulated(sims)
    load_demo()
    demo_connect_simulated(sims, fail_every=0)
    demo_deliver(30, seed=2026)
    yield sims, DEMO_PASSWORD
    sims.close()


def _flagged_comment():
    from tillit.inbox.models import Item

    for item in Item.objects.filter(
        channel__name="Piteå bibliotek", kind="comment", is_hidden=False
    ).order_by("pk"):
        assessment = getattr(item, "assessment", None)
        if assessment is not None and assessment.flagged:
            return item
    raise AssertionError("the demo stream delivered no flagged comment to the library")


def test_moderator_hides_a_flagged_comment_and_sees_it_done(page, demo_site):
    sims, password = demo_site
    item = _flagged_comment()
    assert not sims.graph.nodes[item.platform_id].is_hidden

    page.goto("/konto/logga-in/")
    page.fill("#id_username", "adm.kultur")
    page.fill("#id_password", password)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/konto/logga-in/" not in url)

    page.goto(f"/inkorg/{item.pk}/")
    page.select_option("#d-kind", "hide")
    rule = page.locator("#d-rule option").nth(1).get_attribute("value")
    selected = page.locator("#d-rule").input_value() or rule
    page.select_option("#d-rule", selected)
    page.locator("section[aria-labelledby='decide-heading'] button[type='submit']").click()
    page.wait_for_url(f"**/inkorg/{item.pk}/")

    done = page.locator("table tbody tr", has_text="Klar")
    deadline = time.monotonic() + 10
    while done.count() == 0 and time.monotonic() < deadline:
        time.sleep(0.5)
        page.reload()
    assert done.count() == 1, page.locator("main").inner_text()[:2000]
    assert sims.graph.nodes[item.platform_id].is_hidden  # the platform's side agrees
