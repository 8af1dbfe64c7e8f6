"""The registration dialog: send the form, wait for it to come back, and either register or show it again.

A ComponentDialog around a two-step waterfall that loops (replace_dialog) until the form is accepted. Its state
(the step and the number of refused attempts, nothing personal: the typed values travel in the card) lives in
the conversation state on Table storage, so a restart or another instance continues where the person was.
From the second refusal on, the form also offers the phone fallback.
"""

from __future__ import annotations

from typing import Any

from botbuilder.dialogs import ComponentDialog, Dialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext

from bot.dialogs import registration_steps
from bot.dialogs.conversation import conversation_of

REGISTRATION_DIALOG = "registration"
FORM_LOOP = "registration.form"
ATTEMPTS = "attempts"
FORM_SHOWN = "form_shown"


class RegistrationDialog(ComponentDialog):
    def __init__(self) -> None:
        super().__init__(REGISTRATION_DIALOG)
        self.add_dialog(WaterfallDialog(FORM_LOOP, [self._show_form, self._take_form]))
        self.initial_dialog_id = FORM_LOOP

    @staticmethod
    def _options(step: WaterfallStepContext) -> dict[str, Any]:
        return step.options if isinstance(step.options, dict) else {}

    async def _show_form(self, step: WaterfallStepContext) -> DialogTurnResult:
        """Send the prefilled form, unless the previous step already sent it again with notes."""
        options = self._options(step)
        step.values[ATTEMPTS] = int(options.get(ATTEMPTS, 0))
        if not options.get(FORM_SHOWN):
            await registration_steps.send_form(conversation_of(step.context))
        return Dialog.end_of_turn

    async def _take_form(self, step: WaterfallStepContext) -> DialogTurnResult:
        attempts = int(step.values.get(ATTEMPTS, 0)) + 1
        again = {ATTEMPTS: attempts, FORM_SHOWN: True}
        try:
            done = await registration_steps.take_submission(conversation_of(step.context), attempts)
        except Exception:
            # Keep waiting for the form: the person can press the button again once we have recovered.
            await step.replace_dialog(FORM_LOOP, {ATTEMPTS: attempts - 1, FORM_SHOWN: True})
            raise
        if done:
            return await step.end_dialog()
        return await step.replace_dialog(FORM_LOOP, again)


def all_dialogs() -> list[Dialog]:
    """Every dialog the bot runs (the composition root hands them to the DialogHost)."""
    return [RegistrationDialog()]
