import threading

from markupsafe import Markup

from odoo import _, api, fields, models, tools

# The promotion schedule (宣传推广): each stage with its default timing before the event
# and the shipped mail and SMS templates it sends.
PROMOTION_STAGES = {
    "announcement": (14, "days"),
    "countdown": (3, "days"),
    "last_call": (1, "days"),
}


class EventMail(models.Model):
    _inherit = "event.mail"

    promotion_stage = fields.Selection(
        [("announcement", "Announcement"), ("countdown", "Countdown"), ("last_call", "Last Call")],
        string="Promotion",
        readonly=True,
        copy=False,
        help="A line of the promotion schedule built from the promotion plan: it reaches "
        "the invited clients as well as the registered attendees.",
    )
    trace_ids = fields.One2many("event.mail.trace", "scheduler_id", string="Recipients")
    mail_open_count = fields.Integer(
        string="# Opened",
        compute="_compute_trace_counts",
        help="Mails of this line opened at least once: the recipient's mail client loaded "
        "the line's tracking image. Mail clients that block images are not counted.",
    )
    sms_sent_count = fields.Integer(
        string="# SMS Sent",
        compute="_compute_trace_counts",
        help="SMS of this line the SMS provider accepted (Sent or Delivered).",
    )
    sms_delivered_count = fields.Integer(
        string="# SMS Delivered",
        compute="_compute_trace_counts",
        help="SMS of this line whose delivery the SMS provider reported.",
    )

    def _compute_trace_counts(self):
        traces = self.env["event.mail.trace"].sudo()
        scheduler_ids = self._origin.ids
        opened = dict(
            traces._read_group(
                [("scheduler_id", "in", scheduler_ids), ("open_datetime", "!=", False)],
                ["scheduler_id"],
                ["__count"],
            )
        )
        sms = {
            (scheduler.id, status): count
            for scheduler, status, count in traces._read_group(
                [("scheduler_id", "in", scheduler_ids), ("trace_type", "=", "sms")],
                ["scheduler_id", "sms_status"],
                ["__count"],
            )
        }
        for scheduler in self:
            origin = scheduler._origin
            scheduler.mail_open_count = opened.get(origin, 0)
            scheduler.sms_delivered_count = sms.get((origin.id, "sent"), 0)
            scheduler.sms_sent_count = sms.get((origin.id, "sent"), 0) + sms.get(
                (origin.id, "pending"), 0
            )

    def execute(self):
        """Communications of an event waiting for approval wait with it."""
        runnable = self.filtered(lambda scheduler: not scheduler.event_id._is_waiting_approval())
        return super(EventMail, runnable).execute()

    # ------------------------------------------------------------
    # The promotion schedule
    # ------------------------------------------------------------

    @api.model
    def _build_promotion_schedule(self, events):
        """Add to each event the promotion lines its plan's channels call for and it has
        not yet: one announcement, countdown and last call per notification type."""
        vals_list = []
        for event in events:
            types = set(event.promotion_channel_ids.mapped("notification_type")) - {False}
            existing = {
                (line.promotion_stage, line.notification_type)
                for line in event.event_mail_ids
                if line.promotion_stage
            }
            for notification_type in ("mail", "sms"):
                if notification_type not in types:
                    continue
                for stage, (interval_nbr, interval_unit) in PROMOTION_STAGES.items():
                    if (stage, notification_type) in existing:
                        continue
                    template = self._promotion_template(stage, notification_type)
                    vals_list.append(
                        {
                            "event_id": event.id,
                            "promotion_stage": stage,
                            "interval_nbr": interval_nbr,
                            "interval_unit": interval_unit,
                            "interval_type": "before_event",
                            "template_ref": f"{template._name},{template.id}",
                        }
                    )
        return self.create(vals_list)

    @api.model
    def _promotion_template(self, stage, notification_type):
        prefix = "mail_template" if notification_type == "mail" else "sms_template"
        return self.env.ref(f"client_events.{prefix}_promotion_{stage}")

    @api.model
    def _release_held(self, events):
        """At approval, the lines whose time came while the event waited are sent at
        once, to the clients invited or registered by then; the event says which."""
        now = fields.Datetime.now()
        due = self.sudo().search(
            [
                ("event_id", "in", events.ids),
                ("scheduled_date", "<=", now),
                ("mail_done", "=", False),
                ("interval_type", "!=", "after_sub"),
            ]
        )
        due.execute()
        for event, lines in due.grouped("event_id").items():
            event.message_post(
                body=Markup("%s<ul>%s</ul>")
                % (
                    _("Communications held until the approval, sent now:"),
                    Markup().join(
                        Markup("<li>%s</li>")
                        % self.env._(
                            "%(line)s: %(count)s recipient(s)",
                            line=line.template_ref.display_name,
                            count=line.mail_count_done,
                        )
                        for line in lines
                    ),
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _promotion_registration_domain(self):
        """Who a promotion line reaches: the attendees, and the clients invited (still in
        draft until they register), never a cancelled registration."""
        self.ensure_one()
        return [
            ("event_id", "=", self.event_id.id),
            ("state", "!=", "cancel"),
            "|",
            ("state", "!=", "draft"),
            ("invited_date", "!=", False),
        ]

    def _execute_event_based(self):
        """Odoo's event-based run, with the promotion line's own recipients."""
        if not self.promotion_stage:
            return super()._execute_event_based()
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        get_param = self.env["ir.config_parameter"].sudo().get_param
        batch_size = int(get_param("mail.batch_size") or 0) or 50
        cron_limit = int(get_param("mail.render.cron.limit") or 0) or 1000
        domain = self._promotion_registration_domain()
        if self.last_registration_id:
            domain.append(("id", ">", self.last_registration_id.id))
        registrations = self.env["event.registration"].search(
            domain, limit=cron_limit + 1, order="id ASC"
        )
        done = len(registrations) <= cron_limit
        if not done:
            registrations = registrations[:cron_limit]
            self.env.ref("event.event_mail_scheduler")._trigger()
        for chunk in tools.split_every(
            batch_size, registrations.ids, self.env["event.registration"].browse
        ):
            self._execute_event_based_for_registrations(chunk)
            self.last_registration_id = chunk[-1]
            self._refresh_mail_count_done()
            if auto_commit:
                # as Odoo's own scheduler: each batch sent is kept, whatever comes next
                self.env.cr.commit()  # pylint: disable=invalid-commit
                self.env.invalidate_all()
        # every recipient known so far is reached; later ones are not (as in Odoo)
        self.mail_done = done

    def _refresh_mail_count_done(self):
        promotion = self.filtered(
            lambda scheduler: scheduler.promotion_stage and scheduler.last_registration_id
        )
        for scheduler in promotion:
            scheduler.mail_count_done = self.env["event.registration"].search_count(
                scheduler._promotion_registration_domain()
                + [("id", "<=", scheduler.last_registration_id.id)]
            )
        return super(EventMail, self - promotion)._refresh_mail_count_done()

    # ------------------------------------------------------------
    # Sent, opened, delivered
    # ------------------------------------------------------------

    def _send_mail(self, registrations):
        """Odoo's mail, each with a tracking image that records its first opening."""
        # the mails the composer creates are those after the last one (none at all in
        # a new database)
        last_mail_id = self.env["mail.mail"].sudo().search([], order="id desc", limit=1).id or 0
        result = super()._send_mail(registrations)
        traces = self.env["event.mail.trace"]._create_for(self, registrations, "mail")
        mails = (
            self.env["mail.mail"]
            .sudo()
            .search(
                [
                    ("id", ">", last_mail_id),
                    ("model", "=", "event.registration"),
                    ("res_id", "in", registrations.ids),
                ]
            )
        )
        trace_by_registration = {trace.registration_id.id: trace for trace in traces}
        for mail in mails:
            trace = trace_by_registration.get(mail.res_id)
            if trace:
                mail.body_html = trace._add_open_pixel(mail.body_html)
        return result

    def _send_sms(self, registrations):
        """event_sms's SMS, kept track of: the SMS are created in the registrations'
        order, and each registration's trace follows its SMS's state."""
        sms_all = registrations._message_sms_schedule_mass(
            template=self.template_ref, mass_keep_log=True
        )
        traces = self.env["event.mail.trace"]._create_for(
            self,
            registrations,
            "sms",
            [{"sms_uuid": sms.uuid, "sms_status": sms.state} for sms in sms_all],
        )
        self.env["sms.tracker"].sudo().create(
            [
                {"sms_uuid": trace.sms_uuid, "event_mail_trace_id": trace.id}
                for trace in traces
                if trace.sms_status == "outgoing"
            ]
        )
        return sms_all
