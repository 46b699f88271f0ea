"""Browser tests run where Chromium is installed; CI (CLAIMLAB_REQUIRE_BROWSER=1) fails instead of skipping."""

from __future__ import annotations

import os

import pytest

from .jupyterlab import chromium_missing_reason


@pytest.fixture(scope="session")
def browser_available() -> None:
    reason = chromium_missing_reason()
    if reason is None:
        return
    if os.environ.get("CLAIMLAB_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests are required here, but {reason}")
    pytest.skip(reason)
