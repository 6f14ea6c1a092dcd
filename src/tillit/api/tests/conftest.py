"""API fixtures: the inbox's connected channel, the guideline's policy, and keys."""

import pytest

from tillit.inbox.tests.conftest import fb_channel, tasks_held  # noqa: F401
from tillit.moderation.tests.conftest import policy  # noqa: F401


@pytest.fixture
def key_for():
    """``key_for(person, *scopes)``: a live personal key of that person, as its secret."""
    from tillit.api.models import TokenKind
    from tillit.api.tokens import token_issue

    def make(person, *scopes, days: int = 30) -> str:
        from tillit.api.scopes import Scope

        _token, key = token_issue(
            actor=person,
            person=person,
            kind=TokenKind.PERSONAL,
            name="test",
            scopes=list(scopes or Scope.values),
            days=days,
        )
        return key

    return make
