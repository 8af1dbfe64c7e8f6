"""The admin command set as one object: every admin action, built on the shared Services, for both doors
(Teams `admin …` and the `trygghet-admin` CLI)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.admin_bars import AdminBars
from bot.services.admin_export import AdminExport
from bot.services.admin_queries import AdminQueries
from bot.services.admin_roles import AdminRoles
from bot.services.admin_settings import AdminSettings
from bot.services.container import Services
from bot.services.flagging import Flagging
from bot.services.people import People
from bot.services.privacy import Privacy
from bot.services.retention import Retention
from bot.services.standby import Standby


@dataclass(frozen=True)
class Admin:
    services: Services
    people: People
    queries: AdminQueries
    export: AdminExport
    bars: AdminBars
    roles: AdminRoles
    settings: AdminSettings
    retention: Retention
    privacy: Privacy
    flagging: Flagging
    standby: Standby

    @classmethod
    def of(cls, services: Services) -> Admin:
        """Cheap: these are thin objects over the services' repositories."""
        people = People(services.repos)
        return cls(
            services=services,
            people=people,
            queries=AdminQueries(services, people),
            export=AdminExport(services),
            bars=AdminBars(services),
            roles=AdminRoles(services),
            settings=AdminSettings(services),
            retention=Retention(services),
            privacy=Privacy(services),
            flagging=Flagging(services),
            standby=Standby(services),
        )
