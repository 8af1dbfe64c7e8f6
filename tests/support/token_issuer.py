"""A local stand-in for the Bot Connector's token issuer: OpenID metadata and a JWKS on a free port, and tokens
signed the way the Bot Connector signs the requests it posts to a bot, good or deliberately bad.

botbuilder fetches the metadata with `requests` from inside the event loop, so the stand-in serves from its own
thread (a server on the test's loop would deadlock).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

ISSUER = "https://api.botframework.com"  # what botbuilder expects of a channel token
KID = "trygghet-test-key"


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class TokenIssuer:
    url: str = ""
    key: rsa.RSAPrivateKey = field(default_factory=_key)
    other_key: rsa.RSAPrivateKey = field(default_factory=_key)  # a forger's key, never published
    serving: bool = True  # False: the metadata endpoint answers 503, as during an outage

    @property
    def metadata_url(self) -> str:
        return f"{self.url}/v1/.well-known/openidconfiguration"

    def jwks(self) -> dict[str, Any]:
        public = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**public, "kid": KID, "use": "sig", "endorsements": ["msteams"]}]}

    def token(
        self,
        app_id: str,
        service_url: str,
        *,
        expires_in: float = 3600,
        audience: str | None = None,
        signed_by: rsa.RSAPrivateKey | None = None,
        kid: str = KID,
        issuer: str = ISSUER,
    ) -> str:
        now = int(time.time())
        claims = {
            "iss": issuer,
            "aud": audience if audience is not None else app_id,
            "serviceurl": service_url,
            "nbf": now - 60,
            "iat": now - 60,
            "exp": int(now + expires_in),
        }
        return jwt.encode(claims, signed_by or self.key, algorithm="RS256", headers={"kid": kid})

    def unsigned(self, app_id: str, service_url: str) -> str:
        """`alg: none`: a token anyone can write."""
        claims = {"iss": ISSUER, "aud": app_id, "serviceurl": service_url, "exp": int(time.time()) + 3600}
        return jwt.encode(claims, "", algorithm="none", headers={"kid": KID})


@contextmanager
def running_issuer() -> Iterator[TokenIssuer]:
    issuer = TokenIssuer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if not issuer.serving:
                self.send_response(503)
                self.end_headers()
                return
            if self.path.endswith("/openidconfiguration"):
                body = {
                    "issuer": ISSUER,
                    "jwks_uri": f"{issuer.url}/keys",
                    "id_token_signing_alg_values_supported": ["RS256"],
                }
            elif self.path == "/keys":
                body = issuer.jwks()
            else:
                self.send_response(404)
                self.end_headers()
                return
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    issuer.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield issuer
    finally:
        server.shutdown()
        server.server_close()
