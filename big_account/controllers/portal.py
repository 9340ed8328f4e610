from odoo import _, http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request
from odoo.tools import plaintext2html

from odoo.addons.portal.controllers import portal
from odoo.addons.portal.controllers.portal import pager as portal_pager


class BigAccountCustomerPortal(portal.CustomerPortal):
    """The client's complaints on its portal: filed, listed, followed. A portal user
    sees the complaints of its own company's key account only (record rule), never
    the account's profile."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        Complaint = request.env["big.account.complaint"]
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
