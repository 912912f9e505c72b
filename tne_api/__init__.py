"""The reference central T.N.E API: FastAPI + SQLAlchemy 2 + Alembic.

``create_app(settings)`` builds the ASGI application; ``tne-api`` (``tne_api.cli``) is the
admin command line. Every write to a synced table goes through ``SyncService``.
"""

__version__ = "0.1.0"
