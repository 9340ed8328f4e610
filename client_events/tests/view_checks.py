"""Interim: the form helpers moved to ``shared_checks``; only the user-path check
(``big_account/tests/test_user_paths.py``) still imports them from here."""

from .shared_checks import eval_expr, form_values, is_visible, picker_offers

__all__ = ["eval_expr", "form_values", "is_visible", "picker_offers"]
