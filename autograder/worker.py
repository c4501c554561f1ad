"""The sandboxed worker: loads the submission and serves the grader's requests. Untrusted territory.

Runs as a script inside the sandbox (next to protocol.py), never imported by the grader. It applies
its own rlimits before the student's code loads; after that, nothing here is trusted: the student
may patch or replace any of it, which is why the grader validates every frame it receives.

Requests and answers travel on the two pipe fds named by --channel; fds 1 and 2 carry the
student's output, which the grader drains and truncates.
"""
import argparse
import os
import random
import resource
import sys
import types

import numpy as np

import plain
import protocol

MAX_ERROR_CHARS = 2000


def apply_limits(args) -> None:
    mib = 1024 * 1024
    for limit, value in ((resource.RLIMIT_AS, args.memory_mb * mib),
                         (resource.RLIMIT_CPU, args.cpu_seconds),
                         (resource.RLIMIT_NPROC, args.processes),
                         (resource.RLIMIT_NOFILE, args.open_files),
                         (resource.RLIMIT_FSIZE, args.file_mb * mib),
                         (resource.RLIMIT_CORE, 0)):
        resource.setrlimit(limit, (value, value))


class Server:
    """Keeps the objects the grader holds handles to and answers requests about them."""

    def __init__(self, module, device: str):
        self.objects = {0: module}
        self.device = device

    def handle(self, value):
        key = len(self.objects)
        self.objects[key] = value
        return {protocol.TAG: "handle", "id": key, "type": type(value).__name__}

    def answer(self, request: dict) -> dict:
        try:
            target = self.objects[request["target"]]
            if request.get("op") == "keep":  # the grader's own value, kept here as an object
                return {"ok": True, "value": self.handle(self.decode(request["value"], target))}
            value = self.perform(request.get("op"), target, request)
            return {"ok": True, "value": protocol.encode(plain.to_plain(value), self.handle)}
        except BaseException as error:  # the student's exceptions, SystemExit and Ctrl-C included
            return {"ok": False, "error": describe(error)}

    def perform(self, op, target, request):
        if op == "getattr":
            return getattr(target, str(request["name"]))
        if op == "getitem":
            return target[self.decode(request["key"], target)]
        if op == "len":
            return len(target)
        if op == "list":
            return list(target)
        if op == "accepts_keyword":
            return plain.accepts_keyword(target, str(request["name"]))
        if op == "call":
            args = self.decode(request.get("args", []), target)
            kwargs = self.decode(request.get("kwargs", {protocol.TAG: "dict", "items": []}), target)
            return target(*args, **kwargs)
        raise ValueError(f"unknown request {op!r}")

    def decode(self, data, target):
        def from_handle(key, _type):
            return self.objects[key]

        return protocol.decode(data, from_handle,
                               lambda kind, payload: plain.rebuild_marker(kind, payload, target))



def describe(error: BaseException) -> str:
    try:
        detail = str(error)
    except BaseException:  # a student's exception whose __str__ raises
        detail = ""
    text = f"{type(error).__name__}: {detail}" if detail else type(error).__name__
    return text[:MAX_ERROR_CHARS]


def load_submission(path: str):
    module = types.ModuleType("submission")
    module.__file__ = path
    sys.modules["submission"] = module
    with open(path, encoding="utf-8") as source:
        code = compile(source.read(), "submission.py", "exec")
    exec(code, module.__dict__)
    return module


def seed_everything() -> None:
    random.seed(0)
    np.random.seed(0)
    if "torch" in sys.modules:
        sys.modules["torch"].manual_seed(0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--submission", required=True)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--channel", required=True, help="requests_fd,answers_fd")
    for name in ("memory-mb", "cpu-seconds", "processes", "open-files", "file-mb"):
        parser.add_argument(f"--{name}", type=int, required=True)
    args = parser.parse_args()
    apply_limits(args)
    requests_fd, answers_fd = (int(fd) for fd in args.channel.split(","))
    for fd in (requests_fd, answers_fd):
        os.set_inheritable(fd, False)  # the student's subprocesses must not get the channel
    sys.stdin = open(os.devnull)
    try:
        module = load_submission(args.submission)
        seed_everything()
        hello = {"ok": True, "value": {protocol.TAG: "handle", "id": 0, "type": "module"}}
    except BaseException as error:
        module, hello = None, {"ok": False, "error": describe(error)}
    protocol.write_frame(answers_fd, hello)
    server = Server(module, args.device)
    while module is not None:
        try:
            request = protocol.read_frame(requests_fd)
        except protocol.ChannelClosed:
            return
        sys.stdout.flush()
        answer = server.answer(request)
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            protocol.write_frame(answers_fd, answer)
        except protocol.ProtocolError as error:  # e.g. a result too large to send
            protocol.write_frame(answers_fd, {"ok": False, "error": describe(error)})


if __name__ == "__main__":
    main()
