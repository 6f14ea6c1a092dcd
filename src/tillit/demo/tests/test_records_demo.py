"""The records demo loads once, idempotently, and gives the ERMS export something to write."""

import pytest
from django.core.management import call_command

from tillit.records.conf import erms_xsd
from tillit.records.models import Case, Registration

pytestmark = pytest.mark.django_db


def test_load_records_demo_is_idempotent(settings, tmp_path):
    from tillit.demo.data import load_demo
    from tillit.demo.records_data import load_records_demo

    load_demo()
    load_records_demo()
    load_records_demo()
    assert Case.objects.count() == 1
    assert Registration.objects.count() == 3
    if erms_xsd() is not None:
        call_command("records", "export", "--format", "erms", "--out", str(tmp_path))
        assert list(tmp_path.glob("*.xml"))
