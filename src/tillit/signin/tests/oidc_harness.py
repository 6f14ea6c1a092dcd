"""A real OpenID Connect provider on 127.0.0.1 for the tests, and a token endpoint that lies.

The provider is oidc-provider-mock (authlib behind Flask) in a thread of the test process,
speaking HTTP on a free port. The "forger" stands between Tillit and the provider's token
endpoint: it passes the real exchange through, then alters the id token (tampers with it,
changes its audience or expiry and re-signs with a key it adds to the JWKS it serves), so each
check of the id token is shown to refuse on its own.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import httpx
import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from oidc_provider_mock import app as provider_app
from oidc_provider_mock._server import _threaded_server

CLIENT_ID = "tillit-test-client"
CLIENT_SECRET = "s3cret-never-logged-0123456789"  # noqa: S105


@contextmanager
def provider():
    """The mock provider on 127.0.0.1 (nonces required); yields its issuer URL."""
    with _threaded_server(app=provider_app(require_nonce=True), host="127.0.0.1") as server:
        yield f"http://127.0.0.1:{server.server_port}"


def put_user(issuer: str, sub: str, claims: dict) -> None:
    """Tell the provider who a subject is (its claims in the id token)."""
    with httpx.Client(trust_env=False) as client:
        client.put(f"{issuer}/users/{sub}", json=claims).raise_for_status()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class Forger:
    """A token endpoint and JWKS in front of the provider, altering the id token by ``mode``."""

    KID = "forger-key"

    def __init__(self, issuer: str):
        """Make the forger's own signing key; nothing runs until ``start``."""
        self.issuer = issuer
        self.mode = "pass"
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def _alter(self, id_token: str) -> str:
        if self.mode == "pass":
            return id_token
        if self.mode == "tamper":
            # Keep the provider's signature, change who the token names: the signature breaks.
            head, body, sig = id_token.split(".")
            claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
            claims["sub"] = "someone-else"
            return ".".join([head, _b64(json.dumps(claims).encode()), sig])
        claims = jwt.decode(id_token, options={"verify_signature": False})
        now = int(time.time())
        if self.mode == "audience":
            claims["aud"] = "another-application"
        elif self.mode == "expired":
            claims["iat"], claims["exp"] = now - 7200, now - 3600
        elif self.mode != "resign":
            raise ValueError(self.mode)
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": self.KID})

    def jwks(self) -> dict:
        with httpx.Client(trust_env=False) as client:
            keys = client.get(f"{self.issuer}/jwks").json()["keys"]
        mine = RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        mine.update({"kid": self.KID, "use": "sig", "alg": "RS256"})
        return {"keys": [*keys, mine]}

    def start(self) -> None:
        forger = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                if urlsplit(self.path).path == "/jwks":
                    self._send(200, forger.jwks())
                else:
                    self._send(404, {})

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                headers = {"Content-Type": self.headers.get("Content-Type", "")}
                with httpx.Client(trust_env=False) as client:
                    answer = client.post(
                        f"{forger.issuer}/oauth2/token", content=body, headers=headers
                    )
                data = answer.json()
                if answer.status_code == 200:
                    data["id_token"] = forger._alter(data["id_token"])
                self._send(answer.status_code, data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
