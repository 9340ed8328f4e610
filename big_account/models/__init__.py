from . import big_account
