from . import event_invite
