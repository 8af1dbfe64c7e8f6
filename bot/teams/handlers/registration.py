"""Starting, submitting and abandoning a registration ("ny" / "Ny bevakning", the form's two buttons).

The registration itself runs as a dialog (bot/dialogs/registration.py) so that it survives a restart. A form
submitted while no dialog is waiting (an old form, or state lost) is still taken: the dialog is begun in its
waiting step and continued with that very submit, so nothing the person typed is thrown away.
"""

from __future__ import annotations

from bot.dialogs.registration import FORM_SHOWN, REGISTRATION_DIALOG
from bot.dialogs.registration_steps import show_active
from bot.teams.dialog_host import dialog_context
from bot.teams.handlers.general import outside_personal
from bot.teams.turn import Turn


async def start(turn: Turn) -> None:
    """ "ny": the form; while a session runs, that session with the offer to extend or end it."""
    if await outside_personal(turn):
        return
    active = await turn.services.sessions.active(turn.person)
    if active is not None:
        await show_active(turn, active.session)
        return
    if await turn.services.sessions.barred(turn.person):
        await turn.say(turn.t("error.barred"))
        return
    dialogs = await dialog_context(turn)
    await dialogs.cancel_all_dialogs()  # "ny" during a registration starts it over
    await dialogs.begin_dialog(REGISTRATION_DIALOG)


async def submit(turn: Turn) -> None:
    """The form's "Registrera" button."""
    if await outside_personal(turn):
        return
    dialogs = await dialog_context(turn)
    if dialogs.active_dialog is None:
        await dialogs.begin_dialog(REGISTRATION_DIALOG, {FORM_SHOWN: True})
    await dialogs.continue_dialog()


async def cancel_form(turn: Turn) -> None:
    """The form's "Avbryt" button."""
    if turn.where.personal:
        dialogs = await dialog_context(turn)
        await dialogs.cancel_all_dialogs()
    await turn.say(turn.t("register.cancelled"))
