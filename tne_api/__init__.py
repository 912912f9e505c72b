"""The reference central T.N.E API: FastAPI + SQLAlchemy 2 + Alembic.

``create_app(settings)`` builds the ASGI application; ``tne-api`` (``tne_api.cli``) is the
admin command line. Every write to a synced table goes through ``SyncService``. The server
has the version of the project (``mediator_app.__version__``).
"""

from mediator_app import __version__

__all__ = ["__version__"]
