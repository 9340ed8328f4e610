from dateutil.relativedelta import relativedelta

from odoo import fields, models

# what the segmentation writes (and nothing else): see ``_client_write_measures``
CLIENT_MEASURE_FIELDS = (
    "client_segment_id",
    "client_segment_date",
    "client_attended_count",
    "client_last_attended_date",
    "client_won_count",
    "client_won_revenue",
    "client_last_purchase_date",
    "client_complaint_count",
    "client_survey_count",
    "client_satisfaction",
    "client_last_contact_date",
)
# rows per UPDATE statement of the segmentation
WRITE_BATCH = 5000


def _latest(*dates):
    return max((d for d in dates if d), default=False)


class ResPartner(models.Model):
    _inherit = "res.partner"

    client_segment_id = fields.Many2one(
        "client.segment",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="Set by the scheduled client segmentation from the client's recency, frequency "
        "and value.",
    )
    client_segment_date = fields.Datetime(
        string="In Segment Since",
        readonly=True,
        copy=False,
        help="When the segmentation first measured the client, or last moved it to another "
        "segment.",
    )
    # What the segmentation measured of the client (its commercial entity's contacts
    # included), kept on the partner so that lists, research and invitations read it
    # without recomputing.
    client_attended_count = fields.Integer(
        string="Events Attended",
        readonly=True,
        copy=False,
        help="Client events the client attended (checked in) over the segmentation period.",
    )
    client_last_attended_date = fields.Date(
        string="Last Event Attended",
        readonly=True,
        copy=False,
        help="When the client last checked in.",
    )
    client_won_count = fields.Integer(
        string="Won Opportunities",
        readonly=True,
        copy=False,
        help="Opportunities of the client won over the segmentation period.",
    )
    client_won_revenue = fields.Float(
        string="Won Revenue",
        readonly=True,
        copy=False,
        help="Revenue of the client's won opportunities (and confirmed sales orders where "
        "Sales is installed) over the segmentation period, in the company's currency. An "
        "opportunity with a confirmed order counts by its orders' untaxed amount, once.",
    )
    client_last_purchase_date = fields.Date(
        string="Last Purchase",
        readonly=True,
        copy=False,
        help="When the client last won an opportunity with us or confirmed an order.",
    )
    client_complaint_count = fields.Integer(
        string="Complaints",
        readonly=True,
        copy=False,
        help="Complaints of the client over the segmentation period.",
    )
    client_survey_count = fields.Integer(
        string="Survey Answers",
        readonly=True,
        copy=False,
        help="Satisfaction surveys the client's contacts completed after events over the "
        "segmentation period.",
    )
    client_satisfaction = fields.Float(
        string="Satisfaction (0-100)",
        readonly=True,
        copy=False,
        help="Average satisfaction of the client's survey answers over the segmentation period.",
    )
    client_last_contact_date = fields.Date(
        string="Last Contact",
        readonly=True,
        copy=False,
        help="The last time someone of the company was in touch with the client: a message, "
        "a done activity or an event attended.",
    )
    birthday = fields.Date(
        help="The client's birthday: the care calendar's birthday occasion plans the wishes."
    )

    def _get_client_segment(self):
        """The segment of the client this partner is, or works for: segments are
        measured on commercial entities, their contacts belong to theirs."""
        self.ensure_one()
        return self.client_segment_id or self.commercial_partner_id.client_segment_id

    def _get_client_salesperson(self):
        """Who looks after the client this partner is, or works for: its salesperson,
        else its company's (none for no partner)."""
        return self.user_id or self.commercial_partner_id.user_id

    def write(self, vals):
        # The segment and measures are the job's: it writes them in SQL (below). A
        # write() never changes them: the form never sends them (readonly), and merging
        # partners (which copies every field of the merged ones) must not fail for them;
        # the next segmentation measures the merged client anew.
        if not self.env.su and set(vals) & set(CLIENT_MEASURE_FIELDS):
            vals = {
                name: value for name, value in vals.items() if name not in CLIENT_MEASURE_FIELDS
            }
        return super().write(vals)

    # ------------------------------------------------------------
    # Segmentation (分类管理)
    # ------------------------------------------------------------

    def _client_segment_all(self):
        """Measure every client and put it in the first segment that fits; returns the
        number of clients.

        A client is a commercial entity (a company, or a person on his own) that is a
        customer (``customer_rank``), registered to an event or has an opportunity,
        and is neither one of our companies nor an internal user. Its contacts' activity
        counts for it. Everything is read in a fixed number of grouped queries and
        written in batched UPDATEs, whatever the number of clients.
        """
        self.env.flush_all()  # the queries below read the database
        months = self.env["res.config.settings"]._get_client_segment_months()
        today = fields.Date.context_today(self)
        date_from = today - relativedelta(months=months)
        clients = self._client_get_clients()
        measures = self._client_get_measures(clients, date_from)
        matchers = [
            (segment.id, segment._get_matcher(today))
            for segment in self.env["client.segment"].search([])
        ]
        for values in measures.values():
            values["segment_id"] = next(
                (segment_id for segment_id, fits in matchers if fits(values)), None
            )
        self._client_write_measures(measures)
        return len(measures)

    def _client_get_clients(self):
        """{client id: date the client was recorded} of every client (see above)."""
        self.env.cr.execute(
            """
            WITH involved AS (
                SELECT c.commercial_partner_id AS id
                  FROM event_registration r
                  JOIN res_partner c ON c.id = r.partner_id
                 WHERE r.state != 'cancel'
                 UNION
                SELECT c.commercial_partner_id
                  FROM crm_lead l
                  JOIN res_partner c ON c.id = l.partner_id
                 WHERE l.type = 'opportunity'
                 UNION
                SELECT id FROM res_partner WHERE customer_rank > 0
            )
            SELECT p.id, p.create_date::date
              FROM res_partner p
              JOIN involved ON involved.id = p.id
             WHERE p.active
               AND p.id = p.commercial_partner_id
               AND p.id NOT IN (SELECT partner_id FROM res_company)
               AND NOT EXISTS (
                       SELECT 1 FROM res_users u WHERE u.partner_id = p.id AND NOT u.share
                   )
            """
        )
        return dict(self.env.cr.fetchall())

    def _client_get_measures(self, clients, date_from):
        """{client id: {measure: value}} over the period from ``date_from``.

        Each source is one grouped query over every client. event_evaluation adds the
        satisfaction of survey answers, big_account the complaints.
        """
        measures = {
            client_id: {
                "client_since": since,
                "attended": 0,
                "last_attended": False,
                "won": 0,
                "revenue": 0.0,
                "last_purchase": False,
                "complaints": 0,
                "responses": 0,
                "satisfaction": 0.0,
                "last_contact": False,
            }
            for client_id, since in clients.items()
        }
        for client_id, attended, last_attended in self._client_query_attendance(date_from):
            if client_id in measures:
                measures[client_id].update(attended=attended, last_attended=last_attended)
        for client_id, won, revenue, last_purchase in self._client_query_revenue(date_from):
            if client_id in measures:
                values = measures[client_id]
                values["won"] += won
                values["revenue"] += revenue
                values["last_purchase"] = _latest(values["last_purchase"], last_purchase)
        for client_id, last_contact in self._client_query_contact():
            if client_id in measures:
                values = measures[client_id]
                values["last_contact"] = _latest(values["last_contact"], last_contact)
        for values in measures.values():
            values["last_active"] = _latest(values["last_attended"], values["last_purchase"])
            values["last_contact"] = _latest(values["last_contact"], values["last_attended"])
        return measures

    def _client_query_attendance(self, date_from):
        """(client id, events attended, last attended) of the checked-in registrations."""
        self.env.cr.execute(
            """
            SELECT c.commercial_partner_id, count(DISTINCT r.event_id),
                   max(COALESCE(r.date_closed, e.date_begin))::date
              FROM event_registration r
              JOIN event_event e ON e.id = r.event_id
              JOIN res_partner c ON c.id = r.partner_id
             WHERE r.state = 'done' AND r.active
               AND COALESCE(r.date_closed, e.date_begin) >= %s
             GROUP BY 1
            """,
            [date_from],
        )
        return self.env.cr.fetchall()

    def _client_query_revenue(self, date_from):
        """(client id, won opportunities, revenue, last purchase) rows.

        Won opportunities always; where Sales is installed, confirmed orders too, and
        an opportunity with a confirmed order then counts by its orders, not twice.
        """
        cr = self.env.cr
        with_orders = "sale.order" in self.env
        order_of_lead = (
            "opportunity_id" in self.env["sale.order"]._fields if with_orders else False
        )
        # a won opportunity with a confirmed order counts by its orders (below)
        ordered = (
            "LEFT JOIN (SELECT DISTINCT opportunity_id FROM sale_order "
            "WHERE state = 'sale' AND opportunity_id IS NOT NULL) o ON o.opportunity_id = l.id"
            if order_of_lead
            else "LEFT JOIN (SELECT NULL::int AS opportunity_id) o ON FALSE"
        )
        cr.execute(
            f"""
            SELECT c.commercial_partner_id, count(*),
                   COALESCE(sum(l.expected_revenue) FILTER (WHERE o.opportunity_id IS NULL), 0),
                   max(l.date_closed)::date
              FROM crm_lead l
              JOIN crm_stage s ON s.id = l.stage_id AND s.is_won
              JOIN res_partner c ON c.id = l.partner_id
              {ordered}
             WHERE l.active AND l.type = 'opportunity' AND l.date_closed >= %s
             GROUP BY 1
            """,
            [date_from],
        )
        rows = cr.fetchall()
        if with_orders:
            # amount_untaxed is in the order's currency: currency_rate converts it back
            cr.execute(
                """
                SELECT c.commercial_partner_id, 0,
                       sum(o.amount_untaxed / COALESCE(NULLIF(o.currency_rate, 0), 1)),
                       max(o.date_order)::date
                  FROM sale_order o
                  JOIN res_partner c ON c.id = o.partner_id
                 WHERE o.state = 'sale' AND o.date_order >= %s
                 GROUP BY 1
                """,
                [date_from],
            )
            rows += cr.fetchall()
        return rows

    def _client_query_contact(self):
        """(client id, last contact) of the messages and done activities on the client's
        contacts and opportunities (notes, e-mails in and out; not the automatic logs)."""
        self.env.cr.execute(
            """
            WITH messages AS (
                SELECT model, res_id, date
                  FROM mail_message
                 WHERE model IN ('res.partner', 'crm.lead')
                   AND (message_type IN ('comment', 'email')
                        OR mail_activity_type_id IS NOT NULL)
            )
            SELECT c.commercial_partner_id, max(m.date)::date
              FROM messages m
              JOIN res_partner c ON m.model = 'res.partner' AND c.id = m.res_id
             GROUP BY 1
             UNION ALL
            SELECT c.commercial_partner_id, max(m.date)::date
              FROM messages m
              JOIN crm_lead l ON m.model = 'crm.lead' AND l.id = m.res_id
              JOIN res_partner c ON c.id = l.partner_id
             GROUP BY 1
            """
        )
        return self.env.cr.fetchall()

    def _client_write_measures(self, measures):
        """Write the measures and segments of the clients, and clear them on partners
        that are no longer clients.

        These fields are the job's alone (readonly, left out of any ``write()``) and
        have no tracking nor business logic: they are written with one UPDATE per
        ``WRITE_BATCH`` clients, as ``write()`` would take one UPDATE per 100 records
        and per set of values (50,000 clients: thousands of statements). A client
        whose figures did not change is not rewritten. The cache is invalidated and
        ``modified()`` recomputes whatever depends on them.
        """
        cr = self.env.cr
        now = fields.Datetime.now()
        rows = [
            (
                client_id,
                values["segment_id"],
                values["attended"],
                values["last_attended"] or None,
                values["won"],
                values["revenue"],
                values["last_purchase"] or None,
                values["complaints"],
                values["responses"],
                values["satisfaction"],
                values["last_contact"] or None,
            )
            for client_id, values in sorted(measures.items())
        ]
        # a client whose figures did not change is not rewritten: the nightly run
        # touches only what moved
        cr.execute(
            """
            SELECT id, client_segment_id, client_attended_count, client_last_attended_date,
                   client_won_count, client_won_revenue, client_last_purchase_date,
                   client_complaint_count, client_survey_count, client_satisfaction,
                   client_last_contact_date
              FROM res_partner
             WHERE client_segment_date IS NOT NULL
            """
        )
        current = {row[0]: row for row in cr.fetchall()}
        rows = [row for row in rows if current.get(row[0]) != row]
        for start in range(0, len(rows), WRITE_BATCH):
            batch = rows[start : start + WRITE_BATCH]
            cr.execute(
                f"""
                UPDATE res_partner p
                   SET client_segment_id = v.segment::int,
                       client_segment_date = CASE
                           WHEN p.client_segment_date IS NULL
                             OR p.client_segment_id IS DISTINCT FROM v.segment::int THEN %s
                           ELSE p.client_segment_date END,
                       client_attended_count = v.attended::int,
                       client_last_attended_date = v.last_attended::date,
                       client_won_count = v.won::int,
                       client_won_revenue = v.revenue::float,
                       client_last_purchase_date = v.last_purchase::date,
                       client_complaint_count = v.complaints::int,
                       client_survey_count = v.responses::int,
                       client_satisfaction = v.satisfaction::float,
                       client_last_contact_date = v.last_contact::date
                  FROM (VALUES {", ".join(["%s"] * len(batch))})
                       AS v(id, segment, attended, last_attended, won, revenue, last_purchase,
                            complaints, responses, satisfaction, last_contact)
                 WHERE p.id = v.id
                """,
                [now, *batch],
            )
        cr.execute(
            f"""
            UPDATE res_partner
               SET {", ".join(f"{name} = NULL" for name in CLIENT_MEASURE_FIELDS)}
             WHERE client_segment_date IS NOT NULL AND id != ALL(%s)
         RETURNING id
            """,
            [list(measures)],
        )
        cleared = [row[0] for row in cr.fetchall()]
        partners = self.browse(list(measures) + cleared)
        partners.invalidate_recordset(CLIENT_MEASURE_FIELDS)
        partners.modified(CLIENT_MEASURE_FIELDS)
