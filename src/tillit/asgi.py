"""ASGI entry point (granian, uvicorn)."""

import os

from django.core.asgi import get_asgi_application

from tillit.core.fsmodes import harden_process

# Before settings: the database, media and secret files are created private (0600/0700).
harden_process()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tillit.settings.base")
application = get_asgi_application()
