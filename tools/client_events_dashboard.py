#!/usr/bin/env python3
"""Writes the client events' dashboards of the Dashboards app (spreadsheet_dashboard).

    python3 tools/client_events_dashboard.py            # rewrite the shipped JSON
    python3 tools/client_events_dashboard.py --check    # fail if the JSON is out of date

The dashboard is an o-spreadsheet document in the format of Odoo 18.0's own
dashboards (data version 21, odooVersion 12, as spreadsheet_dashboard_event_sale):
charts at the top, then one block per figure, each a title linking to the
records and a ``=PIVOT(n)`` table whose cells open the records behind them.

One figure is one entry of ``SECTIONS`` (a ``Section``): to add a figure, add an
entry there and run this script. ``DASHBOARDS`` lists the files written: the
"Client Events" dashboard (event_evaluation) and, in the same group, the key
accounts' open complaints (big_account, which depends on event_evaluation: a
spreadsheet may name only models installed before it).
"""

import argparse
import json
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "event_evaluation" / "data" / "files" / "client_events_dashboard.json"
NAMESPACE = uuid.UUID("6f1c2b1e-6d38-4c1b-9d0e-2a4f3b0c5e71")

# Global filters: (key, definition); each pivot and chart says which field they match.
FILTERS = {
    "period": {
        "type": "date",
        "label": "Period",
        "rangeType": "fixedPeriod",
        "defaultValue": "this_year",
        "disabledPeriods": [],
    },
    "region": {
        "type": "relation",
        "label": "Region",
        "modelName": "res.company",
        "defaultValue": [],
        "defaultValueDisplayNames": [],
        "rangeType": "year",
    },
    "event_type": {
        "type": "relation",
        "label": "Event Template",
        "modelName": "event.type",
        "defaultValue": [],
        "defaultValueDisplayNames": [],
        "rangeType": "year",
    },
}

# How each model meets the filters: filter key -> (field chain, field type)
MATCHING = {
    "event.annual.plan.report": {
        "period": ("date", "date"),
        "region": ("company_id", "many2one"),
        "event_type": ("event_type_id", "many2one"),
    },
    "event.evaluation.report": {
        "period": ("date", "date"),
        "region": ("company_id", "many2one"),
        "event_type": ("event_type_id", "many2one"),
    },
    "event.event": {
        "period": ("date_begin", "datetime"),
        "region": ("company_id", "many2one"),
        "event_type": ("event_type_id", "many2one"),
    },
    "event.annual.plan.target.report": {
        "region": ("company_id", "many2one"),
    },
    "event.opinion": {
        "period": ("date", "date"),
        "region": ("company_id", "many2one"),
    },
    "big.account.complaint": {
        "period": ("date_received", "date"),
        "region": ("company_id", "many2one"),
    },
}

# client events only: events of a type that asks for approval
CLIENT_EVENTS = [["approval_required", "=", True]]


@dataclass
class Section:
    """One figure of the dashboard: a titled pivot table."""

    key: str
    title: str
    model: str
    rows: list
    columns: list
    measures: list
    domain: list = field(default_factory=list)
    # xml id of the action opening the records behind a cell (of an addon loaded before
    # event_evaluation's data: the spreadsheet's references are checked on loading);
    # without one, a cell opens the model's default list view
    action: str = ""
    view_type: str = "pivot"


@dataclass
class Chart:
    key: str
    title: str
    model: str
    chart_type: str  # odoo_bar, odoo_line, odoo_pie
    group_by: list
    measure: str
    domain: list = field(default_factory=list)
    stacked: bool = False
    menu: str = ""  # xml id of a menu loaded before event_evaluation's data


