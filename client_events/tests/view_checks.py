"""What a form shows a user, evaluated on the server as the web client would.

Shared by the addons' tests and the user-path check: the values of a record
as the form holds them, a view expression (``invisible``, a field's
``domain``) evaluated on them, and the records a Many2one picker offers.
"""

import re

from lxml import etree

from odoo.tools.safe_eval import safe_eval

UNKNOWN_NAME = re.compile(r"name '(\w+)' is not defined")


def form_values(record_or_model, fields):
    """The values a form holds: a saved record's, or a new record's defaults.

    Relations are given as ids (a list of ids for x2many), as expressions use them.
    """
    model = record_or_model.browse()
    spec = {name: {} for name in fields if name in model._fields}
    if record_or_model:
        values = record_or_model.web_read(spec)[0]
    else:
        values = model.onchange({}, [], spec)["value"]
    for name, value in values.items():
        field = model._fields.get(name)
        if field is None:
            continue
        if field.type == "many2one":
            values[name] = value["id"] if isinstance(value, dict) else value or False
        elif field.type in ("one2many", "many2many"):
            values[name] = [v["id"] if isinstance(v, dict) else v for v in value or []]
    return values


def eval_expr(expression, values, env, parent=None):
    """Evaluate a view expression (a domain, a modifier) on a form's values.

    A name the form does not hold is False, as for the web client, which adds
    every field an expression names to the form it loads.
    """
    names = {
        "context": dict(env.context),
        "uid": env.uid,
        "allowed_company_ids": env.companies.ids,
        "current_company_id": env.company.id,
        "parent": _Namespace(parent or {}),
        **values,
    }
    for _attempt in range(20):
        try:
            return safe_eval(expression, names)
        except (NameError, ValueError) as error:  # safe_eval wraps the NameError
            missing = UNKNOWN_NAME.search(str(error))
            if not missing:
                raise
            names[missing.group(1)] = False
    raise AssertionError(f"cannot evaluate {expression!r}")


def picker_domain(model, fname, values, arch_node=None):
    """The domain a Many2one picker searches with on this form."""
    domain = arch_node.get("domain") if arch_node is not None else None
    if not domain:
        domain = model.fields_get([fname], ["domain"])[fname].get("domain") or []
    if isinstance(domain, str):
        domain = eval_expr(domain, values, model.env)
    return domain


def picker_offers(model, fname, values, arch_node=None, limit=8):
    """The records the picker of ``fname`` offers the form's user."""
    comodel = model.env[model._fields[fname].comodel_name]
    domain = picker_domain(model, fname, values, arch_node)
    return comodel.search(domain, limit=limit)


def form_arch(model, view_id=False):
    return etree.fromstring(model.get_views([(view_id, "form")])["views"]["form"]["arch"])


def is_visible(node, values, env):
    """Whether the node and all its ancestors show on a form with these values."""
    for element in [node, *node.iterancestors()]:
        invisible = element.get("invisible") or element.get("column_invisible")
        if invisible and invisible not in ("0", "False", "false"):
            if invisible in ("1", "True", "true") or eval_expr(invisible, values, env):
                return False
    return True


class _Namespace(dict):
    """``parent.field`` in a subview's expression."""

    def __getattr__(self, name):
        return self.get(name, False)
