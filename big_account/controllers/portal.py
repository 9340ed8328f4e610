import binascii

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers import portal
from odoo.addons.portal.controllers.portal import pager as portal_pager

ACCEPTANCE = "big.account.project.acceptance"
REPORT = "big_account.action_report_project_acceptance"


class AcceptancePortal(portal.CustomerPortal):
    """The client's acceptance of a service project: reviewed and signed on the portal,
    by a portal user of the client or by whoever holds the link sent by mail."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "acceptance_count" in counters:
            Acceptance = request.env[ACCEPTANCE]
            values["acceptance_count"] = (
                Acceptance.search_count(self._prepare_acceptances_domain())
                if Acceptance.has_access("read")
                else 0
            )
        return values

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
