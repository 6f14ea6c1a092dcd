"""WSGI entry point."""

import os

from django.core.wsgi import get_wsgi_application

from tillit.core.fsmodes import harden_process
from tillit.settings import settings_module

# Before settings: the database, media and secret files are created private (0600/0700).
harden_process()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module())
application = get_wsgi_application()
