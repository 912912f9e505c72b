"""The FastAPI application: settings and services on ``app.state``, the middleware, the
error handlers and the routers (docs/architecture.md, "Server").

Endpoints live in ``tne_api.routers`` (one module per area) as plain ``def`` functions (run
in the thread pool) over the synchronous ``SyncService`` and ``AuthService``, which they get
through ``tne_api.deps``; every refusal leaves as ``{"detail": "<French message>"}``
(``tne_api.errors``, the one place that maps domain errors to HTTP).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

from mediator_app.core.messages import PROTOCOL_VERSION
from tne_api import __version__
from tne_api.addresses import parse_trusted_proxies
from tne_api.auth import AuthService
from tne_api.db import Database
from tne_api.deps import PROTOCOL_TOO_OLD, client_protocol, require_protocol
from tne_api.errors import install_error_handlers
from tne_api.middleware import (
    GZIP_LEVEL,
    GZIP_MIN_BYTES,
    RequestBodyMiddleware,
    SafeErrorsMiddleware,
)
from tne_api.routers import auth, coordination, health, sync
from tne_api.sequencing import Sequencer
from tne_api.service import SyncService
from tne_api.settings import Settings
from tne_api.snapshot import router as snapshot_router

__all__ = ["PROTOCOL_TOO_OLD", "client_protocol", "create_app", "require_protocol"]


def create_app(
    settings: Settings | None = None,
    *,
    db: Database | None = None,
    sequencer: Sequencer | None = None,
) -> FastAPI:
    """Build the application over ``settings`` (the database must be initialised).

    Args:
        settings: Server settings; ``Settings.from_env()`` when omitted.
        db: An existing database handle (tests); built from the settings when omitted.
        sequencer: The seq allocator and pull horizon (``tne_api.sequencing``); by dialect
            when omitted. Only the concurrency test and the benchmark choose one.
    """
    settings = settings or Settings.from_env()
    db = db or Database(settings.database_url)
    sync_service = SyncService(db, settings, sequencer=sequencer)
    app = FastAPI(
        lifespan=_thread_pool(settings.worker_threads),
        title="TNE Médiation — API centrale",
        version=__version__,
        description="Reference central API of the T.N.E parentalité programme "
        f"(sync protocol {PROTOCOL_VERSION}, docs/protocol.md).",
    )
    app.state.settings = settings
    app.state.trusted_proxies = parse_trusted_proxies(settings.trusted_proxies)
    app.state.db = db
    app.state.sync = sync_service
    app.state.auth = AuthService(sync_service, settings)
    app.add_middleware(SafeErrorsMiddleware)
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES, compresslevel=GZIP_LEVEL)
    app.add_middleware(
        RequestBodyMiddleware,
        max_bytes=settings.max_request_bytes,
        auth_max_bytes=settings.max_auth_request_bytes,
    )
    install_error_handlers(app)
    # Every router is included here, and only here.
    app.include_router(health.router)
    app.include_router(auth.router)
    app.include_router(sync.router)
    app.include_router(snapshot_router)
    app.include_router(coordination.router)
    return app


def _thread_pool(size: int) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """The app's lifespan: at start, the size of the thread pool its endpoints run in.

    Endpoints are plain ``def``s, run in anyio's default pool (40 threads). Every thread
    of a worker shares one interpreter lock, so 40 requests at once each run at a fortieth
    of a core and hold their transaction (and the row locks a push takes) that much longer;
    fewer at a time finish sooner (``bench/server_load.py``, docs/benchmarks.md)."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = size
        yield

    return lifespan


def create_app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` (several workers): settings from the environment."""
    return create_app(Settings.from_env())