PLAN_VS_REALISED = Section(
    key="plan_vs_realised",
    title="Plan vs Realised Events per Region and Quarter",
    model="event.annual.plan.report",
    rows=[{"fieldName": "company_id"}],
    columns=[{"fieldName": "date", "granularity": "quarter"}],
    measures=["planned_event_count", "realised_event_count"],
)
PLAN_BUDGET_VS_COST = Section(
    key="plan_budget_vs_cost",
    title="Planned Budget vs Actual Cost per Region and Quarter",
    model="event.annual.plan.report",
    rows=[{"fieldName": "company_id"}],
    columns=[{"fieldName": "date", "granularity": "quarter"}],
    measures=["planned_budget", "approved_budget", "actual_cost"],
)
SPEND_VS_BUDGET = Section(
    key="spend_vs_budget",
    title="Spend vs Budget of the Approved Events per Region and Quarter",
    model="event.event",
    rows=[{"fieldName": "company_id"}],
    columns=[{"fieldName": "date_begin", "granularity": "quarter"}],
    measures=["approved_budget_amount", "cost_amount"],
    domain=[*CLIENT_EVENTS, ["approval_state", "=", "approved"]],
    action="client_events.event_event_action_budget_cost",
)
EVENTS_BY_TYPE_AND_STATE = Section(
    key="events_by_type_and_state",
    title="Client Events by Type and State",
    model="event.event",
    rows=[{"fieldName": "event_type_id"}],
    columns=[{"fieldName": "stage_id"}],
    measures=["__count"],
    domain=CLIENT_EVENTS,
    action="client_events.event_event_action_client",
)
SATISFACTION_AND_ROI = Section(
    key="satisfaction_and_roi",
    title="Satisfaction and ROI per Quarter",
    model="event.evaluation.report",
    rows=[{"fieldName": "date", "granularity": "quarter"}],
    columns=[],
    measures=["evaluation_count", "satisfaction_score", "roi"],
)
# The plans' club targets (会员招募指标) and what the memberships recorded make of them
CLUB_MEMBERS_VS_TARGET = Section(
    key="club_members_vs_target",
    title="Club Members Recruited vs Target per Region and Quarter",
    model="event.annual.plan.target.report",
    # the group plan's target is the whole group's: on its own row, above the regions'
    rows=[{"fieldName": "level"}, {"fieldName": "company_id"}],
    columns=[{"fieldName": "year"}, {"fieldName": "quarter"}],
    measures=["target_value", "actual_value"],
    domain=[["kind", "=", "members_recruited"]],
    action="client_events.event_annual_plan_target_report_action",
)

# Public opinion (舆情监测): the negative mentions nobody has answered yet
OPEN_NEGATIVE_OPINION = Section(
    key="open_negative_opinion",
    title="Open Negative Opinion per Region and Source",
    model="event.opinion",
    rows=[{"fieldName": "company_id"}],
    columns=[{"fieldName": "source"}],
    measures=["__count", "reach"],
    domain=[["sentiment", "=", "negative"], ["state", "in", ["new", "assigned"]]],
    action="client_events.event_opinion_action_headquarters",
)

SECTIONS = [
    PLAN_VS_REALISED,
    PLAN_BUDGET_VS_COST,
    SPEND_VS_BUDGET,
    EVENTS_BY_TYPE_AND_STATE,
    SATISFACTION_AND_ROI,
    CLUB_MEMBERS_VS_TARGET,
    OPEN_NEGATIVE_OPINION,
]

CHARTS = [
    Chart(
        key="satisfaction_trend",
        title="Satisfaction by Quarter",
        model="event.evaluation.report",
        chart_type="odoo_line",
        group_by=["date:quarter"],
        measure="satisfaction_score",
    ),
    Chart(
        key="roi_trend",
        title="ROI by Quarter",
        model="event.evaluation.report",
        chart_type="odoo_line",
        group_by=["date:quarter"],
        measure="roi",
    ),
    Chart(
        key="events_by_type",
        title="Client Events by Type",
        model="event.event",
        chart_type="odoo_pie",
        group_by=["event_type_id"],
        measure="__count",
        domain=CLIENT_EVENTS,
        menu="client_events.client_events_menu_events",
    ),
    Chart(
        key="cost_by_region",
        title="Actual Cost per Quarter and Region",
        model="event.event",
        chart_type="odoo_bar",
        group_by=["date_begin:quarter", "company_id"],
        measure="cost_amount",
        domain=[*CLIENT_EVENTS, ["approval_state", "=", "approved"]],
        stacked=True,
        menu="client_events.client_events_menu_report_budget_cost",
    ),
]

