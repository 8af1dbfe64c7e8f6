"""The routing table: every text command word and card verb the bot understands, and the handler for each."""

from __future__ import annotations

from bot.cards import admin_cards, verbs
from bot.teams.handlers import (
    admin_commands,
    admin_files,
    channel_commands,
    code_word,
    general,
    operator_buttons,
    registration,
    session_buttons,
    user_commands,
)
from bot.teams.router import Handler, Router

COMMANDS: dict[str, Handler] = {
    "hjälp": user_commands.help_,
    "help": user_commands.help_,
    "koppla kanal": channel_commands.bind_channel,
    "bind channel": channel_commands.bind_channel,
}

VERBS: dict[str, Handler] = {
    "esc.claim": operator_buttons.claim,
    "esc.take_over": operator_buttons.take_over,
    "esc.skip": operator_buttons.skip,
    "esc.call": operator_buttons.call,
    "esc.police": operator_buttons.police,
    "esc.contact": operator_buttons.contact,
    "esc.rtib": operator_buttons.rtib,
    "esc.safe": operator_buttons.told_safe,
    "esc.close": operator_buttons.close,
}

# Admin commands (personal chat, admin role), a person's own data, and the flag card's buttons (issue 5).
COMMANDS.update(
    {
        "admin": admin_commands.admin,
        "mina uppgifter": admin_commands.my_data,
        "my data": admin_commands.my_data,
        "glöm mig": admin_commands.forget_me,
        "forget me": admin_commands.forget_me,
    }
)
VERBS.update(
    {
        admin_cards.BAR: admin_commands.bar_from_flag,
        admin_cards.IGNORE_FLAG: admin_commands.ignore_flag,
        admin_files.VERB: admin_files.answered,  # the export's file consent card (bot/teams/file_upload.py)
    }
)

# The user's journey in the personal chat (issue 3): typed commands, the form's buttons and session buttons.
COMMANDS.update(
    {
        "ny": registration.start,
        "new": registration.start,
        "status": user_commands.status,
        "klar": user_commands.done,
        "ok": user_commands.done,
        "done": user_commands.done,
        "förläng": user_commands.extend,
        "forlang": user_commands.extend,
        "extend": user_commands.extend,
        "avbryt": user_commands.cancel,
        "cancel": user_commands.cancel,
        "hjalp": user_commands.help_,
    }
)
VERBS.update(
    {
        verbs.HELP: user_commands.help_,
        verbs.STATUS: user_commands.status,
        verbs.REGISTER_START: registration.start,
        verbs.REGISTER_SUBMIT: registration.submit,
        verbs.REGISTER_CANCEL: registration.cancel_form,
        verbs.SESSION_CONFIRM: session_buttons.confirm,
        verbs.SESSION_EXTEND: session_buttons.extend,
        verbs.SESSION_CANCEL: session_buttons.cancel,
        verbs.SESSION_HELP: session_buttons.ask_help,
    }
)

# The trygghetsord (issue 9): set or remove it; writing it raises a silent alarm (bot.teams.bot checks each
# personal message before routing it).
COMMANDS.update({"trygghetsord": code_word.show, "code word": code_word.show, "codeword": code_word.show})
VERBS.update({verbs.CODE_WORD_SET: code_word.save, verbs.CODE_WORD_REMOVE: code_word.remove})


# `status` in a channel shows the operator-channel binding; in a personal chat, whatever "status" maps to above.
COMMANDS["status"] = channel_commands.status_dispatcher(COMMANDS.get("status", general.help_))

WELCOME: Handler = user_commands.welcome


def build_router() -> Router:
    return Router(
        commands=COMMANDS,
        verbs=VERBS,
        fallback=user_commands.help_,
        silent_alarm=code_word.silent_alarm,
        unbounded=frozenset(
            {admin_commands.admin, admin_commands.my_data, admin_commands.forget_me, admin_files.answered}
        ),
    )
