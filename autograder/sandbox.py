"""Build the command that starts the worker in a sandbox.

bubblewrap when it works here, else `unshare` + `setpriv`; with neither, grading is refused unless
the caller explicitly accepts running student code unisolated (`unsafe_no_sandbox`).

Inside the sandbox the worker sees: a read-only system (/usr and the library symlinks), the Python
interpreter prefix, the virtualenv and the `nlpcourse` package (read-only, at their real paths so
the interpreter finds them), the worker's own files (WORKER_FILES) and the extracted submission (read-only,
under /grader), and a private size-limited writable /tmp. Nothing else of the checkout: no hidden
suites, no solutions, no results; none of the grader's environment variables (WORKER_ENV only). No
network (a fresh network namespace has only a downed loopback), its own PID namespace (so killing the
sandbox kills every process the student started), uid nobody. rlimits are applied by the worker
itself before it loads the submission.
"""
import functools
import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from dataclasses import dataclass
from pathlib import Path

NOBODY = 65534
GRADER_DIR = "/grader"  # where the worker files and the submission appear inside the sandbox
WORKER_FILES = ("worker.py", "dispatch.py", "protocol.py", "plain.py")
SYSTEM_DIRS = ("/usr", "/bin", "/lib", "/lib32", "/lib64", "/sbin")
SYSTEM_FILES = ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/localtime", "/etc/nsswitch.conf")
# The worker's whole environment: nothing of the grader's (tokens, paths, a TA's settings) goes in.
WORKER_ENV = {"HOME": "/tmp", "PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0", "OMP_NUM_THREADS": "1",
              "MKL_NUM_THREADS": "1", "LANG": "C.UTF-8"}


class SandboxUnavailable(Exception):
    """No isolation works on this machine and the caller did not accept grading without it."""


@dataclass(frozen=True)
class Limits:
    """Resource limits of one worker (memory is address space, so it includes torch's mappings)."""

    memory_mb: int = 2048
    cpu_seconds: int = 900
    processes: int = 512
    open_files: int = 256
    tmp_mb: int = 256
    file_mb: int = 64

    def as_args(self) -> list[str]:
        return [f"--memory-mb={self.memory_mb}", f"--cpu-seconds={self.cpu_seconds}",
                f"--processes={self.processes}", f"--open-files={self.open_files}",
                f"--file-mb={self.file_mb}"]


@dataclass(frozen=True)
class Mounts:
    """Host paths the worker needs read-only, found from the running interpreter."""

    interpreter_prefix: str
    venv: str
    nlpcourse: str | None

    @classmethod
    def discover(cls) -> "Mounts":
        spec = importlib.util.find_spec("nlpcourse")  # finds it without running its imports
        library = str(Path(spec.origin).resolve().parent) if spec and spec.origin else None
        return cls(interpreter_prefix=sys.base_prefix, venv=sys.prefix, nlpcourse=library)

    def read_only(self) -> list[str]:
        paths = [self.interpreter_prefix, self.venv, self.nlpcourse]
        return [path for path in dict.fromkeys(paths) if path]


def worker_files() -> list[Path]:
    here = Path(__file__).resolve().parent
    return [here / name for name in WORKER_FILES]


def python_executable() -> str:
    # The venv's interpreter, so site-packages (numpy, torch) are found inside the sandbox too.
    return os.path.join(sys.prefix, "bin", "python") if sys.prefix != sys.base_prefix \
        else sysconfig.get_config_var("BINDIR") + "/python3"


def worker_argv(grader_dir: str, limits: Limits, device: str, channel: tuple[int, int]) -> list[str]:
    """The worker's command line; `channel` is the (requests, answers) pipe fd pair it inherits."""
    return [python_executable(), "-E", "-s", "-u", f"{grader_dir}/worker.py",
            f"--submission={grader_dir}/submission.py", f"--device={device}",
            f"--channel={channel[0]},{channel[1]}", *limits.as_args()]


def bwrap_command(job_dir: Path, limits: Limits, device: str, mounts: Mounts,
                  channel: tuple[int, int], program: list[str] | None = None) -> list[str]:
    """bubblewrap argv that runs the worker; `job_dir` holds the worker files and submission."""
    command = ["bwrap", "--die-with-parent", "--new-session", "--clearenv",
               "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
               "--unshare-cgroup-try", "--hostname", "sandbox", "--proc", "/proc", "--dev", "/dev",
               "--size", str(limits.tmp_mb * 1024 * 1024), "--perms", "1777", "--tmpfs", "/tmp"]
    for path in SYSTEM_DIRS:
        if os.path.islink(path):
            command += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            command += ["--ro-bind", path, path]
    for path in SYSTEM_FILES:
        if os.path.exists(path):
            command += ["--ro-bind", path, path]
    if device == "cuda":
        for node in sorted(Path("/dev").glob("nvidia*")):
            command += ["--dev-bind", str(node), str(node)]
    binds = [(path, path) for path in mounts.read_only()]
    binds += [(str(job_dir / name), f"{GRADER_DIR}/{name}") for name in (*WORKER_FILES, "submission.py")]
    created = set()
    for source, target in binds:
        # bwrap creates missing parents as 0700 root dirs that uid nobody cannot traverse.
        for parent in reversed(Path(target).parents):
            if str(parent) != "/" and str(parent) not in created:
                created.add(str(parent))
                command += ["--perms", "0755", "--dir", str(parent)]
        command += ["--ro-bind", source, target]
    command += ["--chdir", "/tmp"]
    for name, value in WORKER_ENV.items():
        command += ["--setenv", name, value]
    return command + _drop_to_nobody("bwrap") + (program or worker_argv(GRADER_DIR, limits, device,
                                                                        channel))