CHART_WIDTH, CHART_HEIGHT, CHART_GAP = 500, 300, 15
ROW_HEIGHT = 23  # o-spreadsheet's default
ROWS_PER_SECTION = 24  # a title, the table (regions or types + totals), room to grow
# the first figure on top, where the week starts (room for a dozen regions); the charts
# below it, then the other figures
FIRST_SECTION_ROWS = 18
CHART_ROWS = 28  # 2 rows of charts: 2 * (300 + 15) px

# big_account's dashboard beside it, in the same group: the key accounts' open complaints
OPEN_COMPLAINTS = Section(
    key="open_complaints",
    title="Open Complaints per Region and Severity",
    model="big.account.complaint",
    rows=[{"fieldName": "company_id"}],
    columns=[{"fieldName": "severity"}],
    measures=["__count"],
    domain=[["state", "in", ["new", "investigating"]]],
)
OPEN_COMPLAINTS_BY_ACCOUNT = Section(
    key="open_complaints_by_account",
    title="Open Complaints per Key Account and Status",
    model="big.account.complaint",
    rows=[{"fieldName": "account_id"}],
    columns=[{"fieldName": "state"}],
    measures=["__count"],
    domain=[["state", "in", ["new", "investigating"]]],
)
COMPLAINT_CHARTS = [
    Chart(
        key="complaints_by_month",
        title="Complaints Received by Month",
        model="big.account.complaint",
        chart_type="odoo_bar",
        group_by=["date_received:month", "state"],
        measure="__count",
        stacked=True,
    ),
    Chart(
        key="complaints_by_category",
        title="Complaints by Category",
        model="big.account.complaint",
        chart_type="odoo_pie",
        group_by=["category"],
        measure="__count",
    ),
]

# file written -> (figures, charts, filters it offers)
DASHBOARDS = {
    TARGET: (lambda: SECTIONS, lambda: CHARTS, ("period", "region", "event_type")),
    ROOT / "big_account" / "data" / "files" / "key_account_complaints_dashboard.json": (
        lambda: [OPEN_COMPLAINTS, OPEN_COMPLAINTS_BY_ACCOUNT],
        lambda: COMPLAINT_CHARTS,
        ("period", "region"),
    ),
}


def _id(*names):
    return str(uuid.uuid5(NAMESPACE, "/".join(names)))


def _matching(model, filter_ids):
    matching = {}
    for key, (chain, field_type) in MATCHING.get(model, {}).items():
        if key not in filter_ids:
            continue
        entry = {"chain": chain, "type": field_type}
        if field_type in ("date", "datetime"):
            entry["offset"] = 0
        matching[filter_ids[key]] = entry
    return matching


def _cell(col, row):
    """A1 reference of a 0-based column and row."""
    return f"{chr(ord('A') + col)}{row + 1}"


def _view_link(section):
    group_by = [
        f"{dim['fieldName']}:{dim['granularity']}" if "granularity" in dim else dim["fieldName"]
        for dim in section.rows + section.columns
    ]
    view = {
        "viewType": section.view_type,
        "action": {
            "domain": section.domain,
            "context": {
                "group_by": group_by,
                "pivot_measures": section.measures,
                "pivot_row_groupby": group_by[: len(section.rows)],
                "pivot_column_groupby": group_by[len(section.rows) :],
            },
            "modelName": section.model,
            "views": [[False, "pivot"], [False, "graph"], [False, "list"]],
        },
        "threshold": 0,
        "name": section.title,
    }
    return f"[{section.title}](odoo://view/{json.dumps(view, separators=(',', ':'))})"


