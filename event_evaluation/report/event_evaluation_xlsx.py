import io

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from odoo import _, fields

from ..models.event_evaluation import RATE_DENOMINATORS
from ..models.event_evaluation_line import (
    COUNT_INDICATORS,
    MONEY_INDICATORS,
    PERCENT_INDICATORS,
)

# (header, field, kind) of the columns of the list export
LIST_COLUMNS = [
    ("event", "event_id", "text"),
    ("end", "date_end", "date"),
    ("registered", "registered_count", "int"),
    ("attended", "attended_count", "int"),
    ("no_show", "no_show_count", "int"),
    ("attendance_rate", "attendance_rate", "percent"),
    ("target_rate", "target_achievement_rate", "percent"),
    ("responses", "response_count", "int"),
    ("response_rate", "response_rate", "percent"),
    ("satisfaction", "satisfaction_score", "score"),
    ("leads", "lead_count", "int"),
    ("won", "won_count", "int"),
    ("won_revenue", "won_revenue", "money"),
    ("invited", "invited_count", "int"),
    ("intentions", "intention_count", "int"),
    ("budget", "budget_amount", "money"),
    ("cost", "cost_amount", "money"),
    ("cost_per_attendee", "cost_per_attendee", "unit_money"),
    ("cost_per_lead", "cost_per_lead", "unit_money"),
    ("roi", "roi", "percent"),
    ("overall", "overall_score", "score"),
    # results that prove the event paid
    ("sales_won", "sales_won_amount", "money"),
    ("sales_target", "sales_target", "money"),
    ("sales_completion", "sales_completion_rate", "percent"),
    ("pipeline_count", "pipeline_count", "int"),
    ("pipeline", "pipeline_amount", "money"),
    ("attendee_clients", "loyalty_attendee_count", "int"),
    ("attendees_before", "loyalty_attendee_before_rate", "percent"),
    ("attendees_after", "loyalty_attendee_after_rate", "percent"),
    ("control_clients", "loyalty_control_count", "int"),
    ("control_before", "loyalty_control_before_rate", "percent"),
    ("control_after", "loyalty_control_after_rate", "percent"),
    ("loyalty_lift", "loyalty_lift", "points"),
    ("referrals", "referral_count", "int"),
    ("referral_rate", "referral_rate", "percent"),
    ("content", "satisfaction_content_score", "score"),
    ("organisation", "satisfaction_organisation_score", "score"),
    ("service", "satisfaction_service_score", "score"),
]
# Totals are sums; averages and per-unit amounts have no meaningful sum.
SUM_KINDS = ("int", "money")
# Decimals kept in the cells, as the PDF report shows them: 81.4 %, a score of 70.5.
ROUNDING = {"percent": 3, "score": 1, "points": 1}


