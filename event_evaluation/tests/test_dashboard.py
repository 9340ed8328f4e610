from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import EventEvaluationCommon

PLAN_MEASURES = [
    "planned_event_count",
    "realised_event_count",
    "planned_budget",
    "approved_budget",
    "actual_cost",
]


class DashboardCommon(EventEvaluationCommon):
    """Two regions with an approved plan each, in two quarters: the main company
    (region East) and the North region, whose manager sees his region only.

    ======  =======  ============  ======================================  =========
    region  quarter  plan budget   events                                  realised
    ======  =======  ============  ======================================  =========
    East    Q1       10,000        Seminar E1: budget 6,000, cost 5,000    1
    East    Q2        8,000        Seminar E2: budget 7,000, cost 6,500;   1
                                   Seminar E3: 3,000, not approved
    North   Q1       30,000        Seminar N1: budget 25,000, cost 24,000  1
    North   Q2       20,000        none                                    0
    ======  =======  ============  ======================================  =========

    Evaluations: E1 reviewed (satisfaction 80, ROI 0.5), E2 submitted (90, 1.5),
    N1 reviewed (70, -0.2); the client day's evaluation is a draft and does not count.
    """

    YEAR = 2025

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.east = cls.company
        cls.north = cls.env["res.company"].create({"name": "North Region Co."})
        cls.hq_user.company_ids = [Command.link(cls.north.id)]
        cls.north_manager = new_test_user(
            cls.env,
            login="ce_north_manager",
            name="Nora North",
            groups="client_events.group_approver",
            company_id=cls.north.id,
            company_ids=[Command.set(cls.north.ids)],
        )
        cls.east_plan = cls._approved_plan(cls.east, "group", [("q1", 10000), ("q2", 8000)])
        cls.north_plan = cls._approved_plan(cls.north, "regional", [("q1", 30000), ("q2", 20000)])
        east_q1, east_q2 = cls.east_plan.line_ids
        north_q1 = cls.north_plan.line_ids[0]
        cls.e1 = cls._held_event("Seminar E1", east_q1, datetime(cls.YEAR, 2, 10, 9), 6000, 5000)
        cls.e2 = cls._held_event("Seminar E2", east_q2, datetime(cls.YEAR, 5, 12, 9), 7000, 6500)
        cls.e3 = cls._held_event(
            "Seminar E3", east_q2, datetime(cls.YEAR, 5, 20, 9), 3000, approved=False
        )
        cls.n1 = cls._held_event("Seminar N1", north_q1, datetime(cls.YEAR, 3, 5, 9), 25000, 24000)
        cls._evaluation(cls.e1, "reviewed", satisfaction=80, roi=0.5)
        cls._evaluation(cls.e2, "submitted", satisfaction=90, roi=1.5)
        cls._evaluation(cls.n1, "reviewed", satisfaction=70, roi=-0.2)
        cls._evaluation(cls.event, "draft", satisfaction=100, roi=9)

    @classmethod
    def _approved_plan(cls, company, level, lines, year=None):
        """A plan of ``company`` with a line per (quarter, budget); its approval is a
        given here (the approval chain is tested with the plans)."""
        plan = cls.env["event.annual.plan"].create(
            {
                "name": f"{company.name} {year or cls.YEAR}",
                "year": year or cls.YEAR,
                "level": level,
                "company_id": company.id,
                "line_ids": [
                    Command.create(
                        {
                            "quarter": quarter,
                            "name": f"Seminar {quarter}",
                            "planned_budget": budget,
                        }
                    )
                    for quarter, budget in lines
                ],
            }
        )
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE event_annual_plan SET approval_state = 'approved', state = 'approved' "
            "WHERE id = %s",
            [plan.id],
        )
        cls.env.cr.execute(
            "UPDATE event_annual_plan_line SET approval_state = 'approved', "
            "plan_state = 'approved' WHERE plan_id = %s",
            [plan.id],
        )
        cls.env.invalidate_all()
        return plan

    @classmethod
    def _held_event(cls, name, line, begin, budget, cost=0, approved=True):
        """A seminar of ``line``'s region realising it, with one budget line and,
        when approved, its cost."""
        event = cls.env["event.event"].create(
            {
                "name": name,
                "company_id": line.company_id.id,
                "event_type_id": cls.seminar_type.id,
                "date_begin": begin,
                "date_end": begin.replace(hour=17),
                "date_tz": "UTC",
                "annual_plan_line_id": line.id,
                "budget_line_ids": [
                    Command.create({"category_id": cls.cat_venue.id, "planned_amount": budget})
                ],
            }
        )
        if approved:
            cls._force_approved(event)
        if cost:
            cls.env["event.cost"].create(
                {
                    "event_id": event.id,
                    "budget_line_id": event.budget_line_ids.id,
                    "amount": cost,
                    "description": "Hall",
                }
            )
        return event

    @classmethod
    def _evaluation(cls, event, state, satisfaction, roi):
        evaluation = cls.env["event.evaluation"].create({"event_id": event.id})
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE event_evaluation SET state = %s, satisfaction_score = %s, "
            "response_count = 5, roi = %s WHERE id = %s",
            [state, satisfaction, roi, evaluation.id],
        )
        cls.env.invalidate_all()
        return evaluation

    def _plan_figures(self, user):
        """Plan vs realised per region and quarter, as the dashboard's pivot reads it."""
        groups = (
            self.env["event.annual.plan.report"]
            .with_user(user)
            .read_group(
                [("year", "=", self.YEAR)],
                [f"{name}:sum" for name in PLAN_MEASURES],
                ["company_id", "quarter"],
                lazy=False,
            )
        )
        return {
            (group["company_id"][1], group["quarter"]): tuple(
                group[name] for name in PLAN_MEASURES
            )
            for group in groups
        }

    def _trend_figures(self, user):
        groups = (
            self.env["event.evaluation.report"]
            .with_user(user)
            .read_group(
                [],
                ["evaluation_count:sum", "satisfaction_score:avg", "roi:avg"],
                ["date:quarter"],
                lazy=False,
            )
        )
        return {
            group["date:quarter"]: (
                group["evaluation_count"],
                round(group["satisfaction_score"], 2),
                round(group["roi"], 2),
            )
            for group in groups
        }


