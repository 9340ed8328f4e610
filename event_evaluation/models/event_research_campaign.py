import base64

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .event_evaluation import format_figure

RESEARCH_CHANNELS = [("online", "Online"), ("phone", "Phone Interview"), ("visit", "Visit")]


class EventResearchCampaign(models.Model):
    """Needs research (需求调研): an Odoo survey sent to segments of clients, with the
    phone and face-to-face interviews recorded as answers of the same survey."""

    _name = "event.research.campaign"
    _description = "Needs Research Campaign"
    _inherit = ["mail.thread", "mail.activity.mixin", "client_events.transition.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _transition_fields = frozenset({"state"})

    name = fields.Char(required=True, tracking=True)
    survey_id = fields.Many2one(
        "survey.survey",
        tracking=True,
        domain=[("survey_type", "in", ("survey", "custom"))],
        help="The questionnaire: sent online to the recipients, and filled in by the "
        "interviewer for a phone call or a visit.",
    )
    segment_ids = fields.Many2many("client.segment", string="Segments")
    manual_partner_ids = fields.Many2many(
        "res.partner",
        "event_research_campaign_manual_partner_rel",
        "campaign_id",
        "partner_id",
        string="Hand-picked Clients",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "event_research_campaign_partner_rel",
        "campaign_id",
        "partner_id",
        string="Recipients",
        compute="_compute_partner_ids",
        store=True,
        help="The clients of the segments and the hand-picked clients; taken again from the "
        "segments when the campaign is sent.",
    )
    recipient_count = fields.Integer(compute="_compute_recipient_count", string="Recipients #")
    client_ids = fields.Many2many(
        "res.partner",
        compute="_compute_client_ids",
        string="Clients",
        help="The clients the recipients are or work for: the segmentation measures clients, "
        "a contact's figures are those of his company.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    date = fields.Date(default=fields.Date.context_today, required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    state = fields.Selection(
        [("draft", "Draft"), ("running", "Running"), ("closed", "Closed")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    user_input_ids = fields.One2many(
        "survey.user_input", "research_campaign_id", string="Answers", readonly=True
    )
    invited_count = fields.Integer(
        compute="_compute_answer_counts",
        string="Invited",
        help="Recipients invited online through the survey's invitation.",
    )
    interview_count = fields.Integer(
        compute="_compute_answer_counts",
        string="Interviews",
        help="Answers recorded by an interviewer, by phone or at a visit.",
    )
    done_count = fields.Integer(
        compute="_compute_answer_counts",
        string="Completed Answers",
        help="Answers completed, whatever their channel.",
    )
    response_rate = fields.Float(
        compute="_compute_answer_counts",
        string="Response Rate (%)",
        help="Recipients who completed an answer (online or in an interview) divided by the "
        "recipients, in percent; 0 without recipients.",
    )
    event_ids = fields.Many2many(
        "event.event",
        "event_event_research_campaign_rel",
        "campaign_id",
        "event_id",
        string="Cited by Events",
        readonly=True,
    )

    def write(self, vals):
        locked = {"survey_id", "segment_ids", "manual_partner_ids", "partner_ids"} & set(vals)
        if locked:
            sent = self.filtered(lambda campaign: campaign.state != "draft")
            if sent:
                raise UserError(
                    _(
                        "%(campaigns)s has been sent: its survey and recipients stay as they "
                        "were sent. Start a new campaign to ask other clients.",
                        campaigns=", ".join(sent.mapped("display_name")),
                    )
                )
        return super().write(vals)

    @api.depends("segment_ids", "manual_partner_ids")
    def _compute_partner_ids(self):
        for campaign in self:
            campaign.partner_ids = campaign._get_recipients()

    def _get_recipients(self):
        self.ensure_one()
        return self.segment_ids.partner_ids | self.manual_partner_ids

    @api.depends("partner_ids")
    def _compute_client_ids(self):
        for campaign in self:
            campaign.client_ids = campaign.partner_ids.commercial_partner_id

    @api.depends("partner_ids")
    def _compute_recipient_count(self):
        for campaign in self:
            campaign.recipient_count = len(campaign.partner_ids)

    @api.depends("partner_ids", "user_input_ids.state", "user_input_ids.research_channel")
    def _compute_answer_counts(self):
        counts = {
            (campaign.id, channel, state): count
            for campaign, channel, state, count in self.env["survey.user_input"]
            .sudo()
            ._read_group(
                [("research_campaign_id", "in", self._origin.ids)],
                ["research_campaign_id", "research_channel", "state"],
                ["__count"],
            )
        }
        done_partners = {
            campaign.id: set(partner_ids)
            for campaign, partner_ids in self.env["survey.user_input"]
            .sudo()
            ._read_group(
                [("research_campaign_id", "in", self._origin.ids), ("state", "=", "done")],
                ["research_campaign_id"],
                ["partner_id:array_agg"],
            )
        }
        for campaign in self:
            key = campaign._origin.id

            def total(channels, states=("new", "in_progress", "done"), key=key):
                return sum(counts.get((key, c, s), 0) for c in channels for s in states)

            campaign.invited_count = total(["online"])
            campaign.interview_count = total(["phone", "visit"])
            campaign.done_count = total(["online", "phone", "visit"], ("done",))
            recipients = set(campaign.partner_ids.ids)
            answered = len(recipients & done_partners.get(key, set()))
            campaign.response_rate = 100.0 * answered / len(recipients) if recipients else False

    # ------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------

    def action_send(self):
        """Invite the recipients by the survey's own invitation: each gets a personal
        answer and its link by mail."""
        for campaign in self:
            if campaign.state != "draft":
                raise UserError(
                    _(
                        "%(campaign)s has already been sent: record interviews or close it.",
                        campaign=campaign.display_name,
                    )
                )
            if not campaign.survey_id:
                raise UserError(
                    _(
                        "%(campaign)s has no survey: choose the questionnaire to send.",
                        campaign=campaign.display_name,
                    )
                )
            recipients = campaign._get_recipients()
            if not recipients:
                raise UserError(
                    _(
                        "%(campaign)s has no recipients: choose segments with clients or "
                        "hand-pick clients before sending.",
                        campaign=campaign.display_name,
                    )
                )
            campaign.partner_ids = recipients
            campaign._invite(recipients)
            campaign._transition_write({"state": "running"})
        return True

    def _invite(self, partners):
        self.ensure_one()
        invite = (
            self.env["survey.invite"]
            .sudo()
            .with_context(default_email_layout_xmlid="mail.mail_notification_light")
            .create(
                {
                    "survey_id": self.survey_id.id,
                    "template_id": (
                        self.env.ref(
                            "survey.mail_template_user_input_invite", raise_if_not_found=False
                        )
                        or self.env["mail.template"]
                    ).id,
                    "partner_ids": [fields.Command.set(partners.ids)],
                    "research_campaign_id": self.id,
                    "existing_mode": "new",
                }
            )
        )
        invite.action_invite()

    def action_close(self):
        for campaign in self:
            if campaign.state == "closed":
                raise UserError(
                    _("%(campaign)s is already closed.", campaign=campaign.display_name)
                )
            if campaign.state != "running":
                raise UserError(
                    _(
                        "%(campaign)s has not been sent: send it before closing it.",
                        campaign=campaign.display_name,
                    )
                )
        self._transition_write({"state": "closed"})
        return True

    def _transition_refusal(self, field_names):
        return UserError(
            _(
                "%(campaigns)s: the status of a research campaign changes with its Send and "
                "Close buttons only.",
                campaigns=self._transition_records_label(),
            )
        )

    # ------------------------------------------------------------
    # Interviews
    # ------------------------------------------------------------

    def action_open_interview(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Record an Interview"),
            "res_model": "event.research.interview",
            "view_mode": "form",
            "target": "new",
            "context": {"default_campaign_id": self.id},
        }

    def _record_interview(self, partner, channel):
        """A personal answer of ``partner`` that the current user fills in on the
        client's behalf, by phone or at a visit."""
        self.ensure_one()
        if self.state != "running":
            raise UserError(
                _(
                    "%(campaign)s is not running: interviews are recorded between sending "
                    "and closing.",
                    campaign=self.display_name,
                )
            )
        return self.survey_id.sudo()._create_answer(
            partner=partner,
            check_attempts=False,
            research_campaign_id=self.id,
            research_channel=channel,
            interviewer_id=self.env.user.id,
        )

    def action_view_answers(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Results"),
            "res_model": "event.research.answer.report",
            "view_mode": "pivot,graph,list",
            "domain": [("campaign_id", "=", self.id)],
            "context": {"search_default_done": 1},
        }

    # ------------------------------------------------------------
    # Results and client data summary
    # ------------------------------------------------------------

    def _get_results(self):
        """Per question and segment: completed answers, the average of numerical answers
        and the count of each choice. One grouped query per measure."""
        self.ensure_one()
        report = self.env["event.research.answer.report"].sudo()
        domain = [("campaign_id", "=", self.id), ("is_done", "=", True)]
        rows = {}
        for question, segment, count, respondents, numeric in report._read_group(
            domain,
            ["question_id", "segment_id"],
            ["__count", "user_input_id:count_distinct", "value_numerical:avg"],
        ):
            rows[(question, segment)] = {
                "question": question,
                "segment": segment,
                "line_count": count,
                "respondent_count": respondents,
                "numerical_avg": numeric,
                "choices": [],
            }
        for question, segment, choice, count in report._read_group(
            domain + [("suggested_answer_id", "!=", False)],
            ["question_id", "segment_id", "suggested_answer_id"],
            ["__count"],
        ):
            rows[(question, segment)]["choices"].append((choice, count))
        numerical = {"numerical_box", "scale"}
        for row in rows.values():
            if row["question"].question_type not in numerical:
                row["numerical_avg"] = False
        return sorted(
            rows.values(),
            key=lambda row: (
                row["question"].sequence,
                row["question"].id,
                row["segment"].sequence if row["segment"] else 1_000_000,
                row["segment"].id,
            ),
        )

    def _get_client_summary(self):
        """What the client data says of the recipients (from the segmentation's figures on
        each client): one grouped query."""
        self.ensure_one()
        summary = {
            "client_count": 0,
            "attended_client_count": 0,
            "attended_count": 0,
            "last_attended_date": False,
            "won_count": 0,
            "won_revenue": 0.0,
            "complaint_count": 0,
            "complaint_client_count": 0,
            "satisfaction_avg": False,
            "last_contact_date": False,
        }
        if not self.partner_ids:
            return summary
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        # the figures are the clients' (a contact's are his company's), each counted once
        domain = [("id", "in", self.partner_ids.commercial_partner_id.ids)]
        [
            (
                count,
                attended,
                last_attended,
                won,
                revenue,
                complaints,
                last_contact,
            )
        ] = Partner._read_group(
            domain,
            [],
            [
                "__count",
                "client_attended_count:sum",
                "client_last_attended_date:max",
                "client_won_count:sum",
                "client_won_revenue:sum",
                "client_complaint_count:sum",
                "client_last_contact_date:max",
            ],
        )
        [(attended_clients,)] = Partner._read_group(
            domain + [("client_attended_count", ">", 0)], [], ["__count"]
        )
        [(complaint_clients,)] = Partner._read_group(
            domain + [("client_complaint_count", ">", 0)], [], ["__count"]
        )
        [(scored, satisfaction)] = Partner._read_group(
            domain + [("client_satisfaction", ">", 0)], [], ["__count", "client_satisfaction:avg"]
        )
        summary.update(
            client_count=count,
            attended_client_count=attended_clients,
            attended_count=attended or 0,
            last_attended_date=last_attended or False,
            won_count=won or 0,
            won_revenue=revenue or 0.0,
            complaint_count=complaints or 0,
            complaint_client_count=complaint_clients,
            satisfaction_avg=satisfaction if scored else False,
            last_contact_date=last_contact or False,
        )
        return summary

    def _format_figure(self, value, digits=1):
        return format_figure(self.env, value, digits)

    # ------------------------------------------------------------
    # The proposal cites its research
    # ------------------------------------------------------------

    def action_attach_to_events(self):
        attachments = self._attach_to_events()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _(
                    "The Needs Research Summary is attached to %(events)s.",
                    events=", ".join(
                        attachments.mapped(
                            lambda a: self.env["event.event"].browse(a.res_id).display_name
                        )
                    ),
                ),
            },
        }

    def _attach_to_events(self):
        """Render the Needs Research Summary and attach it to each event citing this
        campaign."""
        self.ensure_one()
        if not self.event_ids:
            raise UserError(
                _(
                    "No event cites %(campaign)s: add it to the research of an event's "
                    "proposal first.",
                    campaign=self.display_name,
                )
            )
        report = self.env.ref("event_evaluation.event_research_campaign_report")
        content, _report_type = report._render_qweb_pdf(report.report_name, self.ids)
        name = _("Needs Research Summary - %(campaign)s.pdf", campaign=self.name)
        attachments = self.env["ir.attachment"].create(
            [
                {
                    "name": name,
                    "datas": base64.b64encode(content),
                    "res_model": "event.event",
                    "res_id": event.id,
                    "mimetype": "application/pdf",
                }
                for event in self.event_ids
            ]
        )
        for event, attachment in zip(self.event_ids, attachments, strict=True):
            # the evaluator files the research on the event's chatter, as a note
            event.sudo().message_post(
                body=_("Needs research attached: %(campaign)s", campaign=self.name),
                attachment_ids=attachment.ids,
                author_id=self.env.user.partner_id.id,
                subtype_xmlid="mail.mt_note",
            )
        return attachments
