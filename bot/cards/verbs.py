"""The verbs the user's cards put in their Action.Submit data, named once so cards and the routing table agree.

Card data is {"verb": VERB, ...}; session buttons add "session" (the session id the card was drawn for) and
extension buttons also "end" (the sluttid the card showed, so a double tap or an outdated card is recognised).
"""

from __future__ import annotations

HELP = "help"
STATUS = "status"
REGISTER_START = "register.start"
REGISTER_SUBMIT = "register.submit"
REGISTER_CANCEL = "register.cancel"
SESSION_CONFIRM = "session.confirm"
SESSION_EXTEND = "session.extend"
SESSION_CANCEL = "session.cancel"
SESSION_HELP = "session.help"
CODE_WORD_SET = "codeword.set"
CODE_WORD_REMOVE = "codeword.remove"

# Input ids a session card may carry: the "other time" field of the extension chooser.
EXTEND_TIME_INPUT = "extend_time"
CODE_WORD_INPUT = "code_word"  # the trygghetsord card's password field