@tagged("post_install", "-at_install", "security")
class TestDashboardFigures(DashboardCommon):
    def test_plan_vs_realised_headquarters_sees_every_region(self):
        self.assertEqual(
            self._plan_figures(self.hq_user),
            {
                (self.east.name, "q1"): (1, 1, 10000, 6000, 5000),
                (self.east.name, "q2"): (1, 1, 8000, 7000, 6500),
                ("North Region Co.", "q1"): (1, 1, 30000, 25000, 24000),
                ("North Region Co.", "q2"): (1, 0, 20000, 0, 0),
            },
        )

    def test_plan_vs_realised_region_manager_sees_his_region(self):
        self.assertEqual(
            self._plan_figures(self.north_manager),
            {
                ("North Region Co.", "q1"): (1, 1, 30000, 25000, 24000),
                ("North Region Co.", "q2"): (1, 0, 20000, 0, 0),
            },
        )
        east_row = self.env["event.annual.plan.report"].search(
            [("company_id", "=", self.east.id)], limit=1
        )
        with self.assertRaises(AccessError):
            east_row.with_user(self.north_manager).read(["planned_budget"])

    def test_line_figures_match_the_plan_line(self):
        """The statistics say what the plan line's form says."""
        for line in (self.east_plan | self.north_plan).line_ids:
            row = self.env["event.annual.plan.report"].browse(line.id)
            self.assertEqual(
                (row.approved_budget, row.actual_cost), (line.approved_budget, line.actual_cost)
            )
            self.assertEqual(row.date, date(self.YEAR, int(line.quarter[1]) * 3 - 2, 1))

    def test_unapproved_plan_not_counted(self):
        draft = self.env["event.annual.plan"].create(
            {
                "name": "North draft",
                "year": self.YEAR,
                "level": "regional",
                "company_id": self.north.id,
                "line_ids": [
                    Command.create({"quarter": "q3", "name": "Gala", "planned_budget": 1})
                ],
            }
        )
        self.assertFalse(self.env["event.annual.plan.report"].search([("plan_id", "=", draft.id)]))

    def test_satisfaction_and_roi_per_quarter(self):
        self.assertEqual(
            self._trend_figures(self.hq_user),
            {f"Q1 {self.YEAR}": (2, 75.0, 0.15), f"Q2 {self.YEAR}": (1, 90.0, 1.5)},
        )
        self.assertEqual(
            self._trend_figures(self.north_manager), {f"Q1 {self.YEAR}": (1, 70.0, -0.2)}
        )

    def test_spend_vs_budget_and_events_by_type(self):
        """The event figures come from the events themselves, under their own rules."""
        Event = self.env["event.event"]
        domain = [("approval_required", "=", True), ("approval_state", "=", "approved")]
        spend = {
            (group["company_id"][1], group["date_begin:quarter"]): (
                group["approved_budget_amount"],
                group["cost_amount"],
            )
            for group in Event.with_user(self.hq_user).read_group(
                [*domain, ("date_begin", ">=", date(self.YEAR, 1, 1))],
                ["approved_budget_amount:sum", "cost_amount:sum"],
                ["company_id", "date_begin:quarter"],
                lazy=False,
            )
        }
        self.assertEqual(
            spend,
            {
                (self.east.name, f"Q1 {self.YEAR}"): (6000, 5000),
                (self.east.name, f"Q2 {self.YEAR}"): (7000, 6500),
                ("North Region Co.", f"Q1 {self.YEAR}"): (25000, 24000),
            },
        )
        by_type = Event.with_user(self.north_manager).read_group(
            [("approval_required", "=", True)], ["__count"], ["event_type_id"], lazy=False
        )
        self.assertEqual(
            [(g["event_type_id"][0], g["__count"]) for g in by_type], [(self.seminar_type.id, 1)]
        )

    def test_dashboard_shown_to_headquarters_and_region_managers(self):
        dashboard = self.env.ref("event_evaluation.spreadsheet_dashboard_client_events")
        Dashboard = self.env["spreadsheet.dashboard"]
        for user in (self.hq_user, self.north_manager):
            self.assertIn(dashboard, Dashboard.with_user(user).search([]), user.name)
        self.assertNotIn(dashboard, Dashboard.with_user(self.planner).search([]))

    def test_dashboard_data_as_the_client_reads_it(self):
        """Each pivot of the dashboard, read through the RPC the spreadsheet makes
        (``get_readonly_dashboard``, then ``read_group`` of each pivot's rows and
        columns), gives the figures above; the region's manager gets his region's."""
        dashboard = self.env.ref("event_evaluation.spreadsheet_dashboard_client_events")
        figures = {}
        for user in (self.hq_user, self.north_manager):
            snapshot = dashboard.with_user(user).get_readonly_dashboard()["snapshot"]
            self.assertEqual((snapshot["version"], snapshot["odooVersion"]), (21, 12))
            cells = snapshot["sheets"][0]["cells"]
            for pivot in snapshot["pivots"].values():
                self.assertIn({"content": f"=PIVOT({pivot['id']})"}, cells.values())
                group_by = [
                    f"{dim['fieldName']}:{dim['granularity']}"
                    if "granularity" in dim
                    else dim["fieldName"]
                    for dim in pivot["rows"] + pivot["columns"]
                ]
                measures = [m["fieldName"] for m in pivot["measures"]]
                groups = (
                    self.env[pivot["model"]]
                    .with_user(user)
                    .read_group(
                        pivot["domain"],
                        [
                            m if m == "__count" else f"{m}:{self._aggregator(pivot['model'], m)}"
                            for m in measures
                        ],
                        group_by,
                        lazy=False,
                    )
                )
                figures[user, pivot["name"]] = {
                    tuple(
                        g[key][1] if isinstance(g[key], tuple) else g[key] for key in group_by
                    ): tuple(g[m] for m in measures)
                    for g in groups
                }
        plan = "Plan vs Realised Events per Region and Quarter"
        self.assertEqual(
            figures[self.hq_user, plan],
            {
                (self.east.name, f"Q1 {self.YEAR}"): (1, 1),
                (self.east.name, f"Q2 {self.YEAR}"): (1, 1),
                ("North Region Co.", f"Q1 {self.YEAR}"): (1, 1),
                ("North Region Co.", f"Q2 {self.YEAR}"): (1, 0),
                # the approved plan of 2027 of the common test data: one Q2 line
                (self.east.name, "Q2 2027"): (1, 0),
            },
        )
        self.assertEqual(
            figures[self.north_manager, plan],
            {
                ("North Region Co.", f"Q1 {self.YEAR}"): (1, 1),
                ("North Region Co.", f"Q2 {self.YEAR}"): (1, 0),
            },
        )
        budget = "Planned Budget vs Actual Cost per Region and Quarter"
        self.assertEqual(
            figures[self.north_manager, budget],
            {
                ("North Region Co.", f"Q1 {self.YEAR}"): (30000, 25000, 24000),
                ("North Region Co.", f"Q2 {self.YEAR}"): (20000, 0, 0),
            },
        )
        trend = "Satisfaction and ROI per Quarter"
        self.assertEqual(
            {
                key: tuple(round(v, 2) for v in value)
                for key, value in figures[self.hq_user, trend].items()
            },
            {(f"Q1 {self.YEAR}",): (2, 75.0, 0.15), (f"Q2 {self.YEAR}",): (1, 90.0, 1.5)},
        )
        types = "Client Events by Type and State"
        self.assertEqual(sum(count for (count,) in figures[self.north_manager, types].values()), 1)
        self.assertEqual(sum(count for (count,) in figures[self.hq_user, types].values()), 4)

    def _aggregator(self, model, name):
        return self.env[model]._fields[name].aggregator or "sum"


