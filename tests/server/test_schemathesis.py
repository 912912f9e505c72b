"""Property-based robustness and conformance: schemathesis against /openapi.json, with a
valid token, finds no 5xx, and every answer is documented (status code, content type, body
schema, headers).

Driven by hand (one Hypothesis run per operation) rather than through schemathesis' pytest
plugin, which does not load under this pytest version.
"""

from __future__ import annotations

from pathlib import Path

import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.server.helpers import PROTOCOL
from tests.support.live_server import live_server, sqlite_url

MAX_EXAMPLES = 30


#: What each answer must satisfy beyond "no 5xx": it is one the schema documents.
CONFORMANCE = [
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


def test_no_server_error_and_every_answer_documented(tmp_path: Path) -> None:
    with live_server(sqlite_url(tmp_path / "server.sqlite3")) as server:
        structure = server.create_structure("Collège Jean Moulin", department_code="95")
        server.create_user(
            "fuzz@test.tne.fr", "motdepasse-test", "mediator", structure_id=structure
        )
        body = requests.post(
            f"{server.base_url}/auth/login",
            json={"email": "fuzz@test.tne.fr", "password": "motdepasse-test"},
            timeout=10,
        ).json()
        # The current protocol's header: without it every sync call would only meet the 426.
        headers = {"Authorization": f"Bearer {body['access_token']}", **PROTOCOL}
        schema = schemathesis.openapi.from_url(f"{server.base_url}/openapi.json")
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 7
        calls = [0]
        statuses: set[int] = set()
        for operation in operations:

            @given(case=operation.as_strategy())
            @settings(
                max_examples=MAX_EXAMPLES,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def check(case: schemathesis.Case) -> None:
                response = case.call(headers=dict(headers), timeout=30)
                calls[0] += 1
                statuses.add(response.status_code)
                assert response.status_code < 500, (case.method, case.path, response.text[:300])
                if response.status_code >= 400:
                    assert isinstance(response.json().get("detail"), str), response.text[:300]
                case.validate_response(response, checks=CONFORMANCE)

            check()
        assert calls[0] >= 7 * 10  # the generator really exercised every operation
        # Past the version gate: the handlers answered, not only the 426.
        assert statuses - {426}, statuses
