#!/usr/bin/env python3
"""Benchmark of the suite at scale, side by side with the physical floor.

    python3 tools/benchmark.py                 # default size, fresh database
    python3 tools/benchmark.py --scale 0.1     # a tenth of it
    python3 tools/benchmark.py --db NAME --reuse   # measure an already seeded database
    python3 tools/benchmark.py --approvals --db NAME  # the approval queue, 100 and 10,000
    python3 tools/benchmark.py --clients --db NAME    # segmenting 5,000 and 50,000 clients

Uses the Odoo 18 that this Python imports (or the interpreter named by
ODOO_PYTHON, which then runs this script); it never fetches or builds Odoo.
PostgreSQL comes from PGHOST, PGPORT, PGUSER, PGPASSWORD (defaults: localhost,
5432, odoo, odoo).

It creates a database with the three addons (no demo data), seeds it with
batched inserts (default: 2,000 events, 200,000 registrations, 20,000 CRM
leads, 20,000 survey responses, 5,000 cost lines, 300 key accounts), then
measures six operations twice: over everything, and over one tenth of it (the
events of a second company, one account in ten). For each: wall time, SQL
queries, and the time of the floor, one hand-written SQL statement returning
the same figures. Every measured operation runs in its own transaction, rolled
back afterwards.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS = "client_events,event_evaluation,big_account"
DEFAULT_SIZE = {
    "events": 2000,
    "registrations": 200_000,
    "leads": 20_000,
    "responses": 20_000,
    "costs": 5000,
    "accounts": 300,
}


def pg_args():
    return [
        f"--db_host={os.environ.get('PGHOST', 'localhost')}",
        f"--db_port={os.environ.get('PGPORT', '5432')}",
        f"--db_user={os.environ.get('PGUSER', 'odoo')}",
        f"--db_password={os.environ.get('PGPASSWORD', 'odoo')}",
    ]


def odoo_or_exit():
    try:
        import odoo  # noqa: F401, PLC0415 - the point is to find out whether it imports
    except ImportError:
        python = os.environ.get("ODOO_PYTHON")
        # Not compared by resolved path: a virtualenv's interpreter resolves to its
        # base Python's file, yet imports the packages of the virtualenv.
        if python and not os.environ.get("CLIENT_EVENTS_BENCHMARK_SWITCHED"):
            os.environ["CLIENT_EVENTS_BENCHMARK_SWITCHED"] = "1"
            os.execv(python, [python, *sys.argv])
        sys.exit(
            "No Odoo 18 importable by this Python: install Odoo 18 into it, or set "
            "ODOO_PYTHON to an interpreter that imports it (see README)."
        )


def addons_path():
    from odoo.tools import config  # noqa: PLC0415 - Odoo is imported once found

    config.parse_config([])
    return ",".join(p for p in [config["addons_path"], str(ROOT)] if p)


def create_database(db):
    print(f"Installing {ADDONS} into {db} (no demo data)...", flush=True)
    started = time.time()
    with tempfile.TemporaryDirectory() as data_dir:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "odoo",
                f"--addons-path={addons_path()}",
                f"--data-dir={data_dir}",
                *pg_args(),
                "-d",
                db,
                "-i",
                ADDONS,
                "--without-demo=all",
                "--stop-after-init",
                "--no-http",
                "--log-level=warn",
            ],
            check=True,
            cwd=tempfile.gettempdir(),
        )
    print(f"  installed in {time.time() - started:.0f}s")


def environment(db):
    import odoo  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config([f"--addons-path={addons_path()}", *pg_args(), "--log-level=warn"])
    registry = odoo.modules.registry.Registry(db)
    cr = registry.cursor()
    return odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})


# ----------------------------------------------------------------------------
# Seeding
# ----------------------------------------------------------------------------


def seed(env, size):
    """Fill the database; ORM where stored computes matter, SQL for the bulk."""
    from odoo import Command  # noqa: PLC0415

    cr = env.cr
    started = time.time()
    year = date.today().year
    main = env.company
    region = env["res.company"].create({"name": "Region B (benchmark)"})
    env.user.company_ids = [Command.link(region.id)]
    seminar = env.ref("client_events.event_type_seminar")
    categories = [
        env.ref("client_events.event_budget_category_venue"),
        env.ref("client_events.event_budget_category_catering"),
    ]
    survey = env["survey.survey"].create({"title": "Benchmark feedback"})

    # events through the ORM (stored totals, mail schedulers), in batches
    events = env["event.event"]
    for start in range(0, size["events"], 500):
        vals_list = []
        for index in range(start, min(start + 500, size["events"])):
            begin = datetime(year, 1 + index % 10, 1 + index % 27, 1, 0)
            vals_list.append(
                {
                    "name": f"Bench event {index}",
                    "event_type_id": seminar.id,
                    "company_id": (region if index % 10 == 0 else main).id,
                    "date_begin": begin,
                    "date_end": begin + timedelta(hours=8),
                    "target_participant_count": 100,
                    "survey_id": survey.id,
                    "event_mail_ids": [Command.clear()],
                    "budget_line_ids": [
                        Command.create({"category_id": c.id, "planned_amount": 60000})
                        for c in categories
                    ],
                }
            )
        events |= events.create(vals_list)
    env.flush_all()
    cr.execute("UPDATE event_event SET approval_state = 'approved' WHERE id IN %s", [events._ids])
    print(f"  {len(events)} events in {time.time() - started:.0f}s", flush=True)

    ids = list(events._ids)
    cr.execute(
        """
        INSERT INTO event_registration
            (event_id, company_id, name, state, date_closed, interest_level, active,
             create_date, write_date)
        SELECT e.id, e.company_id, 'Guest ' || n,
               (ARRAY['done','done','done','open','open','cancel'])[1 + n %% 6],
               CASE WHEN n %% 6 < 3 THEN e.date_begin END,
               (ARRAY['none','none','interested','intention'])[1 + n %% 4],
               true, now(), now()
          FROM generate_series(0, %(count)s - 1) n
          JOIN event_event e ON e.id = (%(ids)s::int[])[1 + n %% %(events)s]
        """,
        {"count": size["registrations"], "ids": ids, "events": len(ids)},
    )
    won_stage = env["crm.stage"].search([("is_won", "=", True)], limit=1)
    open_stage = env["crm.stage"].search([("is_won", "=", False)], limit=1)
    partners = env["res.partner"].create(
        [{"name": f"Account {n}", "is_company": True} for n in range(size["accounts"])]
    )
    contacts = env["res.partner"].create(
        [{"name": f"Contact {n}", "parent_id": p.id} for n, p in enumerate(partners)]
    )
    env.flush_all()
    cr.execute(
        """
        INSERT INTO crm_lead
            (name, type, active, event_id, company_id, stage_id, expected_revenue,
             partner_id, date_closed, create_date, write_date)
        SELECT 'Lead ' || n, 'opportunity', true, e.id, e.company_id,
               CASE WHEN n %% 3 = 0 THEN %(won)s ELSE %(open)s END, 1000 + n %% 50 * 100,
               (%(contacts)s::int[])[1 + n %% %(ncontacts)s],
               CASE WHEN n %% 3 = 0 THEN e.date_end END, now(), now()
          FROM generate_series(0, %(count)s - 1) n
          JOIN event_event e ON e.id = (%(ids)s::int[])[1 + n %% %(events)s]
        """,
        {
            "count": size["leads"],
            "ids": ids,
            "events": len(ids),
            "won": won_stage.id,
            "open": open_stage.id,
            "contacts": list(contacts._ids),
            "ncontacts": len(contacts),
        },
    )
    cr.execute(
        """
        INSERT INTO survey_user_input
            (survey_id, access_token, state, registration_id, event_id, scoring_percentage,
             test_entry, create_date, write_date)
        SELECT %(survey)s, md5(r.id::text || random()::text), 'done', r.id, r.event_id,
               50 + r.id %% 50, false, now(), now()
          FROM event_registration r
         WHERE r.state = 'done'
         ORDER BY r.id
         LIMIT %(count)s
        """,
        {"survey": survey.id, "count": size["responses"]},
    )
    cr.execute(
        """
        INSERT INTO event_cost
            (event_id, budget_line_id, category_id, company_id, currency_id, description,
             date, amount, create_date, write_date)
        SELECT l.event_id, l.id, l.category_id, l.company_id, l.currency_id,
               'Cost ' || n, e.date_begin::date, 10 + n %% 90, now(), now()
          FROM generate_series(0, %(count)s - 1) n
          JOIN event_budget_line l ON l.id = (
                SELECT id FROM event_budget_line ORDER BY id
                OFFSET n %% (SELECT count(*) FROM event_budget_line) LIMIT 1)
          JOIN event_event e ON e.id = l.event_id
        """,
        {"count": size["costs"]},
    )
    recompute_totals(env, events)
    env.flush_all()

    # key accounts with one contact and one team member each
    accounts = env["big.account"].create(
        [{"partner_id": p.id, "influence": 1 + n % 5} for n, p in enumerate(partners)]
    )
    env["big.account.contact"].create(
        [{"account_id": a.id, "partner_id": c.id} for a, c in zip(accounts, contacts, strict=True)]
    )
    env["big.account.member"].create(
        [
            {
                "account_id": a.id,
                "user_id": env.user.id,
                "role": "project_manager",
                "nda_signed_date": date(year, 1, 1),
            }
            for a in accounts
        ]
    )
    cr.execute("UPDATE big_account SET state = 'confirmed' WHERE id IN %s", [accounts._ids])
    # contacts attend events, so that assessments have engagement to count
    cr.execute(
        """
        UPDATE event_registration r SET partner_id = (%(contacts)s::int[])[1 + r.id %% %(n)s]
         WHERE r.id %% 20 = 0
        """,
        {"contacts": list(contacts._ids), "n": len(contacts)},
    )
    # one evaluation per event, with its standard indicators
    env["event.evaluation"].create([{"event_id": event_id} for event_id in ids])
    env.flush_all()
    cr.commit()
    print(
        f"Seeded in {time.time() - started:.0f}s: "
        + ", ".join(f"{v} {k}" for k, v in size.items())
    )
    return region


def recompute_totals(env, events):
    """Operation 6: recompute the stored budget and cost totals of the events."""
    lines = events.budget_line_ids
    for model, records, names in (
        ("event.budget.line", lines, ("approved_amount", "actual_amount")),
        ("event.event", events, ("budget_amount", "cost_amount", "approved_budget_amount")),
    ):
        for name in names:
            env.add_to_compute(env[model]._fields[name], records)
    env.flush_all()


# ----------------------------------------------------------------------------
# Measurements
# ----------------------------------------------------------------------------


def timed(env, function):
    """(seconds, queries) of function(), in a transaction rolled back afterwards."""
    env.invalidate_all()
    cr = env.cr
    before = cr.sql_log_count
    started = time.perf_counter()
    function()
    env.flush_all()
    elapsed = time.perf_counter() - started
    queries = cr.sql_log_count - before
    cr.rollback()
    env.invalidate_all()
    return elapsed, queries


def floor(env, query, params):
    cr = env.cr
    started = time.perf_counter()
    cr.execute(query, params)
    cr.fetchall()
    elapsed = time.perf_counter() - started
    cr.rollback()
    return elapsed


FLOORS = {
    "refresh metrics": """
        WITH reg AS (
            SELECT event_id, count(*) FILTER (WHERE state != 'cancel') AS registered,
                   count(*) FILTER (WHERE state = 'done') AS attended,
                   count(*) FILTER (WHERE invited_date IS NOT NULL) AS invited,
                   count(*) FILTER (WHERE interest_level = 'intention') AS intentions
              FROM event_registration WHERE event_id = ANY(%(events)s) GROUP BY event_id
        ), leads AS (
            SELECT l.event_id, count(*) AS leads, count(*) FILTER (WHERE s.is_won) AS won,
                   sum(l.expected_revenue) FILTER (WHERE s.is_won) AS revenue
              FROM crm_lead l JOIN crm_stage s ON s.id = l.stage_id
             WHERE l.event_id = ANY(%(events)s) GROUP BY l.event_id
        ), answers AS (
            SELECT event_id, count(*) AS responses, avg(scoring_percentage) AS score
              FROM survey_user_input
             WHERE state = 'done' AND NOT test_entry AND event_id = ANY(%(events)s)
             GROUP BY event_id
        )
        SELECT e.id, reg.*, leads.*, answers.*, e.cost_amount, e.budget_amount
          FROM event_event e
          LEFT JOIN reg ON reg.event_id = e.id
          LEFT JOIN leads ON leads.event_id = e.id
          LEFT JOIN answers ON answers.event_id = e.id
         WHERE e.id = ANY(%(events)s)
    """,
    "yearly report": """
        SELECT company_id, date_part('year', date_end), count(*), sum(registered_count),
               sum(attended_count), avg(satisfaction_score), sum(lead_count),
               sum(won_revenue), sum(budget_amount), sum(cost_amount),
               max(overall_score), min(overall_score)
          FROM event_evaluation WHERE company_id = ANY(%(companies)s)
         GROUP BY 1, 2
    """,
    "XLSX export": """
        SELECT v.*, e.name FROM event_evaluation v JOIN event_event e ON e.id = v.event_id
         WHERE v.id = ANY(%(evaluations)s)
    """,
    "event list (80 rows)": """
        SELECT id, name, date_begin, date_end, budget_amount, cost_amount, approval_state
          FROM event_event WHERE company_id = ANY(%(companies)s)
         ORDER BY date_begin, id LIMIT 80
    """,
    "assessments of a quarter": """
        WITH won AS (
            SELECT p.commercial_partner_id AS partner, sum(l.expected_revenue) AS revenue
              FROM crm_lead l JOIN crm_stage s ON s.id = l.stage_id AND s.is_won
              JOIN res_partner p ON p.id = l.partner_id
             GROUP BY 1
        ), attended AS (
            SELECT bc.account_id, count(*) AS events
              FROM event_registration r
              JOIN big_account_contact bc ON bc.partner_id = r.partner_id
             WHERE r.state = 'done' AND bc.account_id = ANY(%(accounts)s)
             GROUP BY 1
        ), complaints AS (
            SELECT account_id, count(*) AS complaints FROM big_account_complaint
             WHERE account_id = ANY(%(accounts)s) GROUP BY 1
        )
        SELECT a.id, won.revenue, attended.events, complaints.complaints
          FROM big_account a
          LEFT JOIN won ON won.partner = a.partner_id
          LEFT JOIN attended ON attended.account_id = a.id
          LEFT JOIN complaints ON complaints.account_id = a.id
         WHERE a.id = ANY(%(accounts)s)
    """,
    "recompute budget and cost totals": """
        SELECT l.event_id, sum(l.planned_amount),
               (SELECT sum(amount) FROM event_cost c WHERE c.event_id = l.event_id)
          FROM event_budget_line l WHERE l.event_id = ANY(%(events)s)
         GROUP BY l.event_id
    """,
}


def measure(env, region):
    from odoo.addons.event_evaluation.report.event_evaluation_xlsx import (  # noqa: PLC0415
        EvaluationXlsxWriter,
    )

    Evaluation = env["event.evaluation"]
    Event = env["event.event"]
    all_events = Event.search([("name", "like", "Bench event")])
    region_events = all_events.filtered(lambda e: e.company_id == region)
    accounts = env["big.account"].search([], order="id")
    tenth_accounts = accounts.filtered(lambda a: a.id % 10 == 0) or accounts[:1]
    today = date.today()
    quarter = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    list_spec = {
        "name": {},
        "date_begin": {},
        "date_end": {},
        "budget_amount": {},
        "cost_amount": {},
        "approval_state": {},
        "stage_id": {"fields": {"display_name": {}}},
    }
    sizes = {
        "all": (all_events, env.companies, accounts),
        "tenth": (region_events, region, tenth_accounts),
    }
    rows = []
    for name, operation in (
        (
            "refresh metrics",
            lambda events, _c, _a: Evaluation.search(
                [("event_id", "in", events.ids)]
            ).action_refresh_metrics(),
        ),
        (
            "yearly report",
            lambda _e, companies, _a: (
                env["event.evaluation.annual"]
                .create([{"year": today.year, "company_id": c.id} for c in companies])
                .read(["event_count", "registered_count", "won_revenue", "best_evaluation_id"])
            ),
        ),
        (
            "XLSX export",
            lambda events, _c, _a: EvaluationXlsxWriter(env)._get_list_xlsx(
                Evaluation.search([("event_id", "in", events.ids)])
            ),
        ),
        (
            "event list (80 rows)",
            lambda _e, companies, _a: Event.with_context(
                allowed_company_ids=companies.ids
            ).web_search_read([("company_id", "in", companies.ids)], list_spec, limit=80),
        ),
        (
            "assessments of a quarter",
            lambda _e, _c, accs: env["big.account.assessment"]._create_for_period(
                "quarter", quarter, accs
            ),
        ),
        (
            "recompute budget and cost totals",
            lambda events, _c, _a: recompute_totals(env, events),
        ),
    ):
        for label, (events, companies, accs) in sizes.items():
            wall, queries = timed(
                env, lambda o=operation, e=events, c=companies, a=accs: o(e, c, a)
            )
            evaluations = Evaluation.search([("event_id", "in", events.ids)])
            floor_wall = floor(
                env,
                FLOORS[name],
                {
                    "events": list(events._ids),
                    "companies": list(companies._ids),
                    "evaluations": list(evaluations._ids),
                    "accounts": list(accs._ids),
                },
            )
            size = {
                "refresh metrics": len(events),
                "yearly report": len(evaluations),
                "XLSX export": len(evaluations),
                "event list (80 rows)": 80,
                "assessments of a quarter": len(accs),
                "recompute budget and cost totals": len(events),
            }[name]
            rows.append((name, label, size, wall, queries, floor_wall))
            print(
                f"  {name:34} {label:5} n={size:<5} {wall:8.3f}s {queries:5} queries "
                f"floor {floor_wall:7.3f}s ratio {wall / floor_wall if floor_wall else 0:6.1f}",
                flush=True,
            )
    return rows


# ----------------------------------------------------------------------------
# The approval queue
# ----------------------------------------------------------------------------


def seed_pending_plans(env, count, submitter):
    """``count`` regional plans waiting for their first step, inserted in SQL."""
    cr = env.cr
    company = env.company
    rule = env.ref("client_events.event_approval_rule_regional_plan_review")
    cr.execute(
        """
        WITH plans AS (
            INSERT INTO event_annual_plan (name, year, level, company_id, state,
                        approval_state, approval_submitted_by_id, approval_submitted_date,
                        target_budget, create_uid, write_uid, create_date, write_date)
            SELECT 'Bench plan ' || n, 2030, 'regional', %(company)s, 'submitted',
                   'submitted', %(uid)s, now(), 1000, 1, 1, now(), now()
              FROM generate_series(1, %(count)s) n
         RETURNING id
        )
        INSERT INTO event_approval (res_model, res_id, rule_id, name, sequence, group_id,
                    state, active, submitted_by_id, waiting_since,
                    create_uid, write_uid, create_date, write_date)
        SELECT 'event.annual.plan', id, %(rule)s, %(name)s, %(sequence)s, %(group)s,
               'pending', TRUE, %(uid)s, now(), 1, 1, now(), now()
          FROM plans
        """,
        {
            "company": company.id,
            "uid": submitter.id,
            "count": count,
            "rule": rule.id,
            "name": f'{{"en_US": "{rule.with_context(lang="en_US").name}"}}',
            "sequence": rule.sequence,
            "group": rule.group_id.id,
        },
    )
    env.invalidate_all()


def measure_approvals(env):
    """Listing 'Waiting for My Approval' and deciding a step, at 100 and 10,000."""
    users = env["res.users"].with_context(no_reset_password=True)
    submitter = users.create(
        {"name": "Bench planner", "login": "bench_planner", "email": "planner@bench.example"}
    )
    approver = users.create(
        {
            "name": "Bench approver",
            "login": "bench_approver",
            "email": "approver@bench.example",
            "groups_id": [(4, env.ref("client_events.group_approver").id)],
        }
    )
    queue = env["event.approval"].with_user(approver)
    spec = {"name": {}, "res_name": {}, "res_summary": {}, "group_id": {}, "state": {}}
    seeded = 0
    for size in (100, 10_000):
        seed_pending_plans(env, size - seeded, submitter)
        seeded = size
        env.cr.commit()
        # as autovacuum would after a bulk load: plans follow the real row counts
        env.cr.execute("ANALYZE event_approval, event_annual_plan")
        for name, operation in (
            (
                "list Waiting for My Approval (80 rows)",
                lambda: queue.web_search_read([("is_my_step", "=", True)], spec, limit=80),
            ),
            (
                "decide one step",
                lambda: (
                    queue.search([("is_my_step", "=", True)], limit=1)
                    ._document()
                    .with_user(approver)
                    .action_approve(comment="ok")
                ),
            ),
        ):
            timed(env, operation)  # warm the caches: what is measured is the queue's own work
            wall, queries = timed(env, operation)
            print(f"  {name:40} pending={size:<6} {wall:8.3f}s {queries:5} queries", flush=True)


# ----------------------------------------------------------------------------
# Client segmentation and invitation lists
# ----------------------------------------------------------------------------

CLIENTS = 50_000


def seed_clients(env, start, count, events, survey, won_stage, open_stage):
    """``count`` client companies (numbered from ``start``), each with one contact, and
    their activity, inserted in SQL: 0 to 3 events attended, one opportunity (won for
    one in three; 150,000 won within the year for one in ten: the key clients), a
    confirmed order for one in ten (half of them of their won opportunity), survey
    answers, a complaint for one in fifty (through a key account), a note in the
    chatter. One in twenty was recorded a month ago, the others in 2020."""
    cr = env.cr
    today = date.today()
    params = {
        "start": start,
        "end": start + count - 1,
        "events": list(events._ids),
        "nevents": len(events),
        "survey": survey.id,
        "won": won_stage.id,
        "open": open_stage.id,
        "company": env.company.id,
        "uid": env.uid,
        "today": today,
    }
    cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, is_company, type, active, email,
                    customer_rank, supplier_rank, autopost_bills, create_date, write_date)
        SELECT 'Client ' || n, 'Client ' || n, true, 'contact', true,
               'client' || n || '@bench.example', n %% 2, 0, 'ask',
               CASE WHEN n %% 20 = 7 THEN %(today)s - 30 ELSE DATE '2020-01-01' END, now()
          FROM generate_series(%(start)s, %(end)s) n;
        UPDATE res_partner SET commercial_partner_id = id
         WHERE commercial_partner_id IS NULL AND is_company AND name LIKE 'Client %%';
        INSERT INTO res_partner (name, complete_name, parent_id, commercial_partner_id,
                    is_company, type, active, email, customer_rank, supplier_rank,
                    autopost_bills, create_date, write_date)
        SELECT 'Guest of ' || p.name, p.name || ', Guest', p.id, p.id, false, 'contact',
               true, 'guest.' || p.email, 0, 0, 'ask', p.create_date, now()
          FROM res_partner p
         WHERE p.is_company AND p.name LIKE 'Client %%'
           AND NOT EXISTS (SELECT 1 FROM res_partner c WHERE c.parent_id = p.id);
        """,
        params,
    )
    # the contact of client n, numbered as its company
    contacts = """
        SELECT c.id AS contact, substr(p.name, 8)::int AS n
          FROM res_partner c JOIN res_partner p ON p.id = c.parent_id
         WHERE p.name LIKE 'Client %%' AND substr(p.name, 8)::int BETWEEN %(start)s AND %(end)s
    """
    cr.execute(
        f"""
        WITH contacts AS ({contacts})
        INSERT INTO event_registration (event_id, company_id, partner_id, name, email, state,
                    date_closed, active, create_date, write_date)
        SELECT e.id, e.company_id, c.contact, 'Guest ' || c.n, 'guest@bench.example', 'done',
               e.date_begin, true, now(), now()
          FROM contacts c
          JOIN generate_series(0, 2) i ON i < c.n %% 4
          JOIN event_event e ON e.id = (%(events)s::int[])[1 + (c.n * 7 + i * 13) %% %(nevents)s];

        WITH contacts AS ({contacts})
        INSERT INTO crm_lead (name, type, active, company_id, stage_id, expected_revenue,
                    probability, partner_id, date_closed, create_date, write_date)
        SELECT 'Deal ' || c.n, 'opportunity', true, %(company)s,
               CASE WHEN c.n %% 10 = 0 OR c.n %% 3 = 1 THEN %(won)s ELSE %(open)s END,
               CASE WHEN c.n %% 10 = 0 THEN 150000 ELSE 1000 + c.n %% 50 * 100 END,
               CASE WHEN c.n %% 10 = 0 OR c.n %% 3 = 1 THEN 100 ELSE 20 END,
               c.contact,
               CASE WHEN c.n %% 10 = 0 THEN %(today)s - c.n %% 300
                    WHEN c.n %% 3 = 1 THEN %(today)s - c.n %% 900 END,
               now(), now()
          FROM contacts c;

        WITH contacts AS ({contacts})
        INSERT INTO sale_order (name, partner_id, partner_invoice_id, partner_shipping_id,
                    company_id, date_order, state, amount_untaxed, amount_total,
                    currency_rate, opportunity_id, create_date, write_date)
        SELECT 'SO-B' || c.n, c.contact, c.contact, c.contact, %(company)s,
               %(today)s - c.n %% 700, 'sale', 2000, 2000, 1,
               CASE WHEN c.n %% 20 = 5 THEN (SELECT id FROM crm_lead l
                                              WHERE l.partner_id = c.contact LIMIT 1) END,
               now(), now()
          FROM contacts c WHERE c.n %% 10 = 5;

        INSERT INTO survey_user_input (survey_id, access_token, state, registration_id,
                    event_id, partner_id, scoring_percentage, test_entry, create_date,
                    write_date)
        SELECT %(survey)s, md5(r.id::text || random()::text), 'done', r.id, r.event_id,
               r.partner_id, 30 + r.id %% 70, false, now(), now()
          FROM event_registration r
          JOIN ({contacts}) c ON c.contact = r.partner_id
         WHERE r.id %% 3 = 0;

        WITH accounts AS (
            INSERT INTO big_account (partner_id, name, company_id, user_id, state, active,
                        create_date, write_date)
            SELECT p.id, p.name, %(company)s, %(uid)s, 'confirmed', true, now(), now()
              FROM res_partner p
             WHERE p.is_company AND p.name LIKE 'Client %%'
               AND substr(p.name, 8)::int BETWEEN %(start)s AND %(end)s
               AND substr(p.name, 8)::int %% 50 = 3
            RETURNING id
        )
        INSERT INTO big_account_complaint (name, account_id, category, channel, severity,
                    state, date_received, description, user_id, create_date, write_date)
        SELECT 'CMP/B/' || id, id, 'service', 'phone', 'low', 'new', %(today)s - id %% 400,
               '<p>Late badges</p>', %(uid)s, now(), now()
          FROM accounts;

        INSERT INTO mail_message (model, res_id, message_type, body, date, author_id,
                    create_date, write_date)
        SELECT 'res.partner', p.id, 'comment', '<p>Called</p>',
               %(today)s - substr(p.name, 8)::int %% 500, 3, now(), now()
          FROM res_partner p
         WHERE p.is_company AND p.name LIKE 'Client %%'
           AND substr(p.name, 8)::int BETWEEN %(start)s AND %(end)s;
        """,
        params,
    )
    cr.execute("ANALYZE res_partner, event_registration, crm_lead, sale_order, mail_message")
    cr.commit()


