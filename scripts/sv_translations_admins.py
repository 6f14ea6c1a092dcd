"""Swedish for keeping the organisation's last administrator (issue 15; merged by
fill_translations.py)."""

SV_ADMINS = {
    "%(name)s is the organisation's only active administrator and cannot be deactivated. "
    "Give someone else the role first.": (
        "%(name)s är organisationens enda aktiva administratör och kan inte avaktiveras. "
        "Ge någon annan rollen först."
    ),
    "%(name)s is the organisation's only active administrator and cannot lose the role. "
    "Give someone else the role first.": (
        "%(name)s är organisationens enda aktiva administratör och kan inte förlora rollen. "
        "Ge någon annan rollen först."
    ),
}
