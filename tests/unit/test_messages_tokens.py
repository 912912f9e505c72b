"""Login and refresh answers are read strictly: a wrong shape is a French known error."""

from __future__ import annotations

import pytest

from mediator_app.sync.api_client import MALFORMED_ANSWER, MalformedAnswerError, _token_answer


def test_token_answers_are_checked() -> None:
    good = {"access_token": "a", "refresh_token": "r", "user": {"role": "mediator"}}
    assert _token_answer(good).access_token == "a"
    # A refresh answer may leave the refresh token out: the current one is kept.
    assert _token_answer({"access_token": "b"}, refresh_fallback="r").refresh_token == "r"
    for bad in (None, [], {"access_token": 3}, {"refresh_token": "r"}, {**good, "user": "x"}):
        with pytest.raises(MalformedAnswerError) as err:
            _token_answer(bad)
        assert err.value.message == MALFORMED_ANSWER
