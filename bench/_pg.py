"""A throwaway schema of a PostgreSQL database for one benchmark run.

The benchmarks never write into the database they are given: each run creates its own
schema there, serves it through ``search_path`` and drops it at the end, so two runs never
see each other's rows and the database is left as it was.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa


def is_postgresql(url: str) -> bool:
    return sa.make_url(url).get_backend_name() == "postgresql"


@contextmanager
def fresh_schema(url: str, prefix: str = "bench") -> Iterator[str]:
    """Yield ``url`` pointed at a new, empty schema of its database (dropped on exit)."""
    schema = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        try:
            yield (
                sa.make_url(url)
                .update_query_dict({"options": f"-csearch_path={schema}"})
                .render_as_string(hide_password=False)
            )
        finally:
            with admin.connect() as conn:
                conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    finally:
        admin.dispose()
