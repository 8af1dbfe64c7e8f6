"""The registration dialog's steps: show the form, and take a submitted form (register it, or show it again
with what the person typed and what needs another look). The "ny" handler shows a running session with
`show_active` too.

"Jag är i akut fara nu" is answered before anything else is checked: "Ring 112 nu" goes out first, whatever
the form says, and a valid form registers an escalated session at once (the operators' side is notified by
the engine). An acute form from someone who already has an active session raises help on that session.
"""

from __future__ import annotations

from bot.cards import user_cards
from bot.cards.registration_form import TRUE_VALUES, registration_form_card
from bot.dialogs.conversation import Conversation
from bot.domain.errors import DomainError, ValidationFailed
from bot.domain.model import Session
from bot.domain.phone import display_phone
from bot.domain.registration import RegistrationForm
from bot.services.session_actions import prefilled


async def send_form(
    turn: Conversation, form: RegistrationForm | None = None, errors: dict[str, str] | None = None, attempts: int = 0
) -> None:
    """The form: prefilled from the person's last registration, or as typed with `errors` marked."""
    if form is None:
        form = prefilled(turn.profile) if turn.profile_read else await turn.services.sessions.prefill(turn.person)
    policy = await turn.services.policies.current()
    now = turn.services.clock.now()
    card = registration_form_card(form, turn.texts, policy, now, errors, attempts)
    await turn.send_card(card, summary=turn.t("register.heading"))


async def take_submission(turn: Conversation, attempts: int) -> bool:
    """Handle a submitted form. True: the registration is over (answered); False: the form was sent again."""
    form = RegistrationForm.from_values(turn.value)
    acute = form.acute.lower() in TRUE_VALUES
    if acute:
        await turn.say(turn.t("register.acute_call_112"))
    try:
        stored = await turn.services.sessions.register(turn.person, form, turn.locale)
    except ValidationFailed as exc:
        await send_form(turn, form, exc.fields, attempts)
        return False
    except DomainError as exc:
        if exc.code == "already_active":
            await _already_active(turn, acute)
            return True
        if exc.code == "barred":
            await turn.say(turn.t("error.barred"))
            return True
        raise
    policy = await turn.services.policies.current()
    card = user_cards.receipt_card(stored.session, turn.texts, policy, turn.services.clock.now())
    await turn.send_card(card, summary=turn.t("receipt.heading"))
    return True


async def _already_active(turn: Conversation, acute: bool) -> None:
    """A form while a session runs: offer to extend or end it; if the person is in acute danger, raise help."""
    sessions = turn.services.sessions
    active = await sessions.active(turn.person)
    if active is None:  # it ended a moment ago: let the person start over
        await turn.say(turn.t("error.already_active"))
        return
    if acute:
        try:
            stored = await sessions.request_help(turn.person, active.session.id)
        except DomainError as exc:
            if exc.code != "already_recorded":
                raise
            await turn.say(turn.t("help_request.already"))
            return
        phone = display_phone(stored.session.registration.phone)
        await turn.say(turn.t("help_request.done", phone=phone))
        return
    await show_active(turn, active.session)


async def show_active(turn: Conversation, session: Session) -> None:
    """The running session, with the offer to extend or end it (instead of a second registration)."""
    policy = await turn.services.policies.current()
    await turn.send_card(user_cards.already_active_card(session, turn.texts, policy, turn.services.clock.now()))
