"""The SPARQL endpoint, end to end: a real server in a child process, queried over HTTP by a
standard client, refusing updates, and leaving nothing behind when stopped."""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import sys
import urllib.error
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from kg.cli import main
from kg.serve import ServeError, free_port, serve

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
PREFIXES = """
PREFIX pk: <https://w3id.org/pingan-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
COUNT_PROGRAMS = PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { ?p a pk:Program }"
# The child runs serve() with its default announcement, exactly as the command line will.
CHILD = "import sys; from pathlib import Path; from kg.serve import serve; sys.exit(serve(Path(sys.argv[1]), port=int(sys.argv[2])))"
READY_WAIT_S = 15.0


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    assert main(["build", str(CORPUS), "--out", str(out)]) == 0
    return out


@contextmanager
def running(graph: Path, tmpdir: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """A served graph and its query URL; the child's temporary files go to ``tmpdir`` so that a
    test can see they are removed. The child is always stopped."""
    tmpdir.mkdir()
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(graph), str(port)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(tmpdir)},
    )
    try:
        yield process, read_ready_url(process)
    finally:
        if process.poll() is None:
            process.terminate()  # not kill: serve() must get to stop its own server child
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def read_ready_url(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    readable, _, _ = select.select([process.stdout], [], [], READY_WAIT_S)
    assert readable, "no ready line from the server"
    line = process.stdout.readline()
    assert line.startswith("SPARQL endpoint: http://127.0.0.1:"), line
    assert line.rstrip().endswith("(read-only; Ctrl-C to stop)")
    return line.split()[2]


@pytest.fixture(scope="module")
def endpoint(built, tmp_path_factory) -> Iterator[str]:
    with running(built, tmp_path_factory.mktemp("serve") / "tmp") as (_, url):
        yield url


def select_rows(url: str, query: str) -> list[dict]:
    client = SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(JSON)
    return client.queryAndConvert()["results"]["bindings"]


def test_the_endpoint_answers_sparql_queries(endpoint):
    assert endpoint.endswith("/query")
    [row] = select_rows(endpoint, COUNT_PROGRAMS)
    assert int(row["n"]["value"]) > 0
    rows = select_rows(endpoint, PREFIXES + 'SELECT ?p WHERE { ?p a pk:Program ; rdfs:label "雪亮工程"@zh }')
    assert [r["p"]["value"] for r in rows] == ["https://w3id.org/pingan-kg/id/program/雪亮工程"]


def test_the_endpoint_refuses_updates(endpoint):
    before = select_rows(endpoint, COUNT_PROGRAMS)
    client = SPARQLWrapper(endpoint, updateEndpoint=endpoint.removesuffix("query") + "update")
    client.setMethod(POST)
    client.setQuery(PREFIXES + "INSERT DATA { <urn:x> a pk:Program }")
    with pytest.raises(urllib.error.HTTPError) as refused:
        client.query()
    assert refused.value.code == 403
    assert select_rows(endpoint, COUNT_PROGRAMS) == before


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_a_stop_signal_ends_the_server_cleanly(built, tmp_path, stop):
    tmpdir = tmp_path / "tmp"
    with running(built, tmpdir) as (process, url):
        port = int(url.split(":")[2].split("/")[0])
        assert list(tmpdir.iterdir()), "the store should be in the child's temporary folder"
        process.send_signal(stop)
        assert process.wait(10) == 0
    assert list(tmpdir.iterdir()) == []
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_a_missing_graph_is_a_clear_error(tmp_path):
    with pytest.raises(ServeError, match=r"^no graph at .*/graph\.ttl \(run kg build first\)$"):
        serve(tmp_path)  # a folder that was never built
    with pytest.raises(ServeError, match=r"^no graph at .*/nowhere\.ttl \(run kg build first\)$"):
        serve(tmp_path / "nowhere.ttl")


def test_a_busy_port_is_a_clear_error(built):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        with pytest.raises(ServeError, match=f"cannot listen on 127.0.0.1:{port}"):
            serve(built, port=port)
