"""Who reaches the records' rows: registrars work them all; nobody else reaches them."""

from tillit.access.queryset import RoleRule, access_rule
from tillit.access.roles import Role

from .models import AccessRequest, AccessRequestItem, Case, PersonalDataRequest, Registration

REGISTRARS = {"register": (Role.REGISTRAR,)}


@access_rule(Case)
class CaseRule(RoleRule):
    """Cases (ärenden) are the registrar's."""

    roles = REGISTRARS


@access_rule(Registration)
class RegistrationRule(RoleRule):
    """Registrations of direct messages are the registrar's."""

    roles = REGISTRARS


@access_rule(AccessRequest)
class AccessRequestRule(RoleRule):
    """Public access requests (OSL) are handled by registrars."""

    roles = REGISTRARS


@access_rule(AccessRequestItem)
class AccessRequestItemRule(RoleRule):
    """The documents selected for a request follow the request."""

    roles = REGISTRARS


@access_rule(PersonalDataRequest)
class PersonalDataRequestRule(RoleRule):
    """Data-subject requests (GDPR) are handled by registrars."""

    roles = REGISTRARS
