"""capture_page checks that need no browser."""

import pytest

from tillit.archive.capture import CaptureFailed, capture_page


def test_missing_chromium_is_a_clear_failure(tmp_path):
    with pytest.raises(CaptureFailed, match="Chromium not found at /nonexistent/chromium"):
        capture_page(
            "https://example.org/", tmp_path / "cap", executable_path="/nonexistent/chromium"
        )
    assert list(tmp_path.iterdir()) == []
