"""Project-level checks that need no Odoo: manifests, data files, views, access rules.

They catch early, in seconds, what would otherwise only show when Odoo
installs the addons.
"""

import ast
import csv
import re
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ["client_events", "event_evaluation", "big_account"]
EXPECTED_DEPENDS = {
    "client_events": {"event", "event_crm", "crm", "mail"},
    "event_evaluation": {"client_events", "survey"},
    "big_account": {"event_evaluation", "crm"},
}
MODEL_NAME = re.compile(r"^\s*_name\s*=\s*[\"']([\w.]+)[\"']", re.MULTILINE)
ABSTRACT = re.compile(r"models\.AbstractModel")


def manifest(addon):
    return ast.literal_eval((ROOT / addon / "__manifest__.py").read_text())


def xml_files():
    return sorted(p for addon in ADDONS for p in (ROOT / addon).rglob("*.xml"))


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest(addon):
    data = manifest(addon)
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", data["version"]), data["version"]
    assert data["license"] == "LGPL-3"
    assert data["installable"] is True
    assert data["summary"].strip() and data["description"].strip()
    assert EXPECTED_DEPENDS[addon] <= set(data["depends"])


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_files_exist_and_are_all_listed(addon):
    data = manifest(addon)
    listed = data.get("data", []) + data.get("demo", [])
    for name in listed:
        assert (ROOT / addon / name).is_file(), f"{addon}: {name} is listed but missing"
    on_disk = {
        str(p.relative_to(ROOT / addon))
        for folder in ("data", "demo", "security", "views", "wizard", "report")
        for p in (ROOT / addon / folder).glob("*")
        if p.suffix in (".xml", ".csv")
    }
    assert on_disk <= set(listed), f"{addon}: not in the manifest: {on_disk - set(listed)}"
    twice = {name for name in listed if listed.count(name) > 1}
    assert not twice, f"{addon}: listed twice in the manifest (Odoo warns): {twice}"


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_data_order(addon):
    """Groups, then access rules, then everything else, menus last (house style)."""
    files = manifest(addon).get("data", [])
    assert files[0].startswith("security/") and files[0].endswith(".xml")
    assert files[1] == "security/ir.model.access.csv"
    menus = [i for i, f in enumerate(files) if f.endswith("_menus.xml")]
    assert menus and menus[-1] == len(files) - 1, f"{addon}: menus must load last"


