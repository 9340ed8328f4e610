"""Who may do what: every model of the suite x every role x read/write/create/delete.

This table is the documentation of the access rights (rendered in the README by
``render_markdown``) and the expectation of ``test_access_matrix``: changing a
right means changing this table, and the README with it.

Cells list the operations allowed by the access rights: ``r`` read, ``w`` write,
``c`` create, ``u`` unlink (delete); ``-`` none. Record rules narrow them further
(own company; a key account only for its service team; incidents and daily
wrap-ups written only by the event's execution team; a portal user reads the
complaints of its own company's key account only; a team opinion written only by
its member; an outcome seen by the member it concerns, its owner and the
managers). Key-account roles are salespeople, whom Odoo's Sales makes
registration desk staff of the events (event_sale): they read the client events
their clients attend.
"""

# role: (label in the README, groups of the test user)
ROLES = {
    "employee": ("Employee", "base.group_user"),
    "portal": ("Portal", "base.group_portal"),
    "planner": ("Planner", "client_events.group_planner"),
    "reviewer": ("Internal reviewer", "client_events.group_reviewer"),
    "approver": ("Leadership approver", "client_events.group_approver"),
    "headquarters": ("Headquarters", "client_events.group_headquarters"),
    "executive": ("Marketing VP", "client_events.group_executive"),
    "ce_admin": ("Events administrator", "client_events.group_manager"),
    "evaluator": ("Evaluator", "event_evaluation.group_evaluator"),
    "eval_reviewer": ("Evaluation reviewer", "event_evaluation.group_reviewer"),
    "ka_member": ("Key-account team member", "big_account.group_member"),
    "ka_manager": ("Key-account manager", "big_account.group_manager"),
}

