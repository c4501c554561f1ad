"""One dispatch (autograder/dispatch.py): the worker, the in-process session and diagnosis's replay carry out a
request the same way, and refuse an unknown one the same way."""
import types

import numpy as np
import pytest

from autograder import dispatch, protocol, sandbox
from autograder.api import StudentError
from autograder.in_process import InProcessSession
from autograder.recording import Event
from autograder.replay import perform

CODE = "def double(x):\n    return 2 * x\n"


def module():
    world = types.ModuleType("submission")
    exec(CODE, world.__dict__)
    return world


def test_the_sandbox_carries_the_dispatch():
    assert "dispatch.py" in sandbox.WORKER_FILES


def test_worker_server_answers_and_refuses_unknown_requests():
    server = dispatch.Server(module())
    request = {"op": "call", "target": 0, "args": protocol.encode([np.arange(3)])}
    function = server.answer({"op": "getattr", "target": 0, "name": "double"})
    assert function["ok"]
    answer = server.answer({**request, "target": function["value"]["id"]})
    assert answer["ok"] and np.array_equal(protocol.decode(answer["value"]), np.arange(3) * 2)
    refused = server.answer({"op": "setattr", "target": 0, "name": "double"})
    assert refused == {"ok": False, "error": "UnknownRequest: unknown request 'setattr'"}


def test_in_process_session_refuses_unknown_requests_as_the_worker_does():
    session = InProcessSession(module())
    with pytest.raises(StudentError, match="UnknownRequest: unknown request 'setattr'"):
        session.request(None, None, {"op": "setattr", "target": 0}, None, lambda *handle: None)


def test_replay_refuses_unknown_requests_as_the_worker_does():
    event = Event(0, ("test", "t"), "setattr", (1, 0), {}, ("value", None), True)
    assert perform(event, {(1, 0): module()}) == ("raised", "UnknownRequest")
    call = Event(1, ("test", "t"), "call", (1, 0), {"args": protocol.encode([3])}, ("value", 6), True)
    assert perform(call, {(1, 0): module().double}) == ("value", 6)


def test_worker_answers_call_each_one_call_at_a_time_and_refuses_a_malformed_one():
    server = dispatch.Server(module())
    function = server.answer({"op": "getattr", "target": 0, "name": "double"})["value"]["id"]
    calls = [{"args": protocol.encode([x])} for x in (1, "a", None, 4)]  # 2 * None raises: the last is never run
    answers = list(server.answers({"op": "call_each", "target": function, "calls": calls}))
    assert [answer["ok"] for answer in answers] == [True, True, False]
    assert [answer["value"] for answer in answers[:2]] == [2, "aa"] and answers[2]["error"].startswith("TypeError")
    for malformed in (None, [1, 2], {"args": []}):
        assert list(server.answers({"op": "call_each", "target": function, "calls": malformed})) == [
            {"ok": False, "error": "ProtocolError: call_each needs a list of {args, kwargs}"}]
