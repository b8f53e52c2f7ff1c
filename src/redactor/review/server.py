"""The review page's web server: on 127.0.0.1 only, for one person, for one review.

Flask (with its Jinja2 templates and Werkzeug's server) serves the page and a small JSON
API over :class:`~redactor.review.session.ReviewSession`. Everything it serves is in
the package: no CDN, no web fonts, no network.

Protection, since any web page the person opens could try to reach a local port:

- the server listens on 127.0.0.1 and answers only requests whose Host is that address
  and port (a web page cannot rename itself to it: DNS rebinding fails);
- every request needs the run's random token: in the address printed at start
  (``/?token=...``), after which the page holds it in a cookie that is HttpOnly and
  SameSite=Strict (another site's page cannot send it);
- every POST must also carry the page's CSRF token in a header, as JSON, and, when the
  browser says where it comes from, come from this origin.

It stops when the person presses Finish, after ``idle_minutes`` without a request, or
on Ctrl-C.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.serving import BaseWSGIServer, make_server

from redactor.errors import RedactorError
from redactor.review.session import ReviewRequestError, ReviewSession

HOST = "127.0.0.1"
COOKIE = "redactor_review"
CSRF_HEADER = "X-CSRF-Token"


class ReviewServer:
    """The page and its API for one session, on a free port (or ``port``)."""

    def __init__(self, session: ReviewSession, *, port: int = 0, idle_minutes: float = 30) -> None:
        self.session = session
        self.token = secrets.token_urlsafe(32)
        self.csrf = secrets.token_urlsafe(32)
        self.idle_seconds = idle_minutes * 60
        self.last_request = time.monotonic()
        self.stopped_because = ""
        self.app = self._app()
        self._server: BaseWSGIServer = make_server(HOST, port, self.app, threaded=True)
        self.port = self._server.server_port

    @property
    def url(self) -> str:
        """The address to open, with the token."""
        return f"http://{HOST}:{self.port}/?token={self.token}"

    def serve(self) -> None:
        """Serve until Finish, the idle time, or Ctrl-C (KeyboardInterrupt is raised)."""
        watchdog = threading.Thread(target=self._watch_idle, daemon=True)
        watchdog.start()
        try:
            self._server.serve_forever(poll_interval=0.2)
        finally:
            self._server.server_close()

    def stop(self, because: str) -> None:
        """Stop serving (from any thread)."""
        if not self.stopped_because:
            self.stopped_because = because
            threading.Thread(target=self._server.shutdown, daemon=True).start()

    def _watch_idle(self) -> None:
        while not self.stopped_because:
            time.sleep(min(1.0, max(self.idle_seconds / 10, 0.05)))
            if time.monotonic() - self.last_request > self.idle_seconds:
                self.stop("idle")

    # --- the app ------------------------------------------------------------------

    def _app(self) -> Flask:
        app = Flask("redactor.review", static_folder="static", template_folder="templates")
        app.config["MAX_CONTENT_LENGTH"] = 64 * 1024

        @app.before_request
        def guard() -> Response | None:
            self.last_request = time.monotonic()
            if request.host != f"{HOST}:{self.port}":
                return _error("this page is only served to this computer", 403)
            given = request.args.get("token") or request.cookies.get(COOKIE) or ""
            if not hmac.compare_digest(given.encode(), self.token.encode()):
                return _error("open the address that redactor printed (with its token)", 401)
            if request.method == "POST":
                if not hmac.compare_digest(
                    request.headers.get(CSRF_HEADER, "").encode(), self.csrf.encode()
                ):
                    return _error("this request did not come from the review page", 403)
                sender = request.headers.get("Origin")
                if sender is not None and sender != f"http://{HOST}:{self.port}":
                    return _error("this request did not come from the review page", 403)
                if not request.is_json:
                    return _error("the review page sends JSON", 415)
            return None

        @app.after_request
        def headers(response: Response) -> Response:
            response.headers["Content-Security-Policy"] = (
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
                "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
            )
            response.headers["X-Content-Type-Options"] = "nosniff"
            response.headers["Referrer-Policy"] = "no-referrer"
            response.headers["Cache-Control"] = "no-store"
            return response

        @app.get("/")
        def page() -> Response:
            response = Response(
                render_template("page.html", csrf_token=self.csrf, title="Review before sharing")
            )
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict", path="/")
            return response

        @app.get("/api/documents")
        def documents() -> Response:
            return jsonify(self.session.listing())

        @app.get("/api/documents/<doc_id>")
        def document(doc_id: str) -> Response:
            return _answer(lambda: self.session.document(doc_id))

        @app.post("/api/documents/<doc_id>/decisions")
        def decide(doc_id: str) -> Response:
            body = _body()
            return _answer(lambda: self.session.decide(doc_id, body))

        @app.post("/api/keep")
        def keep() -> Response:
            body = _body()
            return _answer(
                lambda: {
                    "rejected": self.session.keep_everywhere(
                        body.get("document"), body.get("finding"), body.get("reason")
                    )
                }
            )

        @app.post("/api/finish")
        def finish() -> Response:
            response = _answer(self.session.finish)
            if self.session.finished:
                self.stop("finished")
            return response

        return app


def _body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    return body if isinstance(body, dict) else {}


def _answer(work: Callable[[], dict[str, Any]]) -> Response:
    """The JSON of ``work``, or its plain-English error (never a detected value)."""
    try:
        return jsonify(work())
    except ReviewRequestError as problem:
        return _error(problem.reason, 400)
    except RedactorError as problem:
        return _error(problem.reason, 409)


def _error(message: str, status: int) -> Response:
    response = jsonify({"error": message})
    response.status_code = status
    return response