CLIENT_FLOORS = {
    # the grouped reads of the segmentation, in one statement (it writes nothing)
    "segment every client": """
        WITH attended AS (
            SELECT c.commercial_partner_id AS id, count(DISTINCT r.event_id) AS events,
                   max(r.date_closed) AS last
              FROM event_registration r JOIN res_partner c ON c.id = r.partner_id
             WHERE r.state = 'done' AND r.date_closed >= %(since)s GROUP BY 1
        ), won AS (
            SELECT c.commercial_partner_id AS id, count(*) AS won,
                   sum(l.expected_revenue) AS revenue
              FROM crm_lead l JOIN crm_stage s ON s.id = l.stage_id AND s.is_won
              JOIN res_partner c ON c.id = l.partner_id
             WHERE l.date_closed >= %(since)s GROUP BY 1
        ), orders AS (
            SELECT c.commercial_partner_id AS id, sum(o.amount_untaxed) AS amount
              FROM sale_order o JOIN res_partner c ON c.id = o.partner_id
             WHERE o.state = 'sale' AND o.date_order >= %(since)s GROUP BY 1
        )
        SELECT p.id, attended.*, won.*, orders.*
          FROM res_partner p
          LEFT JOIN attended ON attended.id = p.id
          LEFT JOIN won ON won.id = p.id
          LEFT JOIN orders ON orders.id = p.id
         WHERE p.id = p.commercial_partner_id AND p.customer_rank >= 0
    """,
    "invitation list of a segment": """
        SELECT p.id, p.email FROM res_partner p
         WHERE p.client_segment_id = %(segment)s AND p.email IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM event_registration r
                            WHERE r.event_id = %(event)s AND r.partner_id = p.id
                              AND r.state != 'cancel')
    """,
}