def _drop_to_nobody(kind: str) -> list[str]:
    if os.geteuid() == 0:
        # Root: keep only the capabilities setpriv needs to become the real uid nobody, which then
        # drops every capability for good.
        prefix = ["--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"] \
            if kind == "bwrap" else []
        # Changing uid clears the parent-death signal that makes the worker die with the grading
        # process; bwrap's own init still carries it, the unshare fallback's worker gets it back here.
        again = ["--pdeathsig=KILL"] if kind == "unshare" else []
        return prefix + ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
                         "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", *again]
    # Unprivileged: a user namespace maps our uid to nobody inside; no capability survives.
    return ["--unshare-user", "--uid", str(NOBODY), "--gid", str(NOBODY), "--cap-drop", "ALL"] \
        if kind == "bwrap" else []


def unshare_command(job_dir: Path, limits: Limits, device: str, mounts: Mounts,
                    channel: tuple[int, int], program: list[str] | None = None) -> list[str]:
    """Fallback without bwrap: new mount/PID/net/IPC namespaces, then a shell step that covers the
    checkout, home directories and /tmp with tmpfs, re-exposes what the worker needs read-only at
    the same paths, and drops to uid nobody. Weaker than bwrap: the rest of the host file system
    stays visible (read-only to uid nobody by its permissions, not by a read-only mount)."""
    covered = {Path(p).resolve() for p in (os.getcwd(), "/root", "/home", "/tmp", "/work")
               if os.path.isdir(p)}
    # Covering a folder covers what is inside it; a second tmpfs inside would have no mount point.
    hidden = sorted(str(p) for p in covered if not any(o in p.parents for o in covered))
    keep = mounts.read_only() + [str(job_dir)]
    stage = "/run" if os.path.isdir("/run") else "/mnt"
    # Stage what must stay visible on a private tmpfs first: covering a parent also covers it.
    lines = ["set -e", "mount --make-rprivate /", f"mount -t tmpfs -o size=1m tmpfs {stage}"]
    for index, path in enumerate(keep):
        lines += [f"mkdir -p {stage}/{index}", f"mount --rbind {_quote(path)} {stage}/{index}"]
    for path in hidden:
        size = limits.tmp_mb if path == "/tmp" else 1
        lines += [f"mount -t tmpfs -o mode=1777,size={size}m tmpfs {_quote(path)}"]
    for index, path in enumerate(keep):
        lines += [f"mkdir -p {_quote(path)}", f"mount --rbind {stage}/{index} {_quote(path)}",
                  f"mount -o remount,bind,ro {_quote(path)}"]
    lines += [f"umount -l {stage}", "cd /tmp",
              "exec " + " ".join(_quote(arg) for arg in
                                 ["/usr/bin/env", "-i", *(f"{name}={value}" for name, value in WORKER_ENV.items()),
                                  *_drop_to_nobody("unshare"),
                                  *(program or worker_argv(str(job_dir), limits, device, channel))])]
    user = [] if os.geteuid() == 0 else ["--user", "--map-root-user"]
    # unshare dies with the process that started it (a grading process killed at its deadline), and
    # takes the worker with it: the worker (the namespace's PID 1) has unshare as its parent.
    return ["setpriv", "--pdeathsig=KILL", "unshare", *user, "--mount", "--pid", "--net", "--ipc", "--uts",
            "--fork", "--kill-child", "--mount-proc", "sh", "-c", "\n".join(lines)]


def _quote(arg: str) -> str:
    return "'" + arg.replace("'", "'\\''") + "'"


def unsafe_command(job_dir: Path, limits: Limits, device: str, mounts: Mounts,
                   channel: tuple[int, int], program: list[str] | None = None) -> list[str]:
    """No isolation at all: the worker is still a separate process with rlimits and the sandboxes'
    environment (WORKER_ENV: one BLAS thread, so CPU budgets mean what they mean under isolation)."""
    return ["/usr/bin/env", "-i", *(f"{name}={value}" for name, value in WORKER_ENV.items()),
            *(program or worker_argv(str(job_dir), limits, device, channel))]


BUILDERS = {"bwrap": bwrap_command, "unshare": unshare_command, "none": unsafe_command}


@functools.lru_cache(maxsize=None)
def _works(kind: str) -> bool:
    """Probe: can this isolation set up its namespaces and mounts and drop privileges here?
    (It runs `true` where the worker would run, so the probe costs milliseconds, not a Python.)"""
    if shutil.which(kind) is None or shutil.which("setpriv") is None:
        return False
    with tempfile.TemporaryDirectory() as directory:
        job = Path(directory)
        os.chmod(job, 0o755)
        for name in (*WORKER_FILES, "submission.py"):
            (job / name).write_text("")
        command = BUILDERS[kind](job, Limits(), "cpu", Mounts.discover(), (0, 1),
                                 program=["/usr/bin/true"])
        try:
            return subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True,
                                  timeout=60).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            return False


def choose_mode(unsafe_no_sandbox: bool = False, prefer: str | None = None) -> str:
    """"bwrap", "unshare", or "none" (only with unsafe_no_sandbox); `prefer` forces one kind."""
    kinds = [prefer] if prefer else ["bwrap", "unshare"]
    for kind in kinds:
        if kind != "none" and _works(kind):
            return kind
    if unsafe_no_sandbox:
        return "none"
    raise SandboxUnavailable(
        f"no sandbox works here ({' or '.join(kinds)} failed): install bubblewrap "
        "(apt-get install bubblewrap) or pass --unsafe-no-sandbox to grade WITHOUT isolation")
