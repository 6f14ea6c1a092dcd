"""WSGI entry point."""

import os

from django.core.wsgi import get_wsgi_application

from tillit.core.fsmodes import harden_process

# Before settings: the database, media and secret files are created private (0600/0700).
harden_process()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tillit.settings.base")
application = get_wsgi_application()
