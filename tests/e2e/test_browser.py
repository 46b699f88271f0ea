"""End to end, as a learner: real JupyterLab, headless Chromium, clicks and keys, feedback read off the page.

Screenshots of every step go to build/e2e-artifacts/ (ignored by git). Where Debian's chromium
is not installed these tests are skipped with a one-line reason; .ci/run installs it and makes a
skip count as a failure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .jupyterlab import (
    ROOT,
    chromium_page,
    feedback_text,
    lab_server,
    open_notebook,
    quiz_box,
    restart_kernel,
    run_all,
    widget_errors,
)

ARTIFACTS = ROOT / "build" / "e2e-artifacts"
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def server(browser_available):
    with lab_server(nodelay=True) as running:
        yield running


@pytest.fixture
def page(browser_available):
    with chromium_page() as opened:
        yield opened


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def group(box, number: int):
    return box.locator(".widget-toggle-buttons").nth(number)


def choose_with_keyboard(box, number: int, label: str) -> None:
    """Focus the group's first button, Tab along to ``label`` and press Enter, as a keyboard user would."""
    buttons = group(box, number).locator("button")
    texts = buttons.all_inner_texts()
    target = next(i for i, text in enumerate(texts) if text.startswith(label))
    buttons.nth(0).focus()
    for _ in range(target):
        box.page.keyboard.press("Tab")
    box.page.keyboard.press("Enter")
    box.page.wait_for_function(
        "([box, label]) => box.innerText.includes('Your choice: ' + label)", arg=[box.element_handle(), label]
    )
    assert "mod-active" in (buttons.nth(target).get_attribute("class") or "")


def test_claim_types_quiz_by_keyboard_and_mouse_then_restored_after_restart(server, page):
    open_notebook(page, server, "notebooks/03_claim_types.ipynb")
    run_all(page)
    box = quiz_box(page, "The article: statement types")
    box.scroll_into_view_if_needed()
    assert "Sentence 1 of 28" in box.inner_text()
    shot(page, "01-claim-types-rendered")

    # A wrong answer, chosen and checked with the keyboard only.
    choose_with_keyboard(box, 0, "FACT")
    check = box.locator("button.widget-button", has_text="Check")
    check.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("box => box.innerText.includes('Not quite')", arg=box.element_handle(), timeout=15_000)
    text = feedback_text(box)
    assert "Not quite" in text and "the key is FRAMING" in text and "About this sentence:" in text
    shot(page, "02-wrong-answer-by-keyboard")

    # The right answer, chosen and checked with the mouse.
    group(box, 0).locator("button", has_text="FRAMING").click()
    check.click()
    page.wait_for_function("box => box.innerText.includes('(attempt 2)')", arg=box.element_handle(), timeout=15_000)
    text = feedback_text(box)
    assert "Correct: FRAMING" in text and "The rule that decides" in text
    assert "1 of 26 answered, 1 correct" in box.inner_text()
    shot(page, "03-right-answer-by-mouse")
    assert widget_errors(page) == 0

    # Restart the kernel and run everything again: the answer and score come back.
    restart_kernel(page)
    run_all(page)
    page.wait_for_timeout(500)  # let the re-run replace the old outputs
    box = quiz_box(page, "The article: statement types")
    page.wait_for_function(
        "box => box.innerText.includes('1 of 26 answered, 1 correct')", arg=box.element_handle(), timeout=60_000
    )
    assert "Sentence 2 of 28" in box.inner_text()  # it opens at the first unanswered sentence
    box.locator("button.widget-button", has_text="Previous").click()
    page.wait_for_function("box => box.innerText.includes('Sentence 1 of 28')", arg=box.element_handle())
    active = group(box, 0).locator("button.mod-active")
    assert active.count() == 1 and active.inner_text().startswith("FRAMING")
    assert "Your choice: FRAMING" in box.inner_text()
    assert "Correct: FRAMING" in feedback_text(box)
    shot(page, "04-restored-after-restart")
    assert widget_errors(page) == 0


def test_start_here_warm_up_in_notebook_7(server, page):
    open_notebook(page, server, "notebooks/00_start_here.ipynb", classic=True)
    run_all(page)
    box = quiz_box(page, "Warm-up: the Eastbrook flood")
    box.scroll_into_view_if_needed()
    group(box, 0).locator("button", has_text="FACT").click()
    group(box, 1).locator("button", has_text="OUTLET").click()
    group(box, 2).locator("button", has_text="YES").click()
    box.locator("button.widget-button", has_text="Check").click()
    page.wait_for_function("box => box.innerText.includes('Correct: FACT')", arg=box.element_handle(), timeout=15_000)
    text = feedback_text(box)
    assert text.count("\u2714 Correct") == 3 and "About this sentence:" in text
    shot(page, "05-notebook-7-warm-up")
    assert widget_errors(page) == 0


def test_the_server_turns_tcp_nodelay_on(server, page):
    """The README's server applies claimlab.server's setting once a kernel websocket opens."""
    open_notebook(page, server, "notebooks/00_start_here.ipynb")
    assert "claimlab: TCP_NODELAY on" in server.log_text()
