"""Reuses the Bot Connector clients that botbuilder would otherwise build anew for every turn and every card.

botbuilder's CloudAdapter asks its authentication object for a new ConnectorClient and a new UserTokenClient
each time: for every incoming turn (through the factory that authenticating the request returns) and for every
proactive card. Every new msrest client builds its retry table (about 7 ms of CPU, on the event loop) and a requests
session of its own, so every card also opened a new TCP connection to Teams. bench/burst.py measured it as the
largest single cost per card. Here one client of each kind is kept per app id, service URL and audience. The
credentials inside keep and refresh their own token, so a kept client is as good as a new one. msrest's own
retries are turned off: the outbound policy retries, within its time budget.
"""

from __future__ import annotations

from botbuilder.integration.aiohttp import ConfigurationBotFrameworkAuthentication
from botframework.connector.aio import ConnectorClient
from botframework.connector.auth import (
    AuthenticateRequestResult,
    AuthenticationConstants,
    ClaimsIdentity,
    ConnectorFactory,
    UserTokenClient,
)

KEPT = 256  # clients kept of each kind; Teams uses a handful of service URLs, so this is never reached in practice


def _app_id(claims: ClaimsIdentity) -> str:
    """The bot's app id as botbuilder reads it from the claims (audience, else the app id claim)."""
    return str(
        claims.get_claim_value(AuthenticationConstants.AUDIENCE_CLAIM)
        or claims.get_claim_value(AuthenticationConstants.APP_ID_CLAIM)
        or ""
    )


class _KeptConnectors(ConnectorFactory):
    def __init__(self, inner: ConnectorFactory, app_id: str, kept: dict[tuple[str, str, str], ConnectorClient]):
        self._inner = inner
        self._app_id = app_id
        self._kept = kept

    async def create(self, service_url: str, audience: str) -> ConnectorClient:
        key = (self._app_id, service_url, audience or "")
        client = self._kept.get(key)
        if client is None:
            client = await self._inner.create(service_url, audience)
            # msrest would retry a refused or failed call itself (3 times, with backoff, inside a worker thread
            # that outlives our timeout); bot/teams/outbound.py is the one place that retries.
            client.config.retry_policy.retries = 0
            if len(self._kept) >= KEPT:
                self._kept.clear()
            self._kept[key] = client
        return client


class ReusingAuthentication(ConfigurationBotFrameworkAuthentication):
    """botbuilder's configuration-based authentication, with its outbound clients kept and reused."""

    def __init__(self, configuration: object) -> None:
        super().__init__(configuration)
        self._connectors: dict[tuple[str, str, str], ConnectorClient] = {}
        self._token_clients: dict[str, UserTokenClient] = {}

    def create_connector_factory(self, claims_identity: ClaimsIdentity) -> ConnectorFactory:
        inner = super().create_connector_factory(claims_identity)
        return _KeptConnectors(inner, _app_id(claims_identity), self._connectors)

    async def authenticate_request(self, activity: object, auth_header: str) -> AuthenticateRequestResult:
        result = await super().authenticate_request(activity, auth_header)
        return self._keeping(result)

    async def authenticate_streaming_request(
        self, auth_header: str, channel_id_header: str
    ) -> AuthenticateRequestResult:
        result = await super().authenticate_streaming_request(auth_header, channel_id_header)
        return self._keeping(result)

    def _keeping(self, result: AuthenticateRequestResult) -> AuthenticateRequestResult:
        """The turn's connector factory, wrapped so that its clients are kept too."""
        if result.connector_factory is not None:
            app_id = _app_id(result.claims_identity) if result.claims_identity else ""
            result.connector_factory = _KeptConnectors(result.connector_factory, app_id, self._connectors)
        return result

    async def create_user_token_client(self, claims_identity: ClaimsIdentity) -> UserTokenClient:
        key = _app_id(claims_identity)
        client = self._token_clients.get(key)
        if client is None:
            client = await super().create_user_token_client(claims_identity)
            if len(self._token_clients) >= KEPT:
                self._token_clients.clear()
            self._token_clients[key] = client
        return client
