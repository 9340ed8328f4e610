from odoo import _, api, models
from odoo.exceptions import UserError

# The mark of a transition in the context: an object of this module, which no
# JSON-RPC or XML-RPC caller can send, paired with the model it is for.
_TRANSITION = object()
TRANSITION_KEY = "client_events_transition"


class ClientEventsTransitionMixin(models.AbstractModel):
    """Fields that only the model's transition methods write.

    A model lists its state field, and what changes with it, in
    ``_transition_fields``; its buttons write them with ``_transition_write()``.
    Any other write, whatever the caller, its context or ``sudo()``, is refused
    with the model's ``_transition_refusal()``. The mark a transition leaves in
    the context names its model: writes it causes on other models are not
    transitions of theirs.
    """

    _name = "client_events.transition.mixin"
    _description = "Fields Written Only by Their Transitions"

    _transition_fields = frozenset()

    def _in_transition(self):
        mark = self.env.context.get(TRANSITION_KEY)
        return isinstance(mark, tuple) and mark[0] is _TRANSITION and mark[1] == self._name

    def _transition_env(self):
        return self.with_context(**{TRANSITION_KEY: (_TRANSITION, self._name)})

    def _transition_write(self, vals):
        """Write fields of ``_transition_fields``: for the transition methods only."""
        return self._transition_env().write(vals)

    def _transition_refusal(self, field_names):
        """The error a write of ``field_names`` outside a transition raises."""
        labels = ", ".join(
            sorted(self._fields[name]._description_string(self.env) for name in field_names)
        )
        return UserError(
            _(
                "%(fields)s of %(records)s change only through the buttons of the form.",
                fields=labels,
                records=", ".join(self.mapped("display_name")) or self._description,
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        if self._transition_fields and not self._in_transition():
            defaults = self.default_get(list(self._transition_fields))
            for vals in vals_list:
                forced = {
                    name
                    for name in self._transition_fields & set(vals)
                    if vals[name] != defaults.get(name, False)
                }
                if forced:
                    raise self._transition_refusal(forced)
        return super().create(vals_list)

    def write(self, vals):
        forced = self._transition_fields & set(vals)
        if forced and not self._in_transition():
            raise self._transition_refusal(forced)
        return super().write(vals)