@pytest.mark.parametrize("path", xml_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_xml_parses_and_uses_18_syntax(path):
    tree = etree.parse(str(path))
    text = path.read_text()
    assert "<tree" not in text, "Odoo 18 views use <list>, not <tree>"
    for attribute in ("attrs", "states"):
        found = tree.xpath(f"//*[@{attribute}]")
        assert not found, f"Odoo 18 removed the {attribute}= attribute: use invisible=/readonly="


@pytest.mark.parametrize("addon", ADDONS)
def test_every_model_has_access_rules(addon):
    """Every concrete model an addon creates has rows in its ir.model.access.csv."""
    created = set()
    for path in (ROOT / addon).rglob("*.py"):
        if "tests" in path.parts:
            continue
        source = path.read_text()
        for class_source in re.split(r"\nclass ", source)[1:]:
            found = MODEL_NAME.search(class_source)
            header = class_source.split("\n", 1)[0]
            if found and not ABSTRACT.search(header):
                created.add(found.group(1))
    with (ROOT / addon / "security" / "ir.model.access.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    covered = {row["model_id:id"].split(".")[-1] for row in rows}
    for row in rows:
        assert row["group_id:id"], f"{row['id']}: access for everybody, name a group"
    missing = {m for m in created if "model_" + m.replace(".", "_") not in covered}
    assert not missing, f"{addon}: models without access rules: {sorted(missing)}"


@pytest.mark.parametrize("path", xml_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_years_show_without_a_thousands_separator(path):
    """A year is shown as 2026, not 2,026: integer year fields of our views say so."""
    tree = etree.parse(str(path))
    for node in tree.iter("field"):
        shown = (
            node.get("name") == "year"
            and node.getparent().tag != "record"  # a data value, not a view's field
            and node.get("position") is None
            and not any(parent.tag == "search" for parent in node.iterancestors())
        )
        if shown:
            assert "'enable_formatting': false" in (node.get("options") or ""), (
                f"{path.name}:{node.sourceline}: add options=\"{{'enable_formatting': false}}\""
            )


def _models_of(path):
    """The models a Python file defines or extends: its classes' ``_name`` (or the
    model their ``_inherit`` extends, when they have no ``_name``)."""
    models = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.ClassDef):
            continue
        attrs = {
            target.id: stmt.value
            for stmt in node.body
            if isinstance(stmt, ast.Assign)
            for target in stmt.targets
            if isinstance(target, ast.Name) and target.id in ("_name", "_inherit")
        }
        value = attrs.get("_name") or attrs.get("_inherit")
        if isinstance(value, ast.List):
            value = value.elts[0]
        if isinstance(value, ast.Constant):
            models.append(value.value)
    return models


@pytest.mark.parametrize("addon", ADDONS)
def test_one_file_per_model(addon):
    """Each model is defined or extended in exactly one file of the addon, named after
    it (``event.budget.line`` in ``event_budget_line.py``), as in Odoo's own addons."""
    homes = {}
    for path in sorted((ROOT / addon).glob("*/*.py")):
        if path.parent.name not in ("models", "wizard", "report"):
            continue
        for model in _models_of(path):
            homes.setdefault(model, []).append(path.relative_to(ROOT / addon))
    for model, paths in homes.items():
        assert len(paths) == 1, f"{addon}: {model} is written in {paths}"
        assert paths[0].stem == model.replace(".", "_"), f"{addon}: {model} is in {paths[0]}"


@pytest.mark.parametrize("addon", ADDONS)
def test_one_view_file_per_model(addon):
    """The views of a model live in ``views/<model>_views.xml`` (QWeb templates in
    ``views/<model>_templates.xml``, wizards beside their model); the form of a model
    of another addon is inherited once."""
    inherited = {}
    for path in sorted(
        [*(ROOT / addon / "views").glob("*.xml"), *(ROOT / addon / "wizard").glob("*.xml")]
    ):
        tree = etree.parse(str(path))
        for record in tree.iterfind("record[@model='ir.ui.view']"):
            model = record.findtext("field[@name='model']")
            expected = f"{model.replace('.', '_')}_views.xml"
            assert path.name == expected, f"{addon}: a view of {model} is in {path.name}"
            parent = record.find("field[@name='inherit_id']")
            if parent is not None and not parent.get("ref", "").startswith(f"{addon}."):
                inherited.setdefault(parent.get("ref"), []).append(record.get("id"))
        if tree.find("template") is not None:
            assert path.name.endswith("_templates.xml"), f"{addon}: templates in {path.name}"
        assert path.name.endswith(("_views.xml", "_templates.xml", "_menus.xml")), path.name
    twice = {ref: ids for ref, ids in inherited.items() if len(ids) > 1}
    assert not twice, f"{addon}: views inherited more than once: {twice}"


@pytest.mark.parametrize("addon", ADDONS)
def test_translated_messages_can_be_extracted(addon):
    """Odoo extracts the terms of ``_()`` with babel, which evaluates the call's
    arguments as literals: an f-string among them makes it skip the whole file."""
    unreadable = []
    for path in sorted((ROOT / addon).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_"):
                continue
            arguments = [*node.args, *(keyword.value for keyword in node.keywords)]
            if any(isinstance(sub, ast.JoinedStr) for arg in arguments for sub in ast.walk(arg)):
                unreadable.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not unreadable, f"f-strings in the arguments of _(): {unreadable}"


@pytest.mark.parametrize("addon", ADDONS)
def test_no_method_defined_twice_in_a_class(addon):
    """A second definition silently replaces the first: one of them is dead code."""
    twice = []
    for path in sorted((ROOT / addon).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ClassDef):
                names = [item.name for item in node.body if isinstance(item, ast.FunctionDef)]
                twice += [
                    f"{path.relative_to(ROOT)}: {node.name}.{name}"
                    for name in sorted({name for name in names if names.count(name) > 1})
                ]
    assert not twice, f"methods defined twice: {twice}"