class EvaluationXlsxWriter:
    """Writes evaluations into XLSX workbooks; the data comes from the records."""

    def __init__(self, env):
        self.env = env
        self.workbook = None
        self.money_formats = {}

    def _headers(self):
        return {
            "event": _("Event"),
            "end": _("End"),
            "registered": _("Registered"),
            "attended": _("Attended"),
            "no_show": _("No-shows"),
            "attendance_rate": _("Attendance Rate"),
            "target_rate": _("Target Achievement"),
            "responses": _("Responses"),
            "response_rate": _("Response Rate"),
            "satisfaction": _("Satisfaction"),
            "leads": _("Leads"),
            "won": _("Won"),
            "won_revenue": _("Won Revenue"),
            "invited": _("Invited"),
            "intentions": _("Cooperation Intentions"),
            "budget": _("Budget"),
            "cost": _("Actual Cost"),
            "cost_per_attendee": _("Cost per Attendee"),
            "cost_per_lead": _("Cost per Lead"),
            "roi": _("ROI"),
            "overall": _("Overall Score"),
            "sales_won": _("Sales Won"),
            "sales_target": _("Sales Target"),
            "sales_completion": _("Sales Completion"),
            "pipeline_count": _("Influenced Opportunities"),
            "pipeline": _("Influenced Pipeline"),
            "attendee_clients": _("Attendee Clients"),
            "attendees_before": _("Attendees Active Before"),
            "attendees_after": _("Attendees Active After"),
            "control_clients": _("Control Clients"),
            "control_before": _("Control Active Before"),
            "control_after": _("Control Active After"),
            "loyalty_lift": _("Loyalty Lift (pp)"),
            "referrals": _("Referrals"),
            "referral_rate": _("Referral Rate"),
            "content": _("Content Satisfaction"),
            "organisation": _("Organisation Satisfaction"),
            "service": _("Service Satisfaction"),
        }

    def _formats(self, workbook):
        return {
            "header": workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1}),
            "text": workbook.add_format({}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
            "int": workbook.add_format({"num_format": "#,##0"}),
            "percent": workbook.add_format({"num_format": "0.0%"}),
            "score": workbook.add_format({"num_format": "0.0"}),
            "points": workbook.add_format({"num_format": '0.0 "pp"'}),
            "total": workbook.add_format({"bold": True, "top": 1}),
            "total_int": workbook.add_format({"bold": True, "top": 1, "num_format": "#,##0"}),
            "total_money": workbook.add_format({"bold": True, "top": 1, "num_format": "#,##0.00"}),
        }

    def _new_workbook(self, buffer):
        self.workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        self.money_formats = {}
        return self.workbook

    def _money_format(self, currency, total=False):
        """The cell format of amounts in ``currency``: its symbol, on its side, its decimals."""
        key = (currency.id, total)
        if key not in self.money_formats:
            number = "#,##0"
            if currency.decimal_places > 0:
                number += "." + "0" * currency.decimal_places
            # the symbol quoted: "$", "€", "¥" are text, not format codes
            symbol = (currency.symbol or currency.name or "").replace('"', "")
            if symbol and currency.position == "after":
                number = f'{number} "{symbol}"'
            elif symbol:
                number = f'"{symbol}"{number}'
            else:
                number = "#,##0.00"
            properties = {"num_format": number}
            if total:
                properties.update(bold=True, top=1)
            self.money_formats[key] = self.workbook.add_format(properties)
        return self.money_formats[key]

    def _number(self, value, kind, currency=None):
        """The value written in a cell, rounded as the PDF report shows it."""
        if kind in ("money", "unit_money"):
            return currency.round(value) if currency else value
        if kind in ROUNDING:
            return round(value, ROUNDING[kind])
        return value

    def _write_figure(self, sheet, row, col, value, kind, formats, currency=None):
        if kind in ("money", "unit_money"):
            cell_format = self._money_format(currency)
        else:
            cell_format = formats[kind]
        sheet.write_number(row, col, self._number(value, kind, currency), cell_format)

    def _write_cell(self, sheet, row, col, evaluation, field_name, kind, formats):
        if kind == "text":
            # user text is always text: "=1+1" must not become a formula
            sheet.write_string(row, col, evaluation[field_name].display_name or "")
        elif kind == "date":
            value = evaluation[field_name]
            if value:
                # the day the event ended where it took place, not in UTC
                event = evaluation.with_context(tz=evaluation.event_id.date_tz)
                local = fields.Datetime.context_timestamp(event, value)
                sheet.write_datetime(row, col, local.date(), formats["date"])
            else:
                sheet.write_blank(row, col, None)
        elif field_name in RATE_DENOMINATORS:
            value = evaluation._get_rate(field_name)
            if value is False:
                sheet.write_string(row, col, "—")
            else:
                self._write_figure(sheet, row, col, value, kind, formats, evaluation.currency_id)
        else:
            self._write_figure(
                sheet, row, col, evaluation[field_name], kind, formats, evaluation.currency_id
            )

    def _get_list_xlsx(self, evaluations):
        """One row per evaluation with all metrics, a totals row of formulas and charts."""
        buffer = io.BytesIO()
        workbook = self._new_workbook(buffer)
        formats = self._formats(workbook)
        sheet = workbook.add_worksheet(_("Evaluations"))
        headers = self._headers()
        for col, (key, _field, kind) in enumerate(LIST_COLUMNS):
            sheet.write_string(0, col, headers[key], formats["header"])
            sheet.set_column(col, col, 40 if kind == "text" else max(12, len(headers[key]) + 2))
        sheet.freeze_panes(1, 0)
        for row, evaluation in enumerate(evaluations, start=1):
            for col, (_key, field_name, kind) in enumerate(LIST_COLUMNS):
                self._write_cell(sheet, row, col, evaluation, field_name, kind, formats)
        last = len(evaluations)
        total_row = last + 1
        sheet.write_string(total_row, 0, _("Total"), formats["total"])
        # amounts in several currencies add up to a number without a currency
        currency = evaluations.currency_id if len(evaluations.currency_id) == 1 else None
        total_money = (
            self._money_format(currency, total=True) if currency else formats["total_money"]
        )
        for col, (_key, _field, kind) in enumerate(LIST_COLUMNS):
            if kind in SUM_KINDS and last:
                first_cell = xl_rowcol_to_cell(1, col)
                last_cell = xl_rowcol_to_cell(last, col)
                sheet.write_formula(
                    total_row,
                    col,
                    f"=SUM({first_cell}:{last_cell})",
                    total_money if kind == "money" else formats["total_int"],
                )
        if last:
            self._add_list_charts(workbook, sheet, last)
        if len(evaluations) == 1:
            self._add_indicator_sheet(workbook, evaluations, formats)
        workbook.close()
        return buffer.getvalue()

    def _add_indicator_sheet(self, workbook, evaluation, formats):
        """The indicator table of one evaluation, with its overall score."""
        sheet = workbook.add_worksheet(_("Indicators"))
        headers = [_("Indicator"), _("Description"), _("Target"), _("Actual")]
        headers += [_("Achievement"), _("Weight")]
        for col, header in enumerate(headers):
            sheet.write_string(0, col, header, formats["header"])
            sheet.set_column(col, col, 30 if col < 2 else 14)
        sheet.freeze_panes(1, 0)
        labels = dict(
            self.env["event.evaluation.line"]._fields["indicator"]._description_selection(self.env)
        )
        currency = evaluation.currency_id
        for row, line in enumerate(evaluation.line_ids, start=1):
            sheet.write_string(row, 0, labels[line.indicator])
            sheet.write_string(row, 1, line.name or "")
            # in the indicator's unit, as the PDF report shows them
            if line.indicator in MONEY_INDICATORS:
                kind = "money"
            elif line.indicator in COUNT_INDICATORS:
                kind = "int"
            elif line.indicator in PERCENT_INDICATORS:
                kind = "percent"
            else:
                kind = "score"
            for col, value in ((2, line.target), (3, line.actual)):
                if col == 2 and not value:
                    sheet.write_string(row, col, "—")
                    continue
                if kind == "percent":
                    value /= 100.0
                elif kind == "int":
                    value = round(value)
                self._write_figure(sheet, row, col, value, kind, formats, currency)
            if line._has_achievement():
                self._write_figure(sheet, row, 4, line.achievement / 100.0, "percent", formats)
            else:
                sheet.write_string(row, 4, "—")
            self._write_figure(sheet, row, 5, line.weight, "score", formats)
        row = len(evaluation.line_ids) + 1
        sheet.write_string(row, 0, _("Overall score"), formats["total"])
        self._write_figure(sheet, row, 5, evaluation.overall_score, "score", formats)

    def _add_list_charts(self, workbook, sheet, last):
        columns = {key: col for col, (key, _field, _kind) in enumerate(LIST_COLUMNS)}
        name = sheet.get_name()
        for offset, (title, keys, chart_type) in enumerate(
            [
                (_("Budget vs cost"), ("budget", "cost"), "column"),
                (_("Attendance rate"), ("attendance_rate",), "column"),
                (_("Registered vs attended"), ("registered", "attended"), "column"),
            ]
        ):
            chart = workbook.add_chart({"type": chart_type})
            for key in keys:
                col = columns[key]
                chart.add_series(
                    {
                        "name": [name, 0, col],
                        "categories": [name, 1, 0, last, 0],
                        "values": [name, 1, col, last, col],
                    }
                )
            chart.set_title({"name": title})
            chart_position = xl_rowcol_to_cell(last + 3, offset * 8)
            sheet.insert_chart(chart_position, chart)

    def _get_annual_xlsx(self, report):
        """The yearly report: its figures, events by type and quarter, and a chart."""
        buffer = io.BytesIO()
        workbook = self._new_workbook(buffer)
        formats = self._formats(workbook)
        sheet = workbook.add_worksheet(_("Yearly report"))
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, 5, 14)
        sheet.write_string(0, 0, report.name, formats["header"])
        sheet.freeze_panes(1, 0)
        figures = [
            (_("Events evaluated"), report.event_count, "int"),
            (_("Events planned"), report.planned_count, "int"),
            (_("Registered"), report.registered_count, "int"),
            (_("Attendees"), report.attended_count, "int"),
            (_("Leads"), report.lead_count, "int"),
            (_("Won revenue"), report.won_revenue, "money"),
            (_("Budget"), report.budget_amount, "money"),
            (_("Planned budget"), report.planned_budget, "money"),
            (_("Actual cost"), report.cost_amount, "money"),
            # a Float reads back 0.0 for empty: without cost there is no ROI
            (_("ROI"), report.roi if report.cost_amount else False, "percent"),
            # results: sums, and rates over the events that have their denominator
            (_("Sales won"), report.sales_won_amount, "money"),
            (_("Sales target"), report.sales_target, "money"),
            (
                _("Sales completion"),
                report.sales_completion_rate if report.sales_target else False,
                "percent",
            ),
            (_("Influenced pipeline"), report.pipeline_amount, "money"),
            (
                _("Loyalty lift (pp)"),
                report.loyalty_lift if report.loyalty_event_count else False,
                "points",
            ),
            (_("Referrals"), report.referral_count, "int"),
            (
                _("Referral rate"),
                report.referral_rate if report.registered_count else False,
                "percent",
            ),
            *(
                (
                    label,
                    report[f"satisfaction_{dimension}_score"]
                    if report[f"satisfaction_{dimension}_count"]
                    else False,
                    "score",
                )
                for dimension, label in (
                    ("content", _("Content satisfaction")),
                    ("organisation", _("Organisation satisfaction")),
                    ("service", _("Service satisfaction")),
                )
            ),
        ]
        for row, (label, value, kind) in enumerate(figures, start=2):
            sheet.write_string(row, 0, label)
            if value is False:
                sheet.write_string(row, 1, "—")
            else:
                self._write_figure(sheet, row, 1, value, kind, formats, report.currency_id)
        row = len(figures) + 3
        sheet.write_string(row, 0, _("Event type"), formats["header"])
        quarters = ["1", "2", "3", "4"]
        for col, quarter in enumerate(quarters, start=1):
            sheet.write_string(row, col, f"Q{quarter}", formats["header"])
        sheet.write_string(row, 5, _("Total"), formats["header"])
        table = report._get_type_quarter_table()
        event_types = list(dict.fromkeys(event_type for event_type, _quarter in table))
        first = row + 1
        for row, event_type in enumerate(event_types, start=first):
            # the type's name is user text: always written as text
            sheet.write_string(row, 0, event_type.name or _("No type"))
            for col, quarter in enumerate(quarters, start=1):
                sheet.write_number(row, col, table.get((event_type, quarter), 0), formats["int"])
            sheet.write_formula(
                row,
                5,
                f"=SUM({xl_rowcol_to_cell(row, 1)}:{xl_rowcol_to_cell(row, 4)})",
                formats["total_int"],
            )
        if event_types:
            last = first + len(event_types) - 1
            chart = workbook.add_chart({"type": "column", "subtype": "stacked"})
            for col, quarter in enumerate(quarters, start=1):
                chart.add_series(
                    {
                        "name": f"Q{quarter}",
                        "categories": [sheet.get_name(), first, 0, last, 0],
                        "values": [sheet.get_name(), first, col, last, col],
                    }
                )
            chart.set_title({"name": _("Events by type and quarter")})
            sheet.insert_chart(xl_rowcol_to_cell(last + 2, 0), chart)
        self._write_club_target_sheet(workbook, report, formats)
        self._write_press_sheet(workbook, report, formats)
        workbook.close()
        return buffer.getvalue()

    def _write_club_target_sheet(self, workbook, report, formats):
        """The club's targets of the year's plans against their actuals (会员招募与管理)."""
        sheet = workbook.add_worksheet(_("Club targets"))
        sheet.set_column(0, 1, 34)
        sheet.set_column(2, 5, 14)
        headers = [_("Plan"), _("Target"), _("Period"), _("Planned"), _("Actual"), _("Completion")]
        for col, header in enumerate(headers):
            sheet.write_string(0, col, header, formats["header"])
        sheet.freeze_panes(1, 0)
        kinds = dict(report.club_target_ids._fields["kind"]._description_selection(report.env))
        for row, target in enumerate(report.club_target_ids, start=1):
            sheet.write_string(row, 0, target.plan_id.name or "")
            sheet.write_string(row, 1, kinds.get(target.kind, ""))
            sheet.write_string(row, 2, report._club_target_period(target))
            sheet.write_number(row, 3, target.target_value, formats["int"])
            sheet.write_number(row, 4, target.actual_value, formats["int"])
            sheet.write_string(row, 5, report._format_completion(target))

    def _write_press_sheet(self, workbook, report, formats):
        """The press coverage of the year's events (媒体报道), one article a row."""
        sheet = workbook.add_worksheet(_("Press coverage"))
        sheet.set_column(0, 1, 30)
        sheet.set_column(2, 2, 24)
        sheet.set_column(3, 4, 14)
        sheet.set_column(5, 5, 50)
        headers = [
            _("Event"),
            _("Article"),
            _("Media outlet"),
            _("Published on"),
            _("Reach"),
            _("Link"),
        ]
        for col, header in enumerate(headers):
            sheet.write_string(0, col, header, formats["header"])
        sheet.freeze_panes(1, 0)
        for row, item in enumerate(report.press_item_ids, start=1):
            # outlets, titles and links are user text: always written as text
            sheet.write_string(row, 0, item.event_id.name or "")
            sheet.write_string(row, 1, item.name or "")
            sheet.write_string(row, 2, item.media_outlet or "")
            if item.date_published:
                sheet.write_datetime(row, 3, item.date_published, formats["date"])
            else:
                sheet.write_blank(row, 3, None)
            sheet.write_number(row, 4, item.reach, formats["int"])
            sheet.write_string(row, 5, item.url or "")
        if report.press_item_ids:
            total = len(report.press_item_ids) + 1
            sheet.write_string(total, 0, _("Total reach"), formats["total"])
            sheet.write_formula(
                total,
                4,
                f"=SUM({xl_rowcol_to_cell(1, 4)}:{xl_rowcol_to_cell(total - 1, 4)})",
                formats["total_int"],
                report._get_press_reach(),
            )

    def list_export(self, evaluations):
        """(file name, content) of the workbook of ``evaluations``."""
        # the user's day, not the server's (UTC)
        filename = _("Evaluations %(date)s.xlsx", date=fields.Date.context_today(evaluations))
        return filename, self._get_list_xlsx(evaluations)

    def annual_export(self, report):
        """(file name, content) of the workbook of the yearly ``report``."""
        return f"{report.name}.xlsx", self._get_annual_xlsx(report)
