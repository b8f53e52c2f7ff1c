"""The review page in a real browser: Debian's headless Chromium driven by Selenium with
Debian's matching chromedriver (no browser is downloaded; ``make test`` installs both
where it can, and these tests skip with the reason where they are absent).

The whole job through the real command: ``redactor review`` in its own process, the page
opened at the address it prints; reject one finding, add a missed name by selecting it,
keep one person everywhere, finish; then the written copy and the audit record. And the
same page worked with the keyboard alone. SYNTHETIC documents.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="Debian's chromium and chromium-driver are not installed (make test installs them)",
)

NOTE = (
    "Briefing note (synthetic).\n"
    "Olivia Smith (Year 4) has the Quillon bursary this term.\n"
    "Her mum, Kerensa Pellow, rang on 07700 900123.\n"
    "Mr Harlow Tenby took the group.\n"
)
NOTICE = "Staff notice (synthetic).\nMr Harlow Tenby will run the book fair.\n"
WAIT = 30.0


@pytest.fixture
def browser(tmp_path) -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--window-size=1280,1000",
    ):
        options.add_argument(flag)
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not look online
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    driver.set_script_timeout(WAIT)
    yield driver
    driver.quit()


@pytest.fixture
def review(tmp_path) -> Iterator[tuple[subprocess.Popen[str], str, Path]]:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "note.txt").write_text(NOTE, encoding="utf-8")
    (inputs / "notice.txt").write_text(NOTICE, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "redactor.cli", "review", str(inputs), "-o", str(tmp_path / "out"),
         "--no-browser", "--by", "Test clerk", "--report", str(tmp_path / "record.json")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    line = process.stdout.readline()  # "Review at http://127.0.0.1:PORT/?token=..."
    assert line.startswith("Review at http://127.0.0.1:"), (
        process.stderr.read() if process.stderr else ""
    )
    yield process, line.split("Review at ", 1)[1].strip(), tmp_path
    if process.poll() is None:
        process.terminate()
    process.communicate(timeout=30)  # and close its pipes


def wait_for(condition, what: str, timeout: float = WAIT):
    from selenium.common.exceptions import StaleElementReferenceException

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            value = condition()
        except StaleElementReferenceException:  # the page re-rendered under us: look again
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def mark_for(driver, words: str):
    from selenium.webdriver.common.by import By

    return wait_for(
        lambda: next(
            (
                m
                for m in driver.find_elements(By.CSS_SELECTOR, "mark[data-finding]")
                if m.text.strip() == words
            ),
            None,
        ),
        f"the highlighted {words!r}",
    )


def click_mark(driver, words: str) -> None:
    """Click the highlighted words (again, if the page re-rendered under the click)."""
    wait_for(lambda: mark_for(driver, words).click() or True, f"a click on {words!r}")


def open_document(driver, name: str) -> None:
    from selenium.webdriver.common.by import By

    button = wait_for(
        lambda: next(
            (
                b
                for b in driver.find_elements(By.CSS_SELECTOR, "button[data-doc]")
                if name in b.text
            ),
            None,
        ),
        f"the document {name}",
    )
    button.click()
    wait_for(lambda: name in driver.find_element(By.ID, "doc-title").text, f"{name} to open")


def select_words(driver, words: str) -> None:
    """Select ``words`` in the document pane as a person would with the mouse."""
    driver.execute_script(
        """
        const words = arguments[0];
        for (const pre of document.querySelectorAll('#document-pane pre[data-part]')) {
          const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
          let node;
          while ((node = walker.nextNode())) {
            const at = node.textContent.indexOf(words);
            if (at >= 0) {
              const range = document.createRange();
              range.setStart(node, at);
              range.setEnd(node, at + words.length);
              const selection = window.getSelection();
              selection.removeAllRanges();
              selection.addRange(range);
              return;
            }
          }
        }
        throw new Error('words not found');
        """,
        words,
    )


def press(driver, keys: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(keys).perform()


def test_a_review_from_the_page_to_the_copy_and_the_record(browser, review):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    process, url, tmp_path = review
    driver = browser
    driver.get(url)
    open_document(driver, "note.txt")

    # Reject one finding: the parent is, say, also a governor who may be named.
    click_mark(driver, "Kerensa Pellow")
    driver.find_element(By.ID, "reject").click()
    wait_for(lambda: "status-rejected" in mark_for(driver, "Kerensa Pellow").get_attribute("class"),
             "the rejection to show")  # fmt: skip
    preview = driver.find_element(By.ID, "preview").text
    assert "Kerensa Pellow" in preview

    # Add a missed name by selecting it.
    select_words(driver, "Quillon")
    driver.find_element(By.ID, "add").click()
    dialog = wait_for(lambda: driver.find_element(By.ID, "add-dialog").is_displayed() and
                      driver.find_element(By.ID, "add-dialog"), "the add dialog")  # fmt: skip
    Select(dialog.find_element(By.ID, "add-kind")).select_by_value("PERSON")
    dialog.find_element(By.ID, "add-confirm").click()
    wait_for(lambda: "Quillon" not in driver.find_element(By.ID, "preview").text, "the addition")

    # Keep one person everywhere (a visitor the model took for a private person).
    if "Harlow Tenby" in [m.text.strip() for m in driver.find_elements(By.CSS_SELECTOR, "mark")]:
        click_mark(driver, "Harlow Tenby")
    else:
        click_mark(driver, "Mr Harlow Tenby")
    driver.find_element(By.ID, "keep-everywhere").click()
    wait_for(lambda: driver.find_element(By.ID, "keep-dialog").is_displayed(), "the keep dialog")
    driver.find_element(By.ID, "keep-confirm").click()
    wait_for(lambda: "Harlow Tenby" in driver.find_element(By.ID, "preview").text, "the keep")

    # Finish.
    driver.find_element(By.ID, "finish").click()
    wait_for(
        lambda: driver.find_element(By.ID, "finish-dialog").is_displayed(), "the finish dialog"
    )
    driver.find_element(By.ID, "finish-confirm").click()
    wait_for(lambda: driver.find_element(By.ID, "result").is_displayed(), "the result")
    assert process.wait(timeout=60) == 0

    copy = (tmp_path / "out" / "note.txt").read_text(encoding="utf-8")
    assert "Kerensa Pellow" in copy  # rejected
    assert "Quillon" not in copy  # added
    assert "Harlow Tenby" in copy  # kept everywhere
    assert "Olivia" not in copy and "07700 900123" not in copy  # the rest as the rules said
    notice = (tmp_path / "out" / "notice.txt").read_text(encoding="utf-8")
    assert "Harlow Tenby" in notice  # kept in the other document too

    record = json.loads((tmp_path / "record.json").read_text(encoding="utf-8"))
    assert record["command"] == "review" and record["operator"] == "Test clerk"
    review_part = record["review"]
    assert review_part["reviewed_by"] == ["Test clerk"]
    counts = {d["name"].split("/")[-1]: d["counts"] for d in review_part["documents"]}
    assert counts["note.txt"]["reject"] == {"PERSON": 1}
    assert counts["note.txt"]["add"] == {"PERSON": 1}
    everything = json.dumps(record)
    for words in ("Kerensa", "Quillon", "Olivia", "Harlow"):
        assert words not in everything


def test_the_page_works_with_the_keyboard_alone(browser, review):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    process, url, _ = review
    driver = browser
    driver.get(url)
    open_document(driver, "note.txt")
    wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "mark[data-finding]"), "the findings")

    def current() -> str | None:
        return driver.execute_script(
            "const m = document.querySelector('mark[data-finding][tabindex=\"0\"]');"
            "return m ? m.dataset.finding : null;"
        )

    first = wait_for(current, "a current finding")
    press(driver, "j")
    second = wait_for(lambda: current() != first and current(), "the next finding")
    press(driver, "k")
    wait_for(lambda: current() == first, "the previous finding again")
    press(driver, "j")
    press(driver, "r")  # reject the current finding
    wait_for(
        lambda: (
            "status-rejected"
            in driver.find_element(By.CSS_SELECTOR, f"mark[data-finding='{second}']").get_attribute(
                "class"
            )
        ),
        "the rejection by key",
    )
    status = driver.find_element(By.ID, "status").text
    assert status  # the screen reader hears what happened

    # Tab reaches the controls, and each says what it does.
    reached = []
    for _ in range(40):
        press(driver, Keys.TAB)
        element = driver.switch_to.active_element
        reached.append(element.get_attribute("id") or "")
        label = element.get_attribute("aria-label") or element.text
        assert label.strip() or element.tag_name in (
            "mark",
            "pre",
            "section",
            "a",
            "select",
            "input",
        ), f"an unlabelled control: {element.tag_name}#{element.get_attribute('id')}"
    for control in ("accept", "reject", "add", "keep-everywhere", "finish"):
        assert control in reached, f"Tab never reached #{control}"

    # A dialog opens with the keyboard, takes the focus, and Escape closes it.
    press(driver, "F")
    wait_for(
        lambda: driver.find_element(By.ID, "finish-dialog").is_displayed(), "the finish dialog"
    )
    inside = driver.execute_script(
        "return document.getElementById('finish-dialog').contains(document.activeElement);"
    )
    assert inside
    press(driver, Keys.ESCAPE)
    wait_for(lambda: not driver.find_element(By.ID, "finish-dialog").is_displayed(), "it to close")
    assert process.poll() is None  # nothing finished


def test_the_page_is_usable_at_200_percent_zoom(browser, review):
    """A 640-pixel-wide window shows what a 1280-pixel screen shows at 200%: one column,
    nothing cut off sideways, every control on screen when scrolled to."""
    from selenium.webdriver.common.by import By

    _, url, _ = review
    driver = browser
    driver.set_window_size(640, 1000)
    driver.get(url)
    open_document(driver, "note.txt")
    mark_for(driver, "Kerensa Pellow")
    overflow = driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;"
    )
    assert overflow <= 1, f"the page scrolls sideways by {overflow} pixels"
    for control in ("accept", "reject", "add", "keep-everywhere", "finish", "next", "prev"):
        element = driver.find_element(By.ID, control)
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
        box = driver.execute_script(
            "const r = arguments[0].getBoundingClientRect();"
            "return [r.left, r.right, r.width, window.innerWidth];",
            element,
        )
        assert box[2] > 0 and box[0] >= 0 and box[1] <= box[3] + 1, f"#{control} is cut off"


def test_ctrl_c_stops_the_review_without_writing_copies(review):
    import signal

    process, url, tmp_path = review
    wait_for(lambda: _serves(url), "the page to be served")  # Ctrl-C while it serves
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "stopped before Finish (Ctrl-C)" in err and "Interrupted" in err
    assert not (tmp_path / "out" / "note.txt").exists()
    assert not any(p.name.startswith(".redactor") for p in tmp_path.rglob("*"))


def _serves(url: str) -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return bool(response.status == 200)
    except OSError:
        return False