def build(sections=None, charts=None, filters=tuple(FILTERS)):
    sections = SECTIONS if sections is None else sections
    charts = CHARTS if charts is None else charts
    filter_ids = {key: _id("filter", key) for key in filters}
    cells, styles, borders = {}, {}, {}
    pivots = {}
    for index, section in enumerate(sections, start=1):
        pivot_id = str(index)
        pivot = {
            "type": "ODOO",
            "fieldMatching": _matching(section.model, filter_ids),
            "context": {},
            "domain": section.domain,
            "id": pivot_id,
            "measures": [{"id": name, "fieldName": name} for name in section.measures],
            "model": section.model,
            "name": section.title,
            "sortedColumn": None,
            "formulaId": pivot_id,
            "columns": section.columns,
            "rows": section.rows,
        }
        if section.action:
            pivot["actionXmlId"] = section.action
        pivots[pivot_id] = pivot
        title_row = (
            FIRST_SECTION_ROWS + CHART_ROWS + (index - 2) * ROWS_PER_SECTION if index > 1 else 0
        )
        cells[_cell(0, title_row)] = {"content": _view_link(section)}
        cells[_cell(0, title_row + 1)] = {"content": f"=PIVOT({pivot_id})"}
        styles[_cell(0, title_row)] = 1
        borders[f"{_cell(0, title_row)}:{_cell(4, title_row)}"] = 1
    figures, menus = [], {}
    for index, chart in enumerate(charts):
        figure_id = _id("chart", chart.key)
        data = {
            "title": {"text": chart.title, "bold": True, "color": "#434343"},
            "background": "#FFFFFF",
            "legendPosition": "top"
            if len(chart.group_by) > 1 or "pie" in chart.chart_type
            else "none",
            "metaData": {
                "groupBy": chart.group_by,
                "measure": chart.measure,
                "order": None,
                "resModel": chart.model,
                "mode": chart.chart_type.removeprefix("odoo_"),
            },
            "searchParams": {
                "comparison": None,
                "context": {},
                "domain": chart.domain,
                "groupBy": chart.group_by,
                "orderBy": [],
            },
            "type": chart.chart_type,
            "fieldMatching": _matching(chart.model, filter_ids),
        }
        if chart.chart_type != "odoo_pie":
            data.update(verticalAxisPosition="left", stacked=chart.stacked)
        if chart.chart_type == "odoo_line":
            data.update(fillArea=False, cumulative=False)
        figures.append(
            {
                "id": figure_id,
                "x": (index % 2) * (CHART_WIDTH + CHART_GAP),
                "y": FIRST_SECTION_ROWS * ROW_HEIGHT
                + CHART_GAP
                + (index // 2) * (CHART_HEIGHT + CHART_GAP),
                "width": CHART_WIDTH,
                "height": CHART_HEIGHT,
                "tag": "chart",
                "data": data,
            }
        )
        if chart.menu:
            menus[figure_id] = chart.menu
    row_count = FIRST_SECTION_ROWS + CHART_ROWS + len(sections) * ROWS_PER_SECTION
    sheet = {
        "id": "sheet1",
        "name": "Dashboard",
        "colNumber": 26,
        "rowNumber": row_count,
        "rows": {},
        "cols": {"0": {"size": 220}, **{str(col): {"size": 110} for col in range(1, 26)}},
        "merges": [],
        "cells": dict(sorted(cells.items())),
        "styles": styles,
        "formats": {},
        "borders": borders,
        "conditionalFormats": [],
        "figures": figures,
        "tables": [],
        "areGridLinesVisible": False,
        "isVisible": True,
        "headerGroups": {"ROW": [], "COL": []},
        "dataValidationRules": [],
        "comments": {},
    }
    return {
        "version": 21,
        "sheets": [sheet],
        "styles": {"1": {"textColor": "#01666b", "fontSize": 16, "bold": True}},
        "formats": {},
        "borders": {"1": {"bottom": {"style": "thin", "color": "#CCCCCC"}}},
        "revisionId": "START_REVISION",
        "uniqueFigureIds": True,
        "settings": {
            "locale": {
                "name": "English (US)",
                "code": "en_US",
                "thousandsSeparator": ",",
                "decimalSeparator": ".",
                "dateFormat": "mm/dd/yyyy",
                "timeFormat": "hh:mm:ss",
                "formulaArgSeparator": ",",
                "weekStart": 7,
            }
        },
        "pivots": pivots,
        "pivotNextId": len(pivots) + 1,
        "customTableStyles": {},
        "odooVersion": 12,
        "globalFilters": [{"id": filter_ids[key], **FILTERS[key]} for key in filters],
        "lists": {},
        "listNextId": 1,
        "chartOdooMenusReferences": menus,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the JSON is out of date")
    args = parser.parse_args()
    for target, (sections, charts, filters) in DASHBOARDS.items():
        data = build(sections(), charts(), filters)
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        if args.check:
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                sys.exit(f"{target} is out of date: run {Path(__file__).name}")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