def measure_clients(env, clients):
    """Segmenting every client and building an invitation list from a segment, at a
    tenth of ``clients`` and at ``clients``."""
    from odoo import Command  # noqa: PLC0415

    survey = env["survey.survey"].create({"title": "Benchmark feedback"})
    today = date.today()
    events = env["event.event"].create(
        [
            {
                "name": f"Bench client event {index}",
                "date_begin": datetime(
                    today.year - 2 + index % 3, 1 + index % 12, 1 + index % 27, 9
                ),
                "date_end": datetime(
                    today.year - 2 + index % 3, 1 + index % 12, 1 + index % 27, 17
                ),
                "survey_id": survey.id,
                "event_mail_ids": [Command.clear()],
            }
            for index in range(100)
        ]
    )
    invitation_event = env["event.event"].create(
        {
            "name": "Bench club night",
            "date_begin": datetime(today.year + 1, 6, 1, 18),
            "date_end": datetime(today.year + 1, 6, 1, 22),
            "event_mail_ids": [Command.clear()],
        }
    )
    won_stage = env["crm.stage"].search([("is_won", "=", True)], limit=1)
    open_stage = env["crm.stage"].search([("is_won", "=", False)], limit=1)
    env.flush_all()
    env.cr.commit()
    key = env.ref("client_events.client_segment_key")
    months = env["res.config.settings"]._get_client_segment_months()
    since = today - timedelta(days=round(months * 30.44))
    seeded = 0
    rows = []
    for size in (clients // 10, clients):
        started = time.time()
        seed_clients(env, seeded, size - seeded, events, survey, won_stage, open_stage)
        seeded = size
        print(f"  seeded {size} clients in {time.time() - started:.0f}s", flush=True)

        def segment():
            return env["client.segment"]._segment_clients()

        def invitation_list():
            wizard = env["event.invite"].create(
                {"event_id": invitation_event.id, "segment_ids": [Command.set(key.ids)]}
            )
            return len(wizard.recipient_ids)

        timed(env, segment)  # warm the caches
        wall, queries = timed(env, segment)
        floor_wall = floor(env, CLIENT_FLOORS["segment every client"], {"since": since})
        rows.append(("segment every client", size, wall, queries, floor_wall))
        # the invitation list reads the segments: keep them this time
        env["client.segment"]._segment_clients()
        env.flush_all()
        env.cr.commit()
        # the nightly run on segmented clients whose figures did not change
        wall, queries = timed(env, segment)
        rows.append(("segment again, nothing changed", size, wall, queries, floor_wall))
        recipients = (
            env["event.invite"]
            .create({"event_id": invitation_event.id, "segment_ids": [Command.set(key.ids)]})
            .recipient_ids
        )
        env.cr.rollback()
        wall, queries = timed(env, invitation_list)
        floor_wall = floor(
            env,
            CLIENT_FLOORS["invitation list of a segment"],
            {"segment": key.id, "event": invitation_event.id},
        )
        rows.append(("invitation list of a segment", len(recipients), wall, queries, floor_wall))
        for name, count, wall, queries, floor_wall in rows[-3:]:
            print(
                f"  {name:30} clients={size:<6} n={count:<6} {wall:8.3f}s {queries:5} queries "
                f"floor {floor_wall:7.3f}s ratio {wall / floor_wall if floor_wall else 0:6.1f}",
                flush=True,
            )
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="client_events_bench")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--reuse", action="store_true", help="measure an already seeded db")
    parser.add_argument(
        "--approvals",
        action="store_true",
        help="measure the approval queue at 100 and 10,000 pending steps instead",
    )
    parser.add_argument(
        "--clients",
        action="store_true",
        help="measure the client segmentation and an invitation list at 5,000 and 50,000 "
        "clients (times --scale) instead",
    )
    args = parser.parse_args()
    odoo_or_exit()
    if args.clients:
        create_database(args.db)  # it seeds in rounds between measures: always fresh
        env = environment(args.db)
        try:
            print("Client segmentation and invitation lists:")
            measure_clients(env, max(10, int(CLIENTS * args.scale)))
        finally:
            env.cr.close()
        return
    if args.approvals:
        create_database(args.db)
        env = environment(args.db)
        try:
            print("The approval queue (regional plans waiting for their review):")
            measure_approvals(env)
        finally:
            env.cr.close()
        return
    size = {key: max(1, int(value * args.scale)) for key, value in DEFAULT_SIZE.items()}
    if not args.reuse:
        create_database(args.db)
    env = environment(args.db)
    try:
        if args.reuse:
            region = env["res.company"].search([("name", "=", "Region B (benchmark)")])
        else:
            region = seed(env, size)
        print("Measurements (all data, then one tenth):")
        measure(env, region)
    finally:
        env.cr.close()


if __name__ == "__main__":
    main()
