"""Every notebook of notebooks/ runs top to bottom on a fresh build of the bundled corpus, and is
saved clean: no outputs, no execution counts, no paths of the machine it was written on (so a
notebook never carries stale answers and any break shows here first)."""

import json
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
CELL_TIMEOUT_S = 120


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks/*.ipynb"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    assert main(["build", str(CORPUS), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def kernels(tmp_path_factory):
    """A JUPYTER_PATH whose ``python3`` kernel is this interpreter, so the notebooks run in the
    environment under test whatever kernels the user or the system has installed (JUPYTER_PATH
    comes first in the kernel search)."""
    path = tmp_path_factory.mktemp("jupyter")
    spec = path / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (pingan-kg tests)",
        "language": "python",
    }), encoding="utf-8")
    return path


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_saved_clean(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    dirty = [i for i, cell in enumerate(nb.cells)
             if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)]
    assert not dirty, f"{path.name}: clear the outputs of cells {dirty} before saving"
    text = path.read_text(encoding="utf-8")
    for local in {str(ROOT), str(Path.home())}:
        assert local not in text, f"{path.name} names a path of this machine: {local}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_runs(path, built, kernels, monkeypatch):
    monkeypatch.setenv("KG_OUT", str(built))
    monkeypatch.setenv("JUPYTER_PATH", str(kernels))
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="python3", timeout=CELL_TIMEOUT_S,
                            resources={"metadata": {"path": str(NOTEBOOK_DIR)}})
    client.execute()  # raises CellExecutionError, with the cell and its traceback, on the first error

    for i, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            assert output.output_type != "error", f"{path.name} cell {i}: {output.get('ename')}"
            text = output.get("text", "") if output.output_type == "stream" else ""
            # matplotlib warns "Glyph 36149 (\N{CJK UNIFIED IDEOGRAPH-8D35}) missing from font(s) …"
            missing = [line for line in text.splitlines() if "missing from font" in line]
            assert not missing, f"{path.name} cell {i}: Chinese labels do not render: {missing[0]}"