# model: rights of each role, in the order of ROLES
MATRIX = {
    "event.approval.rule": "-    -    r    r    r    r    r    rwcu -    -    -    -",
    "event.approval": "-    -    r    r    r    r    r    r    r    r    r    r",
    "event.budget.category": "-    -    r    r    r    r    r    rwcu r    r    r    r",
    "event.budget.line": "-    -    rwcu rwcu rwcu rwcu rwcu rwcu r    r    r    r",
    "event.promotion.channel": "-    -    r    r    r    r    r    rwcu r    r    r    r",
    "client.segment": "r    -    r    r    r    r    r    rwcu r    r    r    r",
    "event.mail.trace": "-    -    r    r    r    r    r    r    r    r    r    r",
    "event.planning.group": "-    -    rwc  rwc  rwc  rwc  rwc  rwcu r    r    r    r",
    "event.planning.group.member": "-    -    rwcu rwcu rwcu rwcu rwcu rwcu r    r    r    r",
    "event.annual.plan": "-    -    rwc  rwc  rwc  rwc  rwc  rwcu r    r    r    r",
    "event.annual.plan.line": "-    -    rwcu rwcu rwcu rwcu rwcu rwcu r    r    r    r",
    "event.annual.plan.target": "-    -    rwcu rwcu rwcu rwcu rwcu rwcu r    r    r    r",
    "event.annual.plan.target.report": "-    -    r    r    r    r    r    r    r    r    r    r",
    "event.execution.member": "-    -    rwcu rwcu rwcu rwcu rwcu rwcu r    r    r    r",
    "event.agenda.line": "-    -    rwcu rwcu rwcu rwcu rwcu rwcu r    r    r    r",
    "event.prep.task": "-    -    rwcu rwcu rwcu rwcu rwcu rwcu r    r    r    r",
    "event.cost": "-    -    rwcu rwcu rwcu rwcu rwcu rwcu r    r    r    r",
    "event.budget.change": "-    -    rwcu rwcu rwcu rwcu rwcu rwcu r    r    r    r",
    "event.risk.type": "-    -    r    r    r    r    r    rwcu r    r    r    r",
    "event.risk": "-    -    rwcu rwcu rwcu rwcu rwcu rwcu r    r    r    r",
    "event.type.risk": "-    -    r    r    r    r    r    rwcu r    r    r    r",
    "event.type.prep.task": "-    -    r    r    r    r    r    rwcu r    r    r    r",
    "event.target": "-    -    rwcu rwcu rwcu rwcu rwcu rwcu r    r    r    r",
    "event.type.target": "-    -    r    r    r    r    r    rwcu r    r    r    r",
    "event.incident": "-    -    rwcu rwcu rwcu rwcu rwcu rwcu rwc  rwc  rwc  rwc",
    "event.daily.report": "-    -    rwcu rwcu rwcu rwcu rwcu rwcu rw   rw   rw   rw",
    "event.opinion": "-    -    rwc  rwc  rwc  rwc  rwc  rwcu -    -    -    -",
    "event.risk.checkup": "-    -    rwc  rwc  rwc  rwc  rwc  rwcu -    -    -    -",
    "event.approval.decide": "-    -    rwc  rwc  rwc  rwc  rwc  rwc  -    -    -    -",
    "event.invite": "-    -    rwc  rwc  rwc  rwc  rwc  rwc  rwc  rwc  -    -",
    "event.nomination": "-    -    rwcu rwcu rwcu rwcu rwcu rwcu r    r    rwc  rwc",
    "event.lead.generate": "-    -    -    -    -    -    -    -    -    -    rwc  rwc",
    "event.evaluation": "-    -    -    -    -    r    r    r    rwc  rwcu -    -",
    "event.evaluation.line": "-    -    -    -    -    r    r    r    rwcu rwcu -    -",
    "event.evaluation.annual": "-    -    -    -    -    rw   rw   rw   rwc  rwcu -    -",
    "event.research.campaign": "-    -    r    r    r    r    r    r    rwc  rwcu -    -",
    "event.research.answer.report": "-    -    -    -    -    -    -    -    r    r    -    -",
    "event.annual.plan.report": "-    -    -    -    r    r    r    r    r    r    -    -",
    "event.evaluation.report": "-    -    -    -    r    r    r    r    r    r    -    -",
    "event.research.interview": "-    -    -    -    -    -    -    -    rwc  rwc  -    -",
    "event.archive.item": "-    -    rwcu rwcu rwcu rwcu rwcu rwcu rwcu rwcu rwcu rwcu",
    "event.archive.handover": "-    -    rwc  rwc  rwc  rwc  rwc  rwcu rwc  rwcu -    -",
    "event.archive.handover.line": "-    -    rwcu rwcu rwcu rwcu rwcu rwcu rwcu rwcu -    -",
    "event.archive.handover.return": "-    -    -    -    -    rwc  rwc  rwc  -    -    -    -",
    "event.type.evaluation.indicator": "-    -    r    r    r    r    r    rwcu r    r    r    r",
    "big.account": "-    -    -    -    -    -    -    -    -    -    rw   rwcu",
    "big.account.contact": "-    -    -    -    -    -    -    -    -    -    rwcu rwcu",
    "big.account.member": "-    -    -    -    -    -    -    -    -    -    r    rwcu",
    "big.account.communication.plan": (
        "-    -    -    -    -    -    -    -    -    -    rwcu rwcu"
    ),
    "big.account.complaint": "-    r    -    -    -    r    r    r    -    -    rwc  rwcu",
    "big.account.project": "-    -    -    -    -    -    -    -    -    -    rwc  rwcu",
    "big.account.assessment": "-    -    -    -    -    -    -    -    -    -    r    rwcu",
    "big.account.assessment.kpi": "-    -    -    -    -    -    -    -    -    -    r    rwcu",
    "client.care.occasion": "-    -    r    r    r    r    r    rwcu -    -    rwcu rwcu",
    "client.care.log": "-    -    r    r    r    r    r    rwcu -    -    -    -",
    "big.account.care.action": "-    -    -    -    -    -    -    -    -    -    rwc  rwcu",
    "big.account.loyalty.action.type": (
        "-    -    -    -    -    -    -    -    -    -    r    rwcu"
    ),
    "big.account.loyalty.action": "-    -    -    -    -    -    -    -    -    -    rw   rwcu",
    "big.account.complaint.cause": "-    -    -    -    -    -    -    -    -    -    r    rwcu",
    "big.account.assessment.outcome": (
        "-    -    -    -    -    -    -    -    -    -    r    rwcu"
    ),
    "big.account.evaluation.opinion": (
        "-    -    -    -    -    -    -    -    -    -    rwcu rwcu"
    ),
    "big.account.spot.check": "-    -    -    -    -    -    -    -    -    -    -    rwc",
    "big.account.consent.record": "-    -    -    -    -    -    -    -    -    -    rwc  rwc",
    "big.account.project.version": "-    -    -    -    -    -    -    -    -    -    rwcu rwcu",
    "big.account.project.review": "-    -    -    -    -    -    -    -    -    -    rwcu rwcu",
    "big.account.project.cost.line": "-    -    -    -    -    -    -    -    -    -    rwcu rwcu",
    "big.account.project.task": "-    -    -    -    -    -    -    -    -    -    rwcu rwcu",
    "big.account.project.progress": "-    -    -    -    -    -    -    -    -    -    rwc  rwcu",
    "big.account.project.acceptance": (
        "-    r    -    -    -    -    -    -    -    -    rwc  rwcu"
    ),
    "big.account.project.acceptance.line": (
        "-    r    -    -    -    -    -    -    -    -    rwcu rwcu"
    ),
    "big.account.project.acceptance.sign": (
        "-    -    -    -    -    -    -    -    -    -    rwc  rwc"
    ),
}

OPERATIONS = {"r": "read", "w": "write", "c": "create", "u": "unlink"}


def expected_rights(model):
    """{role: set of operations} for a model of MATRIX."""
    cells = MATRIX[model].split()
    return {
        role: {OPERATIONS[letter] for letter in cell if letter != "-"}
        for role, cell in zip(ROLES, cells, strict=True)
    }


def render_markdown():
    """The matrix as a Markdown table, as the README shows it."""
    header = "| model | " + " | ".join(label for label, _groups in ROLES.values()) + " |"
    rule = "| --- |" + " --- |" * len(ROLES)
    lines = [header, rule]
    for model, cells in MATRIX.items():
        lines.append(f"| `{model}` | " + " | ".join(cells.split()) + " |")
    return "\n".join(lines)
