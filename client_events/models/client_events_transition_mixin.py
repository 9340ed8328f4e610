from contextlib import contextmanager
from contextvars import ContextVar

from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.tools import clean_context

# The models whose transition method is running, in this thread: held by Python, not
# by the environment's context, so that no caller (ORM, XML-RPC, JSON-RPC) can set it.
_RUNNING_TRANSITIONS = ContextVar("client_events_running_transitions", default=frozenset())


class ClientEventsTransitionMixin(models.AbstractModel):
    """Fields that only the model's transition methods write.

    A model lists its state field, and what changes with it, in
    ``_transition_fields``; its buttons write them with ``_transition_write()``,
    or run a block with ``with self._transition():``. Any other write, whatever
    the caller, its context or ``sudo()``, is refused with the model's
    ``_transition_refusal()``. A transition opens its own model only: writes it
    causes on other models are not transitions of theirs.
    """

    _name = "client_events.transition.mixin"
    _description = "Fields Written Only by Their Transitions"

    _transition_fields = frozenset()

    def _in_transition(self):
        return self._name in _RUNNING_TRANSITIONS.get()

    @contextmanager
    def _transition(self):
        """Run the block as a transition of this model."""
        token = _RUNNING_TRANSITIONS.set(_RUNNING_TRANSITIONS.get() | {self._name})
        try:
            yield
        finally:
            _RUNNING_TRANSITIONS.reset(token)

    def _transition_write(self, vals):
        """Write fields of ``_transition_fields``: for the transition methods only."""
        with self._transition():
            return self.write(vals)

    def _transition_lang_env(self):
        """The environment refusals speak in: a call over XML-RPC carries no language,
        they speak the user's then, as the messages themselves do."""
        lang = self.env.lang or self.env["res.users"].context_get().get("lang")
        return self.with_context(lang=lang).env

    def _transition_records_label(self):
        """What a refusal names: the records, or the model when one is being created."""
        env = self._transition_lang_env()
        model = env["ir.model"].sudo()._get(self._name)
        return ", ".join(self.with_env(env).mapped("display_name")) or model.name

    def _transition_refusal(self, field_names):
        """The error a write of ``field_names`` outside a transition raises."""
        env = self._transition_lang_env()
        labels = ", ".join(
            sorted(self._fields[name]._description_string(env) for name in field_names)
        )
        return UserError(
            _(
                "%(records)s: %(fields)s can be changed only with the buttons of the form.",
                fields=labels,
                records=self._transition_records_label(),
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        if self._transition_fields and not self._in_transition():
            forced = self._transition_fields_forced(vals_list)
            if forced:
                raise self._transition_refusal(forced)
        return super().create(vals_list)

    def _transition_fields_forced(self, vals_list):
        """The transition fields a creation outside a transition would set to anything
        but the model's own default: by its values, or by the caller's ``default_*``
        context keys (a kanban column, or any XML-RPC caller). A computed one may not
        be given at all: it would be stored instead of computed."""
        own_defaults = self.with_context(clean_context(self.env.context)).default_get(
            list(self._transition_fields)
        )
        given = [
            {name: vals[name] for name in self._transition_fields & set(vals)}
            for vals in vals_list
        ]
        given.append(
            {
                name: self.env.context[f"default_{name}"]
                for name in self._transition_fields
                if f"default_{name}" in self.env.context
            }
        )
        return {
            name
            for values in given
            for name, value in values.items()
            if self._fields[name].compute or value != own_defaults.get(name, False)
        }

    def write(self, vals):
        forced = self._transition_fields & set(vals)
        if forced and not self._in_transition():
            raise self._transition_refusal(forced)
        return super().write(vals)
