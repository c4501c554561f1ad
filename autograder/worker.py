"""The sandboxed worker: loads the submission and serves the grader's requests. Untrusted territory.

Runs as a script inside the sandbox (next to dispatch.py, plain.py and protocol.py), never imported by
the grader. What a request does is autograder/dispatch.py's, shared with the in-process session and
diagnosis's replay; this file only loads the submission and carries frames. It applies
its own rlimits before the student's code loads; after that, nothing here is trusted: the student
may patch or replace any of it, which is why the grader validates every frame it receives.

Requests and answers travel on the two pipe fds named by --channel; fds 1 and 2 carry the
student's output, which the grader drains and truncates.
"""
import argparse
import os
import resource
import sys
import types

import dispatch
import protocol


def apply_limits(args) -> None:
    mib = 1024 * 1024
    for limit, value in ((resource.RLIMIT_AS, args.memory_mb * mib),
                         (resource.RLIMIT_CPU, args.cpu_seconds),
                         (resource.RLIMIT_NPROC, args.processes),
                         (resource.RLIMIT_NOFILE, args.open_files),
                         (resource.RLIMIT_FSIZE, args.file_mb * mib),
                         (resource.RLIMIT_CORE, 0)):
        resource.setrlimit(limit, (value, value))


def load_submission(path: str):
    module = types.ModuleType("submission")
    module.__file__ = path
    sys.modules["submission"] = module
    with open(path, encoding="utf-8") as source:
        code = compile(source.read(), "submission.py", "exec")
    exec(code, module.__dict__)
    return module


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
        dispatch.seed_everything()
        hello = {"ok": True, "value": {protocol.TAG: "handle", "id": 0, "type": "module"}}
    except BaseException as error:
        module, hello = None, {"ok": False, "error": dispatch.describe(error)}
    protocol.write_frame(answers_fd, hello)

    def call_grader(key, args, kwargs):  # a grader-side function, called by the student's code
        protocol.write_frame(answers_fd, dispatch.grader_call_frame(key, args, kwargs))
        return dispatch.grader_reply_value(protocol.read_frame(requests_fd))

    server = dispatch.Server(module, call_grader)
    while module is not None:
        try:
            request = protocol.read_frame(requests_fd)
        except protocol.ChannelClosed:
            return
        sys.stdout.flush()
        for answer in server.answers(request):  # one, or one per call of a call_each, as each is done
            sys.stdout.flush()
            sys.stderr.flush()
            try:
                protocol.write_frame(answers_fd, answer)
            except protocol.ProtocolError as error:  # e.g. a result too large to send
                protocol.write_frame(answers_fd, {"ok": False, "error": dispatch.describe(error)})
                break


if __name__ == "__main__":
    main()
