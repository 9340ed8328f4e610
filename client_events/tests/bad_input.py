"""Table-driven bad-input checks, shared by the three addons' tests."""

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.service.model import _as_validation_error
from odoo.tools import mute_logger

LONG_TEXT = "客户" * 5000  # 10,000 characters
EMOJI_CJK = "🎉 上海會展 Expo 客户答谢会 ✨"


class BadInputTable:
    """Mixin for a ``TransactionCase``: rows of (label, action, expected).

    ``expected`` is a regex of the error the user is shown, or a callable that
    checks the safe result of ``action``. A database constraint is checked
    through the message the web client and XML-RPC show for it
    (``odoo.service.model``), not as a raw psycopg2 error.
    """

    def _check_row(self, action, expected):
        if callable(expected):
            expected(action())
            return
        with self.assertRaisesRegex((UserError, ValidationError), expected):
            try:
                with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                    action()
                    self.env.flush_all()
            except IntegrityError as error:
                raise _as_validation_error(self.env, error) from error
        self.env.invalidate_all()

    def run_table(self, table):
        for label, action, expected in table:
            with self.subTest(label):
                self._check_row(action, expected)
