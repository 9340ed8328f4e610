from datetime import datetime, time, timedelta

from odoo import Command, api, fields, models

# login -> (name, groups); the password of each demo user is its login
DEMO_USERS = {
    "planner": ("Li Na (策划)", ["client_events.group_planner"]),
    "reviewer": ("Wang Fang (内部评审)", ["client_events.group_reviewer"]),
    "approver": ("Zhang Wei (公司领导)", ["client_events.group_approver"]),
    "headquarters": ("Chen Jing (集团客服中心)", ["client_events.group_headquarters"]),
    "vp": ("Liu Yang (营销副总裁)", ["client_events.group_executive"]),
}


DEMO_EVENTS = {
    "autumn": "Autumn Client Seminar: Tax Reform 2026",
    "outdoor": "Summer Outdoor Day (户外拓展)",
    "series": "Year-end Tax Workshop Series",
    "expo": "Winter Finance Expo Booth (展会)",
    "dinner": "Year-end Client Appreciation Dinner (客户答谢会)",
}


class ClientEventsDemo(models.AbstractModel):
    """Builds the demo story through the real workflow, each step as its user.

    Called once from the demo data (a ``<function>`` in a noupdate block), so
    demo records go through the same checks as users' records do.
    """

    _name = "client_events.demo"
    _description = "Client Events Demo Story"

    @api.model
    def _demo_user(self, login, name=None, groups=()):
        """The demo user of that login, created the first time (password = login).

        Demo users carry no xmlid on purpose: uninstalling an addon must not try
        to delete a user that records of other apps still point to.
        """
        user = (
            self.env["res.users"]
            .with_context(active_test=False)
            .search([("login", "=", login)], limit=1)
        )
        if not user:
            name, groups = DEMO_USERS.get(login, (name, groups))
            user = (
                self.env["res.users"]
                .with_context(no_reset_password=True)
                .create(
                    {
                        "name": name,
                        "login": login,
                        "password": login,
                        "email": f"{login}@firm.example.com",
                        "tz": "Asia/Shanghai",
                        # the firm works in Chinese, when the language is loaded
                        "lang": "zh_CN" if self.env["res.lang"]._lang_get("zh_CN") else False,
                        "groups_id": [Command.link(self.env.ref(group).id) for group in groups],
                    }
                )
            )
        return user

    @api.model
    def _demo_event_by_key(self, key):
        """A demo event of the story (they carry no xmlid: see _demo_user)."""
        return self.env["event.event"].search([("name", "=", DEMO_EVENTS[key])], limit=1)

    @api.model
    def _demo_approve_all(self, record, stop_at_group=None):
        """Decide the pending steps with the demo user of each step's group.

        With ``stop_at_group``, the step of that group is left waiting.
        """
        by_group = {
            self.env.ref(groups[0]): self._demo_user(login)
            for login, (_name, groups) in DEMO_USERS.items()
            if login != "planner"
        }
        while record.approval_current_id and record.approval_current_id.group_id != stop_at_group:
            approver = by_group[record.approval_current_id.group_id]
            record.with_user(approver).action_approve(comment="OK")

    @api.model
    def _demo_event(self, name, event_type, begin, days, participants, lines, **values):
        planner = self._demo_user("planner")
        begin = datetime.combine(begin, time(1, 0))  # 9:00 in Shanghai
        vals = {
            "name": name,
            "event_type_id": self.env.ref(f"client_events.{event_type}").id,
            "date_begin": begin,
            "date_end": begin + timedelta(days=days - 1, hours=8),
            "date_tz": "Asia/Shanghai",
            "address_id": self.env.ref("client_events.demo_venue_expo_hall").id,
            "theme": name,
            "target_participant_count": participants,
            "user_id": planner.id,
            # the targets the firm fixes for its events (目标量化)
            "target_ids": [
                Command.create({"indicator": indicator, "target": target})
                for indicator, target in (
                    ("leads", max(participants // 50, 1)),
                    ("sales", participants * 2000),
                    ("satisfaction", 85),
                    ("referrals", max(participants // 20, 1)),
                )
            ],
            "planning_group_id": self.env["event.planning.group"]
            .search([("user_id", "=", planner.id)], limit=1)
            .id,
            # no automatic mails to the demo guests
            "event_mail_ids": [Command.clear()],
            "budget_line_ids": [
                Command.create(
                    {
                        "category_id": self.env.ref(
                            f"client_events.event_budget_category_{category}"
                        ).id,
                        "planned_amount": amount,
                    }
                )
                for category, amount in lines
            ],
            **values,
        }
        return self.env["event.event"].with_user(planner).create(vals)

    @api.model
    def _demo_registrations(self, event, guests, state):
        registrations = self.env["event.registration"].create(
            [
                {"event_id": event.id, "partner_id": guest.id, "name": guest.name}
                for guest in guests
            ]
        )
        if state == "done":
            registrations.write({"state": "done", "date_closed": event.date_begin})
        return registrations

    @api.model
    def _load_demo_story(self):
        """The accounting firm's 2026: plan, proposals in every state, costs, follow-up."""
        for login in DEMO_USERS:
            self._demo_user(login)
        planner = self._demo_user("planner")
        self.env["event.planning.group"].create(
            {"name": "Client Events Planning Group (策划小组)", "user_id": planner.id}
        )
        today = fields.Date.context_today(self)
        year = today.year
        company = self.env.company
        company.write(
            {"large_event_participant_threshold": 300, "large_event_budget_threshold": 200000}
        )
        dates = {
            "autumn": today - timedelta(days=38),
            "outdoor": today - timedelta(days=120),
            "series": today - timedelta(days=1),
            "expo": today + timedelta(days=12),
        }

        def quarter(day):
            return f"q{(day.month - 1) // 3 + 1}" if day.year == year else "q1"

        # the group plan of the year, approved by headquarters and the VP
        plan = (
            self.env["event.annual.plan"]
            .with_user(planner)
            .create(
                {
                    "name": f"Group Client Event Plan {year} (年度客户活动计划)",
                    "year": year,
                    "level": "group",
                    "target_budget": 600000,
                    "line_ids": [
                        Command.create(
                            {
                                "quarter": quarter_code,
                                "name": theme,
                                "event_type_id": self.env.ref(f"client_events.{etype}").id,
                                "planned_budget": budget,
                                "target_participant_count": people,
                            }
                        )
                        for key, theme, etype, budget, people in (
                            ("autumn", "Autumn client seminar", "event_type_seminar", 70000, 150),
                            ("outdoor", "Summer outdoor day", "event_type_outdoor", 80000, 60),
                            ("series", "Year-end workshops", "event_type_seminar", 60000, 120),
                            ("expo", "Finance expo booth", "event_type_exhibition", 150000, 300),
                        )
                        for quarter_code in [quarter(dates[key])]
                    ],
                }
            )
        )
        plan.with_user(planner).action_submit_for_approval()
        self._demo_approve_all(plan)
        # an event realises its plan line when it falls in the plan's year
        by_theme = {line.name: line for line in plan.line_ids}
        plan_lines = {
            "autumn": by_theme["Autumn client seminar"],
            "outdoor": by_theme["Summer outdoor day"],
            "series": by_theme["Year-end workshops"],
            "expo": by_theme["Finance expo booth"],
        }

        def plan_line(key):
            return plan_lines[key].id if dates[key].year == year else False

        # 1. an ended seminar, attended, with costs, leads and a closed account
        autumn = self._demo_event(
            DEMO_EVENTS["autumn"],
            "event_type_seminar",
            dates["autumn"],
            1,
            150,
            [("venue", 30000), ("catering", 20000), ("materials", 8000)],
            annual_plan_line_id=plan_line("autumn"),
        )
        # 2. an ended outdoor day
        outdoor = self._demo_event(
            DEMO_EVENTS["outdoor"],
            "event_type_outdoor",
            dates["outdoor"],
            1,
            60,
            [("travel", 40000), ("catering", 15000)],
            annual_plan_line_id=plan_line("outdoor"),
        )
        outdoor.risk_ids.write({"owner_id": planner.id})
        # 3. a seminar under way (a three-day series), approved, costs recorded
        series = self._demo_event(
            DEMO_EVENTS["series"],
            "event_type_seminar",
            dates["series"],
            3,
            120,
            [("venue", 25000), ("promotion", 10000), ("catering", 15000)],
            annual_plan_line_id=plan_line("series"),
        )
        # 4. an exhibition over budget, with an approved budget change (超支申请)
        expo = self._demo_event(
            DEMO_EVENTS["expo"],
            "event_type_exhibition",
            dates["expo"],
            2,
            250,
            [("venue", 60000), ("materials", 20000)],
            annual_plan_line_id=plan_line("expo"),
        )
        for event in (autumn, outdoor, series, expo):
            event.with_user(planner).action_submit_for_approval()
            self._demo_approve_all(event)
        # 5. a large off-plan dinner waiting for the marketing VP
        dinner = self._demo_event(
            DEMO_EVENTS["dinner"],
            "event_type_appreciation",
            today + timedelta(days=26),
            1,
            400,
            [("venue", 80000), ("catering", 120000), ("gifts", 60000)],
        )
        dinner.risk_ids.write({"owner_id": planner.id})
        dinner.with_user(planner).action_submit_for_approval()
        self._demo_approve_all(dinner, stop_at_group=self.env.ref("client_events.group_executive"))
        # 6. a rejected proposal, and 7. a draft
        lecture = self._demo_event(
            "Wealth Management Lecture",
            "event_type_seminar",
            today + timedelta(days=40),
            1,
            80,
            [("venue", 15000)],
        )
        lecture.with_user(planner).action_submit_for_approval()
        lecture.with_user(self._demo_user("reviewer")).action_reject(
            "The agenda is missing and the venue is too large for 80 guests: revise."
        )
        self._demo_event(
            "New Year Tea Party", "event_type_festival", today + timedelta(days=50), 1, 50, []
        )
        # attendance and follow-up of the ended events
        guests = self.env["res.partner"].search(
            [("email", "!=", False), ("is_company", "=", False)], limit=12
        )
        self._demo_registrations(autumn, guests[:9], "done")
        self._demo_registrations(autumn, guests[9:], "open")
        self._demo_registrations(outdoor, guests[:5], "done")
        autumn.registration_ids[:3].write({"interest_level": "intention"})
        autumn.registration_ids[3:5].write({"interest_level": "interested"})
        self._demo_registrations(series, guests[:6], "done")

        def cost(event, category, amount, days_ago, description):
            line = event.budget_line_ids.filtered(
                lambda budget_line: (
                    budget_line.category_id
                    == self.env.ref(f"client_events.event_budget_category_{category}")
                )
            )
            self.env["event.cost"].with_user(planner).create(
                {
                    "event_id": event.id,
                    "budget_line_id": line.id,
                    "amount": amount,
                    "date": today - timedelta(days=days_ago),
                    "description": description,
                    "partner_id": self.env.ref("client_events.demo_venue_expo_hall").id,
                }
            )

        cost(autumn, "venue", 28000, 40, "Hall rental")
        cost(autumn, "catering", 18500, 38, "Lunch and tea breaks")
        cost(autumn, "materials", 6200, 45, "Printed handbooks")
        cost(outdoor, "travel", 38000, 121, "Coaches and insurance")
        cost(outdoor, "catering", 14000, 120, "Barbecue")
        cost(series, "venue", 8000, 1, "Day 1 room")
        cost(series, "catering", 4500, 1, "Day 1 lunch")
        cost(series, "promotion", 9000, 20, "WeChat campaign")
        cost(expo, "venue", 60000, 5, "Booth space")
        change = (
            self.env["event.budget.change"]
            .with_user(planner)
            .create(
                {
                    "event_id": expo.id,
                    "budget_line_id": expo.budget_line_ids[1].id,
                    "amount": 12000,
                    "reason": "The organiser doubled the price of booth printing.",
                }
            )
        )
        change.with_user(planner).action_submit_for_approval()
        self._demo_approve_all(change)
        cost(expo, "materials", 31000, 2, "Booth printing and brochures")

        # an incident during the series, and closing the autumn seminar
        self.env["event.incident"].with_user(planner).create(
            {
                "event_id": series.id,
                "name": "Projector failed in the morning session",
                "category": "equipment",
                "severity": "major",
                "action_taken": "Spare projector from the hotel within 15 minutes.",
            }
        )
        autumn.with_user(planner).action_close()
        return True
