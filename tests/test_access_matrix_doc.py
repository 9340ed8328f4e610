"""The README shows the access matrix the Odoo suite checks, unchanged."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_matrix():
    path = ROOT / "big_account" / "tests" / "access_matrix.py"
    spec = importlib.util.spec_from_file_location("access_matrix", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_shows_the_access_matrix():
    matrix = load_matrix()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert matrix.render_markdown() in readme, (
        "README.md must show the table of big_account/tests/access_matrix.py: "
        "paste the output of render_markdown() under 'Who may do what'"
    )


def test_every_row_has_a_cell_per_role():
    matrix = load_matrix()
    for model, cells in matrix.MATRIX.items():
        assert len(cells.split()) == len(matrix.ROLES), model
