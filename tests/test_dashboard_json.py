"""The shipped dashboards ("Client Events", and big_account's complaints) are what
tools/client_events_dashboard.py writes, in the format of Odoo 18.0's own dashboards."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tools" / "client_events_dashboard.py"
DASHBOARDS = [
    ROOT / "event_evaluation" / "data" / "files" / "client_events_dashboard.json",
    ROOT / "big_account" / "data" / "files" / "key_account_complaints_dashboard.json",
]


def test_dashboard_json_is_up_to_date():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("dashboard", DASHBOARDS, ids=lambda path: path.name)
def test_dashboard_json_has_odoo_18_format(dashboard):
    data = json.loads(dashboard.read_text(encoding="utf-8"))
    assert (data["version"], data["odooVersion"]) == (21, 12)
    cells = data["sheets"][0]["cells"]
    for pivot_id, pivot in data["pivots"].items():
        assert pivot["type"] == "ODOO" and pivot["id"] == pivot_id
        assert {"content": f"=PIVOT({pivot_id})"} in cells.values(), pivot["name"]
    filter_ids = {f["id"] for f in data["globalFilters"]}
    for figure in data["sheets"][0]["figures"]:
        assert set(figure["data"]["fieldMatching"]) <= filter_ids
    figures = {figure["id"] for figure in data["sheets"][0]["figures"]}
    assert set(data["chartOdooMenusReferences"]) <= figures
