"""A read-only SPARQL 1.1 Protocol endpoint over a built graph, so that any SPARQL client
(SPARQLWrapper, YASGUI, curl) can query it without loading the Turtle itself.

The server is Oxigraph's own (the ``oxigraph`` executable of the PyPI package of that name): a
complete, standard endpoint rather than a hand-rolled one. The graph is loaded into a throwaway
store that is opened read-only, so the endpoint cannot change it, and removed when it stops.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from kg.query import graph_file

STARTUP_WAIT_S = 30.0
STOP_GRACE_S = 5.0
# A wildcard address cannot be connected to everywhere: probe it through the loopback.
PROBE_HOST = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}


class ServeError(Exception):
    """The endpoint could not start; the message says why, for the command line to print."""


class _Stop(Exception):
    """Raised by the SIGTERM handler so that SIGTERM stops the server the way Ctrl-C does."""


def serve(
    graph: Path,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout_s: int = 30,
    ready: Callable[[str], None] | None = None,
) -> int:
    """Serve ``graph`` (a built output folder or its .ttl file) at ``http://host:port/query``
    until Ctrl-C or SIGTERM, then return 0; if the server dies by itself, return non-zero.

    ``ready`` is called with the query URL once the port accepts connections (else a line saying
    so is printed), which lets a caller wait for the endpoint instead of guessing.
    """
    ttl = graph_file(graph)
    if not ttl.is_file():
        raise ServeError(f"no graph at {ttl} (run kg build first)")
    binary = oxigraph_binary()
    _check_port_free(host, port)
    with _sigterm_raises_stop():
        workdir = Path(tempfile.mkdtemp(prefix="kg-serve-"))
        try:
            store = workdir / "store"
            _load(binary, store, ttl)
            return _run(binary, store, workdir / "oxigraph.log", host, port, timeout_s, ready)
        except (KeyboardInterrupt, _Stop):
            return 0
        finally:
            shutil.rmtree(workdir, ignore_errors=True)


def free_port(host: str = "127.0.0.1") -> int:
    """A port nobody listens on now (the OS picks it), for tests and scripts."""
    with socket.socket(_family(host)) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable installed with the project: the one of this interpreter's
    environment first, so that an activated-or-not venv makes no difference."""
    found = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if found is None:
        raise ServeError("the oxigraph server is not installed: install the project (pip install -e .)")
    return found


def _run(
    binary: str, store: Path, log: Path, host: str, port: int, timeout_s: int, ready: Callable[[str], None] | None
) -> int:
    """Run the server until it dies or a stop is raised; the child always ends with this call.

    Its own process group keeps a terminal's Ctrl-C from reaching it directly, so that only
    this function decides how it stops. Its stderr goes to ``log``, to be shown if it fails.
    """
    bind = _address(host, port)
    with log.open("wb") as err:
        process = subprocess.Popen(
            [binary, "serve-read-only", "--location", str(store), "--bind", bind, "--timeout-s", str(timeout_s)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
            process_group=0,
        )
        try:
            _wait_until_listening(process, host, port, log)
            url = f"http://{bind}/query"
            if ready is not None:
                ready(url)
            else:
                print(f"SPARQL endpoint: {url} (read-only; Ctrl-C to stop)", flush=True)
            code = process.wait()
        finally:
            _stop(process)
    sys.stderr.write(log.read_text(errors="replace"))
    return _failure_code(code)


def _load(binary: str, store: Path, ttl: Path) -> None:
    """Load the Turtle before serving: the store locks its folder while a server has it open."""
    done = subprocess.run(
        [binary, "load", "--location", str(store), "--file", str(ttl)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise ServeError(f"oxigraph could not load {ttl}:\n{done.stderr.strip()}")


def _wait_until_listening(process: subprocess.Popen[bytes], host: str, port: int, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_WAIT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = log.read_text(errors="replace").strip()
            raise ServeError(f"the oxigraph server exited at start (code {process.returncode}):\n{output}")
        with contextlib.suppress(OSError), socket.create_connection((PROBE_HOST.get(host, host), port), timeout=0.5):
            return
        time.sleep(0.05)
    raise ServeError(f"the oxigraph server did not listen on {_address(host, port)} within {STARTUP_WAIT_S:.0f} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate, then kill if it does not end within the grace period."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(STOP_GRACE_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _check_port_free(host: str, port: int) -> None:
    """Fail before starting: otherwise the readiness probe could reach whoever holds the port."""
    with socket.socket(_family(host)) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
        try:
            sock.bind((host, port))
        except OSError as error:
            raise ServeError(f"cannot listen on {_address(host, port)}: {error.strerror or error}") from None


@contextlib.contextmanager
def _sigterm_raises_stop() -> Iterator[None]:
    """Make SIGTERM raise ``_Stop`` for the duration, so the ``finally`` clauses clean up.

    Signal handlers can only be set from the main thread; elsewhere SIGTERM keeps its handler.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a repeat must not interrupt the cleanup
        raise _Stop

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _failure_code(code: int) -> int:
    """The exit code of a server that died by itself, never 0: 128+N for a signal N, as shells do."""
    if code < 0:
        return 128 - code
    return code or 1


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def _address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
