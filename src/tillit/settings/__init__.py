"""Settings modules: `base` reads the environment once; `production` hardens it; `test` tunes
it for the test suite."""

import os

PROFILES = {
    "development": "tillit.settings.base",
    "production": "tillit.settings.production",
}


def settings_module() -> str:
    """The settings module that TILLIT_ENV names (development unless told otherwise)."""
    name = os.environ.get("TILLIT_ENV", "").strip().lower() or "development"
    if name not in PROFILES:
        raise SystemExit(f"tillit: TILLIT_ENV={name!r} är okänt; välj {' eller '.join(PROFILES)}.")
    return PROFILES[name]
