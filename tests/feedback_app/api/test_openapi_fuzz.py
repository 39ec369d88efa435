"""Generated requests from the OpenAPI document, well-formed and malformed:
never a server error, and every response matches what the document says
(status codes, content type, schema)."""

from itertools import product

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]


def test_the_api_keeps_to_its_openapi_document(app, client):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 7
    # A real conversation, so that requests reach the engine and not only a 404.
    token = client.post("/api/v1/conversations", json={"questionnaire": "young-person-before-review"}).json["token"]

    for operation, mode in product(operations, GenerationMode):
        real = {"token": token} if "{token}" in operation.path and mode is GenerationMode.POSITIVE else None

        @given(case=operation.as_strategy(mode, path_parameters=real))
        @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def call(case):
            case.call_and_validate(checks=CHECKS)

        try:
            call()
        except Unsatisfiable:
            # Nothing in this operation can be made malformed (no parameters, no body).
            assert mode is GenerationMode.NEGATIVE, operation.label
