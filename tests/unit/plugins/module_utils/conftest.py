"""A tiny HTTP server on 127.0.0.1 that answers from a script, for client unit tests."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest


class ScriptedServer:
    """Answers each request with the next scripted reply; records every request.

    A reply is (status, body, headers) or the string "drop" (close the connection without answering).
    When the script is empty, ``default`` (a callable taking the request record) answers.
    """

    def __init__(self, default=None):
        self.script = []
        self.requests = []
        self.default = default or (lambda request: (200, {"data": [], "meta": {"next": None}}, {}))
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output quiet
                return

            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                record = {
                    "method": self.command,
                    "path": parts.path,
                    "query": {k: v[0] for k, v in parse_qs(parts.query).items()},
                    "headers": dict(self.headers),
                    "body": json.loads(raw) if raw else None,
                }
                server.requests.append(record)
                reply = server.script.pop(0) if server.script else server.default(record)
                if reply == "drop":
                    self.close_connection = True
                    self.connection.close()
                    return
                status, body, headers = (list(reply) + [{}])[:3]
                payload = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        self.base_url = "http://127.0.0.1:%d/api/v2/" % self.httpd.server_address[1]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    """A scripted server, closed after the test."""
    scripted = ScriptedServer()
    yield scripted
    scripted.close()


@pytest.fixture
def make_client(server):
    """Build an NcmClient against the scripted server with fast backoff."""
    from ansible_collections.cradlepoint.ncm.plugins.module_utils.client import NcmClient

    def build(**kwargs):
        options = {
            "cp_api_id": "cp-id-XYZ",
            "cp_api_key": "cp-key-SECRET",
            "ecm_api_id": "ecm-id-XYZ",
            "ecm_api_key": "ecm-key-SECRET",
            "base_url": server.base_url,
            "backoff_factor": 0.01,
            "timeout": 5,
        }
        options.update(kwargs)
        return NcmClient(**options)

    return build
