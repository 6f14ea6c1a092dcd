"""Why a sign-in through the provider was refused: one exception, recorded once by the callback."""

# Reason codes go to the log and the audit trail, never in front of the person (they all see
# the same friendly page). No token, code or secret is ever part of a refusal.
UNKNOWN = "unknown_person"
DEACTIVATED = "deactivated"
AMBIGUOUS = "several_people_with_email"
SUBJECT_CHANGED = "email_matches_person_with_other_subject"
NO_SUBJECT = "no_subject_claim"
BAD_SIGNATURE = "bad_signature"
WRONG_AUDIENCE = "wrong_audience"
WRONG_ISSUER = "wrong_issuer"
EXPIRED = "expired_token"
NONCE = "nonce_mismatch"
MALFORMED = "malformed_token"
STATE = "unknown_or_reused_state"
PROVIDER_ERROR = "provider_error"
TOKEN_REQUEST = "token_request_failed"  # noqa: S105  (a reason code, not a secret)
UNAVAILABLE = "provider_unavailable"
NOT_CONFIGURED = "not_configured"


class SignInRefused(Exception):
    """A refused sign-in; ``detail`` holds claims safe to record (issuer, subject, e-mail)."""

    def __init__(self, reason: str, **detail: object):
        super().__init__(reason)
        self.reason = reason
        self.detail = {k: v for k, v in detail.items() if v not in (None, "")}
