"""The demo's integration: the records system as a service account with a key.

The key's secret is not kept anywhere (only its hash), so the demo shows the account and
its key in the lists; to call the API, sign in and create a key under API-nycklar.
"""

from tillit.access.roles import Role
from tillit.api.models import TokenKind
from tillit.api.scopes import Scope
from tillit.api.tokens import service_account_create, token_issue
from tillit.organisation.models import Person
from tillit.organisation.services import role_assign


def load_api_demo() -> None:
    """A service account for the records system, a registrar, with a read-and-number key."""
    admin = Person.objects.get(user__username="admin")
    account = service_account_create(
        actor=admin, name="Diariesystemet", function="Hämtar registreringar, skickar diarienummer"
    )
    role_assign(actor=admin, person=account, role=Role.REGISTRAR)
    token_issue(
        actor=admin,
        person=account,
        kind=TokenKind.SERVICE,
        name="Diariet, produktion",
        scopes=[Scope.RECORDS_READ, Scope.RECORDS_WRITE],
        days=365,
    )
