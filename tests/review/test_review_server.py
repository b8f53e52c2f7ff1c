"""The review page's server over real HTTP on 127.0.0.1: the token, the Host check,
CSRF, every route, decisions saved as the person works (without values), Finish, the
idle stop, and the decisions file at start. SYNTHETIC documents."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from redactor.errors import DecisionsError
from redactor.review.server import COOKIE, CSRF_HEADER, HOST, ReviewServer
from redactor.review.session import DECISIONS_NAME, ReviewSession

NOTE = (
    "Briefing note (synthetic).\n"
    "Olivia Smith (Year 4) has the Quillon bursary this term.\n"
    "Her mum, Kerensa Pellow, rang on 07700 900123. 🙂 Olivia Smith is settled.\n"
)
OTHER = "Staff notice (synthetic).\nKerensa Pellow will run the book fair.\n"


@dataclass
class Running:
    server: ReviewServer
    session: ReviewSession
    thread: threading.Thread
    outdir: Path
    inputs: Path

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        token: bool = True,
        csrf: bool = True,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, Any, http.client.HTTPResponse]:
        connection = http.client.HTTPConnection(HOST, self.server.port, timeout=30)
        sent = {"Cookie": f"{COOKIE}={self.server.token}"} if token else {}
        if method == "POST":
            sent["Content-Type"] = "application/json"
            if csrf:
                sent[CSRF_HEADER] = self.server.csrf
        sent.update(headers or {})
        data = json.dumps(body).encode() if body is not None else None
        connection.request(method, path, body=data, headers=sent)
        response = connection.getresponse()
        raw = response.read()
        try:
            payload = json.loads(raw)
        except ValueError:
            payload = raw.decode("utf-8", "replace")
        connection.close()
        return response.status, payload, response


def start(make_redactor, tmp_path: Path, idle_minutes: float = 30) -> Running:
    inputs = tmp_path / "in"
    inputs.mkdir(exist_ok=True)
    (inputs / "note.txt").write_text(NOTE, encoding="utf-8")
    (inputs / "notice.txt").write_text(OTHER, encoding="utf-8")
    outdir = tmp_path / "out"
    session = ReviewSession(make_redactor(), [inputs], outdir, reviewer="Clerk")
    server = ReviewServer(session, idle_minutes=idle_minutes)
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    return Running(server, session, thread, outdir, inputs)


@pytest.fixture
def running(make_redactor, tmp_path) -> Iterator[Running]:
    run = start(make_redactor, tmp_path)
    yield run
    run.server.stop("test over")
    run.thread.join(timeout=10)


def note_id(run: Running) -> str:
    status, listing, _ = run.request("GET", "/api/documents")
    assert status == 200
    return next(d["id"] for d in listing["documents"] if d["name"].endswith("note.txt"))


def finding(view: dict[str, Any], words: str) -> dict[str, Any]:
    texts = {p["key"]: p["text"] for p in view["parts"]}
    for f in view["findings"]:
        text = texts[f["part"]]
        # Offsets are JavaScript's (UTF-16 units): convert to read the words back.
        units = text.encode("utf-16-le")
        if units[f["start"] * 2 : f["end"] * 2].decode("utf-16-le") == words:
            return f
    raise AssertionError(f"no finding of {words!r}")


# --- who may ask ----------------------------------------------------------------------


def test_it_listens_on_127_0_0_1_only(running):
    assert running.server._server.server_address[0] == "127.0.0.1"
    assert running.server.url.startswith(f"http://127.0.0.1:{running.server.port}/?token=")


def test_every_request_needs_the_token(running):
    for path in ("/", "/api/documents", "/static/review.js"):
        status, payload, _ = running.request("GET", path, token=False)
        assert status == 401, path
        assert "token" in payload["error"]
    status, _, _ = running.request(
        "GET", "/api/documents", token=False, headers={"Cookie": f"{COOKIE}=wrong"}
    )
    assert status == 401


def test_the_address_with_the_token_sets_a_strict_cookie(running):
    status, _, response = running.request("GET", f"/?token={running.server.token}", token=False)
    cookie = response.getheader("Set-Cookie") or ""
    assert status == 200
    assert f"{COOKIE}={running.server.token}" in cookie
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert "default-src 'self'" in (response.getheader("Content-Security-Policy") or "")


def test_another_host_name_is_refused(running):
    status, payload, _ = running.request(
        "GET", "/api/documents", headers={"Host": f"attacker.example:{running.server.port}"}
    )
    assert status == 403 and "only served to this computer" in payload["error"]


@pytest.mark.parametrize(
    "headers, csrf, status",
    [
        ({}, False, 403),  # no CSRF token
        ({CSRF_HEADER: "wrong"}, False, 403),
        ({"Origin": "http://attacker.example"}, True, 403),  # another site's page
        ({"Content-Type": "text/plain"}, True, 415),  # a form post, not the page's JSON
    ],
)
def test_a_post_that_is_not_from_the_page_is_refused(running, headers, csrf, status):
    doc = note_id(running)
    got, _, _ = running.request(
        "POST",
        f"/api/documents/{doc}/decisions",
        {"finding": "f0", "action": "reject"},
        csrf=csrf,
        headers=headers,
    )
    assert got == status
    assert not (running.outdir / DECISIONS_NAME).exists()  # nothing decided


# --- the routes -------------------------------------------------------------------------


def test_the_listing_counts_and_puts_attention_first(running):
    status, listing, _ = running.request("GET", "/api/documents")
    assert status == 200
    assert [k["kind"] for k in listing["kinds"]][:2] == ["PERSON", "ADDRESS"]
    assert "Not personal data" in listing["reasons"]
    attention = [d["attention"] for d in listing["documents"]]
    assert attention == sorted(attention, key=lambda a: a == 0)
    note = next(d for d in listing["documents"] if d["name"].endswith("note.txt"))
    assert note["counts"]["to_check"] >= 3


def test_a_document_shows_its_findings_in_javascript_offsets_and_a_preview(running):
    status, view, _ = running.request("GET", f"/api/documents/{note_id(running)}")
    assert status == 200
    second = [f for f in view["findings"] if f["kind"] == "PERSON"][-1]
    assert finding(view, "Olivia Smith")["status"] == "to_check"
    assert second["start"] > 0  # past the emoji: in UTF-16 units
    assert finding(view, "07700 900123")["replacement"] == "[PHONE]"
    preview = "".join(p["text"] for p in view["preview"])
    assert "Olivia" not in preview and "[PHONE]" in preview
    status, _, _ = running.request("GET", "/api/documents/d99")
    assert status == 400


def test_reject_accept_and_add_are_saved_at_once_without_values(running):
    doc = note_id(running)
    _, view, _ = running.request("GET", f"/api/documents/{doc}")
    kerensa = finding(view, "Kerensa Pellow")
    status, view, _ = running.request(
        "POST",
        f"/api/documents/{doc}/decisions",
        {"finding": kerensa["id"], "action": "reject", "reason": "A member of staff or governor"},
    )
    assert status == 200 and finding(view, "Kerensa Pellow")["status"] == "rejected"
    assert "Kerensa Pellow" in "".join(p["text"] for p in view["preview"])
    part = next(p for p in view["parts"] if "Quillon" in p["text"])
    start = len(part["text"][: part["text"].index("Quillon")].encode("utf-16-le")) // 2
    status, view, _ = running.request(
        "POST",
        f"/api/documents/{doc}/decisions",
        {"action": "add", "part": part["key"], "start": start, "end": start + 7,
         "kind": "PERSON", "reason": "Missed personal data"},
    )  # fmt: skip
    assert status == 200, view
    added = finding(view, "Quillon")
    assert added["status"] == "added" and view["selected"] == added["id"]
    assert "Quillon" not in "".join(p["text"] for p in view["preview"])
    saved = (running.outdir / DECISIONS_NAME).read_text(encoding="utf-8")
    for words in ("Kerensa", "Pellow", "Quillon", "Olivia"):
        assert words not in saved
    assert json.loads(saved)["reviewer"] == "Clerk"


def test_an_addition_over_a_finding_or_outside_a_part_is_refused(running):
    doc = note_id(running)
    _, view, _ = running.request("GET", f"/api/documents/{doc}")
    olivia = finding(view, "Olivia Smith")
    for request in (
        {"action": "add", "part": olivia["part"], "start": olivia["start"],
         "end": olivia["end"] + 3, "kind": "PERSON"},
        {"action": "add", "part": "nowhere", "start": 0, "end": 3, "kind": "PERSON"},
        {"action": "add", "part": olivia["part"], "start": 0, "end": 3, "kind": "SHOE_SIZE"},
        {"action": "dance"},
    ):  # fmt: skip
        status, payload, _ = running.request("POST", f"/api/documents/{doc}/decisions", request)
        assert status == 400 and payload["error"]


def test_keep_everywhere_rejects_the_same_words_in_every_document(running):
    doc = note_id(running)
    _, view, _ = running.request("GET", f"/api/documents/{doc}")
    kerensa = finding(view, "Kerensa Pellow")
    status, payload, _ = running.request(
        "POST", "/api/keep", {"document": doc, "finding": kerensa["id"]}
    )
    assert status == 200 and payload["rejected"] >= 2  # here and in the notice
    _, listing, _ = running.request("GET", "/api/documents")
    notice = next(d for d in listing["documents"] if d["name"].endswith("notice.txt"))
    _, notice_view, _ = running.request("GET", f"/api/documents/{notice['id']}")
    assert finding(notice_view, "Kerensa Pellow")["status"] == "rejected"


def test_finish_writes_the_copies_with_the_decisions_and_stops(running):
    doc = note_id(running)
    _, view, _ = running.request("GET", f"/api/documents/{doc}")
    kerensa = finding(view, "Kerensa Pellow")
    running.request(
        "POST", f"/api/documents/{doc}/decisions", {"finding": kerensa["id"], "action": "reject"}
    )
    status, payload, _ = running.request("POST", "/api/finish", {})
    assert status == 200
    assert sorted(Path(w["output"]).name for w in payload["written"]) == ["note.txt", "notice.txt"]
    assert payload["failed"] == []
    running.thread.join(timeout=10)
    assert not running.thread.is_alive() and running.server.stopped_because == "finished"
    written = (running.outdir / "note.txt").read_text(encoding="utf-8")
    assert "Kerensa Pellow" in written and "Olivia" not in written and "07700" not in written
    assert (running.inputs / "note.txt").read_text(encoding="utf-8") == NOTE  # untouched


def test_it_stops_by_itself_when_nobody_uses_it(make_redactor, tmp_path):
    run = start(make_redactor, tmp_path, idle_minutes=0.01)
    run.thread.join(timeout=20)
    assert not run.thread.is_alive() and run.server.stopped_because == "idle"
    assert not (run.outdir / "note.txt").exists()


# --- the decisions file at start -----------------------------------------------------------


def review_one_and_stop(make_redactor, tmp_path: Path, words: str, action: str) -> Running:
    """A review in which one decision was made before it stopped without Finish."""
    run = start(make_redactor, tmp_path)
    doc = note_id(run)
    _, view, _ = run.request("GET", f"/api/documents/{doc}")
    run.request(
        "POST", f"/api/documents/{doc}/decisions",
        {"finding": finding(view, words)["id"], "action": action},
    )  # fmt: skip
    run.server.stop("test over")
    run.thread.join(timeout=10)
    return run


def test_an_earlier_review_is_taken_up_again(make_redactor, tmp_path):
    run = review_one_and_stop(make_redactor, tmp_path, "Kerensa Pellow", "reject")
    again = ReviewSession(make_redactor(), [run.inputs], run.outdir, reviewer="Clerk")
    view = again.document(next(k for k, d in again._ids.items() if d.name.endswith("note.txt")))
    assert finding(view, "Kerensa Pellow")["status"] == "rejected"


def test_a_damaged_decisions_file_stops_the_review_and_is_left_as_it_is(make_redactor, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "note.txt").write_text(NOTE, encoding="utf-8")
    (tmp_path / "out").mkdir()
    damaged = tmp_path / "out" / DECISIONS_NAME
    damaged.write_text("{half a file", encoding="utf-8")
    with pytest.raises(DecisionsError, match="cannot be read"):
        ReviewSession(make_redactor(), [tmp_path / "in"], tmp_path / "out")
    assert damaged.read_text(encoding="utf-8") == "{half a file"


def test_decisions_about_an_input_changed_since_the_review_stop_it(make_redactor, tmp_path):
    run = review_one_and_stop(make_redactor, tmp_path, "Olivia Smith", "accept")
    before = (run.outdir / DECISIONS_NAME).read_text(encoding="utf-8")
    (run.inputs / "note.txt").write_text(NOTE + "One more line.\n", encoding="utf-8")
    with pytest.raises(DecisionsError, match="has changed since it was reviewed"):
        ReviewSession(make_redactor(), [run.inputs], run.outdir)
    assert (run.outdir / DECISIONS_NAME).read_text(encoding="utf-8") == before


def test_with_an_export_names_no_list_knows_come_first(engine, tmp_path):
    from redactor.api import Redactor
    from redactor.config import Config
    from redactor.detection.engine import DetectionEngine
    from redactor.detection.roster import load_roster

    roster = tmp_path / "pupils.csv"
    roster.write_text(
        "Forename,Surname,Year,Contact Forename,Contact Surname,Relationship\n"
        "Olivia,Smith,Year 4,Kerensa,Pellow,Mother\n",
        encoding="utf-8",
    )
    note = tmp_path / "note.txt"
    note.write_text(
        "Notes (synthetic).\nOlivia Smith saw Mr Harlow Tenby about the trip.\n", encoding="utf-8"
    )
    with_export = Redactor(
        Config(roster_files=(roster,)),
        engine=DetectionEngine(nlp=engine.nlp, roster=load_roster(roster)),
    )
    for redactor, flagged in ((with_export, {"Mr Harlow Tenby"}), (Redactor(engine=engine), set())):
        session = ReviewSession(redactor, [note], tmp_path / "out")
        view = session.document("d0")
        texts = {p["key"]: p["text"] for p in view["parts"]}
        attention = {
            texts[f["part"]][f["start"] : f["end"]] for f in view["findings"] if f["attention"]
        }
        names = {texts[f["part"]][f["start"] : f["end"]] for f in view["findings"]}
        assert "Olivia Smith" in names
        assert attention == flagged


def test_finish_with_pseudonyms_fills_the_runs_table(make_redactor, tmp_path):
    from redactor.config import Config
    from redactor.model import Style
    from redactor.styles import PseudonymTable

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "note.txt").write_text(NOTE, encoding="utf-8")
    table = PseudonymTable()
    session = ReviewSession(
        make_redactor(Config(style=Style.PSEUDONYM)),
        [tmp_path / "in"],
        tmp_path / "out",
        table=table,
    )
    session.finish()
    written = (tmp_path / "out" / "note.txt").read_text(encoding="utf-8")
    assert "Pupil A" in written and "Olivia" not in written
    assert "Olivia Smith" in table.originals().values()  # for --key-out
