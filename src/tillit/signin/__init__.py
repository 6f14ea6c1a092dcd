"""Sign-in: OpenID Connect for organisations, local accounts with invitations, reset and two-factor."""
