from odoo import _, api, fields, models


class BigAccountProjectCostLine(models.Model):
    _name = "big.account.project.cost.line"
    _description = "Cost Line of a Proposal Version"
    _order = "version_id, sequence, id"

    version_id = fields.Many2one(
        "big.account.project.version",
        string="Proposal Version",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="version_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="version_id.currency_id")
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product",
        required=True,
        domain=[("sale_ok", "=", True)],
        help="What the quotation sells for this line: a service, a booth, a package.",
    )
    name = fields.Text(
        string="Description",
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure", required=True)
    price_unit = fields.Float(
        string="Unit Price",
        compute="_compute_price_unit",
        store=True,
        readonly=False,
        precompute=True,
        digits="Product Price",
        required=True,
    )
    price_subtotal = fields.Monetary(
        string="Subtotal", compute="_compute_price_subtotal", store=True
    )

    _sql_constraints = [
        (
            "figures_positive",
            "CHECK(quantity > 0 AND price_unit >= 0)",
            "A cost line has a quantity above zero and a unit price of zero or more.",
        ),
    ]

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            line.name = line.product_id.get_product_multiline_description_sale() or line.name

    @api.depends("product_id")
    def _compute_price_unit(self):
        for line in self:
            line.price_unit = line.product_id.lst_price

    @api.depends("quantity", "price_unit")
    def _compute_price_subtotal(self):
        for line in self:
            line.price_subtotal = line.quantity * line.price_unit

    @api.model_create_multi
    def create(self, vals_list):
        versions = self.env["big.account.project.version"].browse(
            [vals["version_id"] for vals in vals_list if vals.get("version_id")]
        )
        versions._check_draft(_("changed"))
        return super().create(vals_list)

    def write(self, vals):
        self.version_id._check_draft(_("changed"))
        result = super().write(vals)
        if "version_id" in vals:
            self.version_id._check_draft(_("changed"))
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        self.version_id._check_draft(_("changed"))
