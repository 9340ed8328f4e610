import binascii

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools import plaintext2html

from odoo.addons.portal.controllers import portal
from odoo.addons.portal.controllers.portal import pager as portal_pager

ACCEPTANCE = "big.account.project.acceptance"
REPORT = "big_account.action_report_project_acceptance"


class BigAccountCustomerPortal(portal.CustomerPortal):
    """What the client of a key account does on its portal: its complaints (filed,
    listed, followed: a portal user sees those of its own company's key account
    only, never the account's profile) and the acceptance of its service projects
    (reviewed and signed by a portal user of the client or by whoever holds the link
    sent by mail)."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        Complaint = request.env["big.account.complaint"]
        if "acceptance_count" in counters:
            Acceptance = request.env[ACCEPTANCE]
            values["acceptance_count"] = (
                Acceptance.search_count(self._prepare_acceptances_domain())
                if Acceptance.has_access("read")
                else 0
            )
        if "complaint_count" in counters:
            values["complaint_count"] = (
                Complaint.search_count([]) if Complaint.has_access("read") else 0
            )
        if not counters:
            # the home page itself: its Complaints card shows to a client that may
            # file one, before it has any
            values["complaint_can_file"] = bool(self._complaint_account())
        return values

    def _complaint_account(self):
        """The key account the current user's company files complaints about."""
        return request.env["big.account.complaint"]._get_complainant_account(
            request.env.user.partner_id
        )

    def _complaint_searchbar_sortings(self):
        return {
            "date": {"label": _("Newest"), "order": "date_received desc, id desc"},
            "name": {"label": _("Reference"), "order": "name desc, id desc"},
            "state": {"label": _("Status"), "order": "state, date_received desc, id desc"},
        }

    def _complaint_searchbar_filters(self):
        return {
            "all": {"label": _("All"), "domain": []},
            "open": {
                "label": _("Open"),
                "domain": [("state", "in", ("new", "investigating"))],
            },
            "done": {
                "label": _("Resolved"),
                "domain": [("state", "in", ("resolved", "closed"))],
            },
        }

    @http.route(
        ["/my/complaints", "/my/complaints/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_complaints(self, page=1, sortby=None, filterby=None, **kw):
        Complaint = request.env["big.account.complaint"]
        values = self._prepare_portal_layout_values()
        sortings = self._complaint_searchbar_sortings()
        filters = self._complaint_searchbar_filters()
        sortby = sortby if sortby in sortings else "date"
        filterby = filterby if filterby in filters else "all"
        domain = filters[filterby]["domain"]
        count = Complaint.search_count(domain) if Complaint.has_access("read") else 0
        pager = portal_pager(
            url="/my/complaints",
            url_args={"sortby": sortby, "filterby": filterby},
            total=count,
            page=page,
            step=self._items_per_page,
        )
        complaints = (
            Complaint.search(
                domain,
                order=sortings[sortby]["order"],
                limit=self._items_per_page,
                offset=pager["offset"],
            )
            if count
            else Complaint
        )
        request.session["my_complaints_history"] = complaints.ids[:100]
        values.update(
            {
                # searched with the user's rights; read whole to show who filed them
                "complaints": complaints.sudo(),
                "page_name": "complaint",
                "pager": pager,
                "default_url": "/my/complaints",
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "searchbar_filters": filters,
                "filterby": filterby,
                "complaint_can_file": bool(self._complaint_account()),
            }
        )
        return request.render("big_account.portal_my_complaints", values)

    @http.route(["/my/complaints/<int:complaint_id>"], type="http", auth="public", website=True)
    def portal_my_complaint(self, complaint_id, access_token=None, **kw):
        try:
            complaint_sudo = self._document_check_access(
                "big.account.complaint", complaint_id, access_token=access_token
            )
        except (AccessError, MissingError) as error:
            raise request.not_found() from error
        values = {
            "complaint": complaint_sudo,
            "page_name": "complaint",
            # the chatter posts with the record's token, as the client who reads it
            "token": complaint_sudo._portal_ensure_token(),
        }
        values = self._get_page_view_values(
            complaint_sudo, access_token, values, "my_complaints_history", False, **kw
        )
        return request.render("big_account.portal_my_complaint", values)

    @http.route(
        ["/my/complaints/new"], type="http", auth="user", website=True, methods=["GET", "POST"]
    )
    def portal_new_complaint(self, **post):
        account = self._complaint_account()
        if not account:
            raise request.not_found()
        Complaint = request.env["big.account.complaint"]
        categories = dict(Complaint._fields["category"]._description_selection(request.env))
        error = {}
        if request.httprequest.method == "POST":
            description = (post.get("description") or "").strip()
            category = post.get("category")
            if category not in categories:
                error["category"] = _("Choose what the complaint is about.")
            if not description:
                error["description"] = _("Describe what went wrong.")
            if not error:
                partner = request.env.user.partner_id
                # sudo: a client files a complaint of its account without reading the
                # account, and names the service team's owner of it
                complaint = Complaint.sudo().create(
                    Complaint._prepare_complaint_values(
                        account, partner, "portal", plaintext2html(description), category
                    )
                )
                return request.redirect(complaint.access_url)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "complaint_new",
                "categories": categories,
                "error": error,
                "post": post,
            }
        )
        return request.render("big_account.portal_new_complaint", values)

    def _prepare_acceptances_domain(self):
        partner = request.env.user.partner_id
        return [
            ("partner_id", "child_of", [partner.commercial_partner_id.id]),
            ("state", "in", ("sent", "signed")),
        ]

    @http.route(
        ["/my/acceptances", "/my/acceptances/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_acceptances(self, page=1, **kwargs):
        Acceptance = request.env[ACCEPTANCE]
        domain = self._prepare_acceptances_domain()
        pager = portal_pager(
            url="/my/acceptances",
            total=Acceptance.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        acceptances = Acceptance.search(domain, limit=self._items_per_page, offset=pager["offset"])
        request.session["my_acceptances_history"] = acceptances.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "acceptances": acceptances.sudo(),
                "page_name": "acceptance",
                "pager": pager,
                "default_url": "/my/acceptances",
            }
        )
        return request.render("big_account.portal_my_acceptances", values)

    def _acceptance_or_not_found(self, acceptance_id, access_token):
        try:
            return self._document_check_access(ACCEPTANCE, acceptance_id, access_token)
        except (AccessError, MissingError):
            raise request.not_found() from None

    @http.route(["/my/acceptances/<int:acceptance_id>"], type="http", auth="public", website=True)
    def portal_acceptance_page(
        self,
        acceptance_id,
        access_token=None,
        report_type=None,
        download=False,
        message=False,
        **kwargs,
    ):
        acceptance_sudo = self._acceptance_or_not_found(acceptance_id, access_token)
        if report_type in ("html", "pdf", "text"):
            return self._show_report(
                model=acceptance_sudo,
                report_type=report_type,
                report_ref=REPORT,
                download=download,
            )
        return self._render_acceptance_page(acceptance_sudo, access_token, message=message)

    def _render_acceptance_page(self, acceptance_sudo, access_token, message=False, error=False):
        values = {
            "acceptance": acceptance_sudo,
            "message": message,
            "error": error,
            "page_name": "acceptance",
            "res_company": acceptance_sudo.company_id,
            "score_options": acceptance_sudo.line_ids._fields["score"]._description_selection(
                request.env
            ),
            "verdict_options": acceptance_sudo._fields["verdict"]._description_selection(
                request.env
            ),
        }
        values = self._get_page_view_values(
            acceptance_sudo, access_token, values, "my_acceptances_history", False
        )
        return request.render("big_account.acceptance_portal_template", values)

    def _signing_partner(self, acceptance_sudo):
        user = request.env.user
        return acceptance_sudo.partner_id if user._is_public() else user.partner_id

    @http.route(
        ["/my/acceptances/<int:acceptance_id>/review"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_acceptance_review(self, acceptance_id, access_token=None, **post):
        acceptance_sudo = self._acceptance_or_not_found(acceptance_id, access_token)
        scores, comments = {}, {}
        for line in acceptance_sudo.line_ids:
            scores[line.id] = post.get(f"score_{line.id}")
            comments[line.id] = post.get(f"comment_{line.id}")
        try:
            acceptance_sudo._portal_review(
                scores,
                comments,
                post.get("verdict"),
                post.get("client_comment"),
                self._signing_partner(acceptance_sudo),
            )
        except (UserError, ValidationError) as refusal:
            request.env.cr.rollback()
            return self._render_acceptance_page(
                acceptance_sudo, access_token, error=refusal.args[0]
            )
        return request.redirect(acceptance_sudo.get_portal_url(query_string="&message=review_ok"))

    @http.route(
        ["/my/acceptances/<int:acceptance_id>/accept"],
        type="json",
        auth="public",
        website=True,
    )
    def portal_acceptance_accept(
        self, acceptance_id, access_token=None, name=None, signature=None
    ):
        # from the query string when not in the JSON parameters
        access_token = access_token or request.httprequest.args.get("access_token")
        try:
            acceptance_sudo = self._document_check_access(ACCEPTANCE, acceptance_id, access_token)
        except (AccessError, MissingError):
            return {"error": _("Invalid acceptance.")}
        try:
            acceptance_sudo._sign_portal(name, signature, self._signing_partner(acceptance_sudo))
        except (UserError, ValidationError) as refusal:
            request.env.cr.rollback()
            return {"error": refusal.args[0]}
        except (TypeError, ValueError, binascii.Error):
            request.env.cr.rollback()
            return {"error": _("Invalid signature data.")}
        return {
            "force_refresh": True,
            "redirect_url": acceptance_sudo.get_portal_url(query_string="&message=sign_ok"),
        }