@tagged("post_install", "-at_install")
class TestDashboardPerformance(DashboardCommon):
    def _read_figures(self):
        self._plan_figures(self.hq_user)
        self._trend_figures(self.hq_user)

    def _add_regions(self, count):
        """``count`` more regions, each with the East region's plan, events and
        evaluations."""
        for index in range(count):
            region = self.env["res.company"].create({"name": f"Region {index}"})
            self.hq_user.company_ids = [Command.link(region.id)]
            plan = self._approved_plan(region, "regional", [("q1", 10000), ("q2", 8000)])
            for line, month in zip(plan.line_ids, (2, 5), strict=True):
                for day in (10, 20):
                    event = self._held_event(
                        f"Seminar {index}-{month}-{day}",
                        line,
                        datetime(self.YEAR, month, day, 9),
                        5000,
                        4000,
                    )
                    self._evaluation(event, "reviewed", satisfaction=80, roi=0.25)

    def _count_figure_queries(self):
        admin_env = self.env
        self.env = admin_env(user=self.hq_user)  # assertQueryCount counts by login
        self._read_figures()  # warm the caches of the rules and the fields
        self.env.invalidate_all()
        with self.assertQueryCount(ce_hq=4):
            self._read_figures()
        self.env = admin_env

    def test_figures_read_in_constant_queries(self):
        """Reading the dashboard's statistics costs as many queries for 10 regions and
        their events as for 1."""
        self._count_figure_queries()
        self._add_regions(9)
        self._count_figure_queries()
        self.assertEqual(len(self._plan_figures(self.hq_user)), 2 * 11)


@tagged("post_install", "-at_install", "event_evaluation_tour")
class TestDashboardTour(HttpCase, DashboardCommon):
    """Headquarters and a region's manager open the dashboard in a browser."""

    YEAR = date.today().year  # the dashboard opens on this year

    def test_dashboard_opens_for_headquarters_and_region_manager(self):
        for user in (self.hq_user, self.north_manager):
            with self.subTest(user=user.login):
                self.start_tour("/odoo/dashboards", "event_evaluation_dashboard", login=user.login)
