"""English texts, used when Teams reports an English locale: message key -> `str.format` template.

Every key here must also be in `sv.py`, with the same `{placeholders}` (a test checks this).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "welcome.channel": (
        "Trygghet is installed here. Check-ins are registered in a personal chat with Trygghet. "
        "An admin makes a channel the safety centre's operator channel by writing @Trygghet bind channel in it."
    ),
    "welcome.title": "Welcome to Trygghet",
    "welcome.description.1": (
        "Going to a meeting or on a trip for VGR and feeling unsafe? Register where you will be and when you"
        " expect to be done (the end time)."
    ),
    "welcome.description.2": (
        "At the end time, check in here to say that all went well. If you are delayed, it is very important that"
        " you say so."
    ),
    "welcome.description.3": (
        "If you do not check in, the safety centre calls you on the number you gave. If you do not answer, the"
        " police are alerted."
    ),
    "fallback.phone": "If Teams is not working: call the safety centre (trygghetscentralen) on 010-435 40 20",
    "error.generic": (
        "Sorry, something went wrong on our side. Please try again in a little while – or call the safety centre"
        " (trygghetscentralen) on 010-435 40 20."
    ),
    "error.outage": (
        "The safety service has technical problems right now. Call the safety centre (trygghetscentralen) on"
        " 010-435 40 20."
    ),
    "help.title": "Help",
    "count.sessions.one": "{count} check-in",
    "count.sessions.other": "{count} check-ins",
    "count.confirmations.one": "{count} check-in",
    "count.confirmations.other": "{count} check-ins",
    "count.events.one": "{count} event",
    "count.events.other": "{count} events",
    "count.rows.one": "{count} row",
    "count.rows.other": "{count} rows",
    "count.alarms.one": "{count} alarm",
    "count.alarms.other": "{count} alarms",
    "count.police_alerts.one": "{count} police alert",
    "count.police_alerts.other": "{count} police alerts",
    "count.times.one": "{count} time",
    "count.times.other": "{count} times",
    "count.people.one": "{count} person",
    "count.people.other": "{count} people",
    "count.days.one": "{count} day",
    "count.days.other": "{count} days",
    "count.last_days.one": "the last day",
    "count.last_days.other": "the last {count} days",
    "duration.minutes.one": "{count} minute",
    "duration.minutes.other": "{count} minutes",
    "duration.hours.one": "{count} hour",
    "duration.hours.other": "{count} hours",
    "duration.hours_and_minutes": "{hours} and {minutes}",
    "label.org_kind.verksamhet": "Department",
    "label.org_kind.namnd": "Committee",
    "label.org_kind.styrelse": "Board",
    "label.contact_role.verksamhetschef": "Head of department",
    "label.contact_role.sakerhetsansvarig": "Party security officer",
    "label.contact_role.kontaktperson": "Designated contact",
    "label.mode.bil": "Car",
    "label.mode.sparvagn": "Tram",
    "label.mode.buss": "Bus",
    "label.mode.tag": "Train",
    "label.mode.till_fots": "On foot",
    "label.mode.annat": "Other means",
    "label.state.registered": "registered",
    "label.state.reminded": "reminded",
    "label.state.due": "end time passed, waiting for the check-in",
    "label.state.escalated": "ALARM",
    "label.state.closed": "closed",
    "label.outcome.confirmed": "Checked in on time",
    "label.outcome.confirmed_late": "Checked in late",
    "label.outcome.cancelled": "Cancelled",
    "label.outcome.reached_well": "Person reached – all well",
    "label.outcome.self_reported": "The person got in touch – all well",
    "label.outcome.police_handling": "The police are handling it",
    "label.outcome.other": "Other",
    "label.actor.user": "user",
    "label.actor.operator": "operator",
    "label.actor.admin": "administrator",
    "label.actor.system": "the service",
    "label.call.answered_well": "Answered – all well",
    "label.call.answered_needs_help": "Answered – needs help",
    "label.call.no_answer": "No answer",
    "label.party.police": "the police",
    "label.party.contact": "the contact",
    "label.party.rtib": "RTiB / TiB",
    "label.event.registered": "registered",
    "label.event.reminder_due": "reminder",
    "label.event.confirmation_due": "end time",
    "label.event.extended": "extended",
    "label.event.confirmed": "checked in",
    "label.event.cancelled": "cancelled",
    "label.event.help_requested": "asked for help",
    "label.event.escalated": "alarm",
    "label.event.renotified": "alarm repeated",
    "label.event.claimed": "alarm taken",
    "label.event.claim_stale": "no action for a long time",
    "label.event.claim_taken_over": "alarm taken over",
    "label.event.step_skipped": "step skipped",
    "label.event.call_recorded": "call",
    "label.event.call_retry_due": "time for a new call",
    "label.event.police_alerted": "police alerted",
    "label.event.contact_informed": "contact informed",
    "label.event.rtib_informed": "RTiB informed",
    "label.event.told_safe": "told: the person is safe",
    "label.event.escalation_closed": "alarm closed",
    "label.event.personal_data_erased": "personal data erased",
    "label.event.action_refused": "action refused",
    "label.event.barred": "barred",
    "label.event.unbarred": "bar lifted",
    "label.event.role_granted": "role given",
    "label.event.role_revoked": "role taken",
    "label.event.setting_changed": "setting changed",
    "label.event.channel_bound": "operator channel bound",
    "label.event.profile_forgotten": "profile deleted",
    "label.event.admin_command": "admin command",
    "label.event.purge_run": "purge",
    "label.event.flagged": "flagged",
    "label.event.code_word_changed": "code word changed",
    # ---- the user's personal chat (issue 3)
    "user.at_time": "at {time}",
    "user.by_time": "{time}",
    "user.acute_112": "If you are in acute danger: call 112.",
    "user.no_active": "You have no active check-in right now. Write new to register one.",
    "user.already_closed": "This check-in has already ended.",
    "user.personal_only": "You do this in your personal chat with Trygghet.",
    "user.cancel.question": (
        "Do you want to cancel the check-in? Then the safety centre will not contact you, even if you do not check in."
    ),
    "user.button.new": "New check-in",
    "user.button.help_info": "Help",
    "user.button.status": "Status",
    "user.button.confirm": "All went well",
    "user.button.extend": "Extend",
    "user.button.cancel": "Cancel",
    "user.button.cancel_confirm": "Yes, cancel the check-in",
    "user.button.help": "I need help",
    "user.button.minutes": "+{minutes} min",
    "user.button.other_time": "Another time …",
    "user.button.save_time": "Save new end time",
    "help.intro": "Write one of the words below, or use the buttons on the cards.",
    "help.command.new": "new",
    "help.command.new.what": "Register a new check-in",
    "help.command.status": "status",
    "help.command.status.what": "Show your active check-in",
    "help.command.done": "done",
    "help.command.done.what": "All went well – end the check-in",
    "help.command.extend": "extend 30 / extend 15:30",
    "help.command.extend.what": "Move the end time by 30 minutes, or to 15:30",
    "help.command.cancel": "cancel",
    "help.command.cancel.what": "Cancel the check-in (or a registration you started)",
    "help.command.help": "help",
    "help.command.help.what": "Show this help",
    "help.command.codeword": "code word",
    "help.command.codeword.what": "Set a word that alerts the safety centre silently",
    "help.delayed": "If you are delayed, it is very important that you say so: tap Extend or write extend 30.",
    "register.heading": "New check-in",
    "register.intro": "Fill in the details. The safety centre uses them if you do not check in at the end time.",
    "register.section.you": "You",
    "register.section.contact": "Contact person",
    "register.section.where": "Where you will be",
    "register.section.when": "End time",
    "register.section.threat": "Threat",
    "register.label.organisation_kind": "I am engaged in a",
    "register.label.organisation": "Name of the department, committee or board",
    "register.label.phone": "Your phone number (where the safety centre can reach you)",
    "register.label.contact_role": "Who should be informed if the police are alerted?",
    "register.label.contact_name": "Contact person's name",
    "register.label.contact_phone": "Contact person's phone number",
    "register.label.place_kind": "A meeting or a trip?",
    "register.label.address": "Address (required for a meeting)",
    "register.label.trip_from": "From (required for a trip)",
    "register.label.trip_to": "To (required for a trip)",
    "register.label.mode": "Means of travel (required for a trip)",
    "register.label.end_date": "Date",
    "register.label.end_time": "End time – when do you expect to be done?",
    "register.label.threat_known": "Is there a known threat?",
    "register.label.threat_description": "Describe the threat – or why you feel threatened, worried or exposed",
    "register.label.note": "Other (optional)",
    "register.fold.trip": "+ Trip: from, to and travel mode",
    "register.fold.note": "+ Other (optional)",
    "register.label.acute_heading": "Acute danger",
    "register.label.acute": "I am in acute danger now",
    "register.placeholder.choose": "Choose",
    "register.placeholder.phone": "e.g. 070-123 45 67",
    "register.placeholder.contact_phone": "e.g. 070-123 45 67",
    "register.placeholder.address": "Street and town",
    "register.place_kind.meeting": "A meeting at an address",
    "register.place_kind.trip": "A trip from one place to another",
    "register.threat_known.yes": "Yes",
    "register.threat_known.no": "No",
    "register.button.submit": "Register",
    "register.button.cancel": "Cancel",
    "register.errors_summary": "Please check: {fields}.",
    "register.field.organisation_kind": "Engaged in",
    "register.field.organisation": "Organisation name",
    "register.field.phone": "Phone",
    "register.field.contact_role": "Who to inform",
    "register.field.contact_name": "Contact's name",
    "register.field.contact_phone": "Contact's phone",
    "register.field.place_kind": "Meeting or trip",
    "register.field.address": "Address",
    "register.field.trip_from": "Trip from",
    "register.field.trip_to": "Trip to",
    "register.field.mode": "Means of travel",
    "register.field.end_date": "Date",
    "register.field.end_time": "End time",
    "register.field.threat_known": "Known threat",
    "register.field.threat_description": "Threat",
    "register.field.note": "Other",
    "register.errors_fallback": "Having trouble? Call the safety centre on 010-435 40 20 and they will register you.",
    "register.acute_not_sent": (
        "You are not registered yet and the safety centre has not been alerted. Call 112 if you are in acute danger."
    ),
    "register.acute_call_112": "Call 112 now!",
    "register.acute_112": "Call 112",
    "register.cancelled": "The registration was cancelled. Write new when you want to start again.",
    "register.error.required": "Please fill this in.",
    "register.error.too_long": "The text is too long – at most {chars} characters.",
    "register.placeholder.long": "At most {chars} characters",
    "register.error.bad_phone": "That does not look like a phone number. Write e.g. 070-123 45 67 or +46 70 123 45 67.",
    "register.error.bad_choice": "Pick one of the options.",
    "register.error.bad_time": "Give the time as hh:mm, e.g. 14:30.",
    "register.error.in_past": "That time has already passed. Choose an end time in the future.",
    "register.error.too_far": "The end time can be at most {limit} ahead.",
    "register.error.other": "Please check this field.",
    "register.error.end_time.required": "Tell us when you expect to be done.",
    "register.error.threat_description.required": "Describe the threat, or why you feel unsafe.",
    "register.error.mode.required": "Choose how you travel.",
    "register.error.address.required": "Give the meeting's address (or choose trip above).",
    "register.error.trip_from.required": "Tell us where the trip starts.",
    "register.error.trip_to.required": "Tell us where you are going.",
    "receipt.heading": "Your check-in is registered",
    "receipt.heading_acute": "Registered – the safety centre has been alerted",
    "receipt.schedule": "We will remind you {reminder} – check in by {end}.",
    "receipt.schedule_no_reminder": "Check in by {end}.",
    "receipt.delay_hint": "If you are delayed, it is very important that you say so: tap Extend.",
    "receipt.trip": "{trip_from} → {trip_to}",
    "receipt.contact_value": "{role}: {name}, {phone}",
    "receipt.fact.end": "End time",
    "receipt.fact.place": "Place",
    "receipt.fact.trip": "Trip",
    "receipt.fact.phone": "Phone",
    "receipt.fact.contact": "Contact person",
    "receipt.fact.threat": "Known threat",
    "receipt.fact.unsafe": "Why you feel unsafe",
    "receipt.fact.note": "Other",
    "status.heading.active": "Your check-in",
    "status.heading.already_active": "You already have an active check-in",
    "status.offer": "Do you want to extend it or end it?",
    "status.offer_escalated": (
        "The safety centre has the case. You can register a new check-in once they have closed it."
    ),
    "status.heading.escalated": "The safety centre has been alerted",
    "status.heading.missed": "We have not heard from you",
    "status.missed_intro": "The end time has passed without word from you.",
    "status.escalated.body": (
        "The safety centre is calling you on {phone}. Answer the phone – if you do not, the police are alerted."
    ),
    "status.escalated.confirmed": "You have told us all is well. The safety centre is closing the case.",
    "reminder.heading": "Reminder: end time {time}",
    "reminder.body": (
        "Your check-in ends at {time}. Tap All went well when you are done. If you are delayed, extend now – it"
        " is important."
    ),
    "due.heading": "End time {time} – how did it go?",
    "due.body": (
        "If we do not hear from you within {grace}, the safety centre will call you on {phone}. If you do not"
        " answer, the police are alerted."
    ),
    "due.delayed": "I am delayed – new end time:",
    "extend.heading": "Extend the check-in",
    "extend.current": "Current end time: {end}.",
    "extend.choose": "New end time:",
    "extend.time_label": "Or choose a time",
    "extend.time_missing": "Choose a time.",
    "extend.done": "New end time: {end}. Check in by then.",
    "extend.done_with_reminder": "New end time: {end}. We will remind you {reminder}.",
    "extend.already_changed": "The end time has already been changed to {end}.",
    "extend.escalated": (
        "The safety centre has already been alerted, so the end time cannot be moved. Answer when they call –"
        " or tap All went well."
    ),
    "extend.error.bad_time": "I did not understand the time. Write e.g. extend 30 or extend 15:30.",
    "extend.error.required": "Say how long, e.g. extend 30, or a time: extend 15:30.",
    "extend.error.in_past": "That time has already passed. Choose a later time.",
    "extend.error.too_far": "The end time can be at most {limit} ahead.",
    "confirm.done": "Good to hear! The check-in has ended.",
    "confirm.during_escalation": (
        "Thank you! The safety centre can now see that all is well. They may call you to check."
    ),
    "cancel.done": "The check-in is cancelled. The safety centre will not contact you.",
    "cancel.escalated": (
        "The safety centre has already been alerted, so the check-in cannot be cancelled from here. Tap All"
        " went well if all is well."
    ),
    "help_request.done": (
        "The safety centre has been alerted and will call you on {phone}. If you are in acute danger: call 112."
    ),
    "help_request.already": "The safety centre has already been alerted. If you are in acute danger: call 112.",
    "help_request.closed": (
        "This check-in has already ended. If you need help now: call 112, or the safety centre on 010-435 40 20."
    ),
    "closed.heading": "The check-in has ended",
    "closed.outcome.confirmed": "You told us at {time} that all went well.",
    "closed.outcome.confirmed_late": "You told us at {time} that all went well.",
    "closed.outcome.cancelled": "You cancelled the check-in at {time}.",
    "closed.outcome.reached_well": "The safety centre reached you and closed the case at {time}.",
    "closed.outcome.self_reported": "You got in touch and the safety centre closed the case at {time}.",
    "closed.outcome.police_handling": "The safety centre handed the case to the police at {time}.",
    "closed.outcome.other": "The safety centre closed the case at {time}.",
    "error.illegal_transition": "That is not possible in the check-in's current state. Write status to see it.",
    "error.already_recorded": "That has already been recorded.",
    "error.already_active": "You already have an active check-in. Write status to see it.",
    "error.barred": (
        "You cannot use Trygghet at the moment. Contact the security and preparedness department if you have"
        " questions. In acute danger: call 112."
    ),
    "error.not_found": "I cannot find that check-in.",
    "error.bad_end_time": "The end time must be in the future, and not too far ahead.",
    "error.validation_failed": "Some details need another look.",
    # ---- operators' channel and escalation cards (issue 4)
    "channel.bound": (
        "Done! This channel is now the safety centre's operator channel: alarms from Trygghet are posted here."
    ),
    "channel.bound.waiting": "{count} waiting alarm(s) will be posted here within {duration}.",
    "channel.bind.not_in_channel": (
        "Write @Trygghet bind channel in the team channel that should receive the alarms (not in a chat)."
    ),
    "channel.bind.refused": "Only an administrator can bind the operator channel. The attempt has been logged.",
    "channel.status.here": "This channel has been the operator channel since {when} (bound by {by}).",
    "channel.status.elsewhere": (
        "This channel is not the operator channel: alarms go to another channel (bound {when} by {by})."
    ),
    "channel.status.unbound": (
        "No operator channel is bound. Alarms wait until an administrator writes @Trygghet bind channel in "
        "the right channel."
    ),
    "channel.status.open": "Open alarms: {count}, of which {waiting} are waiting to be posted.",
    "esc.note.call_not_due": "The call step is not due now – the card shows where things stand.",
    "esc.note.call_wait": "Wait for the time of the next attempt on the card, or skip the step with a reason.",
    "esc.note.police_not_due": (
        "The person has not been called as the routine says yet – call, or skip the step with a reason."
    ),
    "esc.note.inform_not_due": "The police have not been alerted yet – alert them, or skip the step with a reason.",
    "esc.note.close_not_due": (
        "Steps are left before the case can be closed – do them or skip them with a reason. Your note is "
        "still on the card."
    ),
    "esc.note.step_not_needed": "That step is not needed in this case – the card shows where things stand.",
    "esc.note.reason_required": "Write a reason to skip the step – what you typed is still on the card.",
    "esc.note.not_stale": "{name} is handling the case and was active just now – the card shows where things stand.",
    "esc.note.raced": "{name} got there first – the card shows the current state.",
    "esc.note.already_recorded": "Already recorded – the card shows the current state.",
    "esc.note.closed": "The case is already closed – the card shows the current state.",
    "esc.note.refused": "Only the safety centre's operators can handle alarms. The attempt has been logged.",
    "esc.note.not_found": "I cannot find that case.",
    "esc.note.recorded": "Recorded.",
    "esc.note.bad_choice": "Pick one of the options on the card.",
    "esc.note.no_outcome": "Pick an outcome before closing – your note is still on the card.",
    # ---- admin commands and privacy (issue 5)
    "admin.not_allowed": (
        "This command is for Trygghet's administrators, and you do not have that role. The attempt has been logged."
        " Write help to see what you can do here."
    ),
    "admin.personal_only": "Admin commands only work in the personal chat with Trygghet, not here.",
    "admin.help": (
        "**Admin commands** – write admin and the command; the same commands exist in a terminal as trygghet-admin.\n"
        "- active – check-ins under way: who, where, end time, state\n"
        "- alarms [from] [to] – open alarms and who handles them; with dates: every alarm in the period\n"
        "- history <person> – a person's check-ins and alarms\n"
        "- case <id> – one case's whole course: each step, who and when (the id is in alarms and history)\n"
        "- statistics [from] [to] – dates as YYYY-MM-DD (without dates: the last 30 days)\n"
        "- export <from> <to> – the audit log as CSV for Excel\n"
        "- bar <person> <reason> · unbar <person> (the head of security decides) · barred\n"
        "- flagged – people with repeated alarms where all was well\n"
        "- roles · roles give <person> operator|admin|security-head · roles take <person>\n"
        "- standby · standby set <person>, <person> … · standby clear – who is called when nobody takes an alarm\n"
        "- settings · settings set <name> <value>\n"
        "- purge [--dry-run] – erase personal data past the retention period now\n"
        "A person is named by name (or part of it), e-mail address or AAD id. The Swedish command words work too."
        " Add --format csv (or json) after active, alarms, history, barred or flagged to get the list as a file."
    ),
    "admin.unknown": 'There is no command "{command}".',
    "admin.more": "… and {count} more.",
    "admin.erased": "(personal data erased)",
    "admin.person.not_found": 'I find nobody with the name, e-mail address or id "{query}".',
    "admin.person.ambiguous": 'Several people match "{query}". Write more of the name, the e-mail address or the id:',
    "admin.error.too_many_words": "That command does not take that many words. Write admin help to see how to use it.",
    "admin.error.person_required": "Name a person: name, e-mail address or AAD id.",
    "admin.error.bad_date": '"{text}" is not a date. Write dates as YYYY-MM-DD, for example 2026-03-12.',
    "admin.error.bad_format": '"{text}" is not a format here. Write --format csv or --format json.',
    "admin.error.period_required": "Give both a from and a to date, for example: export 2026-03-01 2026-03-31.",
    "admin.error.period_backwards": "The period ends ({last}) before it starts ({first}).",
    "admin.error.reason_required": "Write a reason after the person, for example: bar Anna Andersson repeated alarms.",
    "admin.error.security_head_only": (
        "Bars are decided by the head of security and preparedness (the security-head role). An admin can "
        "give the role: roles give <person> security-head."
    ),
    "admin.error.standby_empty": "Name who is on the standby list, for example: standby set Anna Andersson, Bo Berg.",
    "admin.error.standby_too_many": "At most 20 people on the standby list.",
    "admin.error.standby_no_role": (
        "Only people with the operator, admin or security-head role can be on the standby list."
    ),
    "admin.error.standby_usage": "Write standby, standby set <person>, <person> … or standby clear.",
    "admin.standby.title": "The standby list ({count}) – gets the card when nobody in the channel has taken an alarm:",
    "admin.standby.default": (
        "No standby list is set, so the admins ({count}) get the card when nobody in the channel has taken an alarm:"
    ),
    "admin.standby.none": (
        "The standby list is empty and there are no admins to call – set it with standby set <person>."
    ),
    "admin.error.role_usage": "Write roles give <person> operator|admin|security-head or roles take <person>.",
    "admin.error.settings_usage": "Write settings set <name> <value>, for example: settings set retention P60D.",
    "admin.error.setting_unknown": 'There is no setting called "{name}". Write admin settings for the list.',
    "admin.error.setting_not_duration": (
        "{name} is a duration: write it as ISO 8601 (PT5M = 5 minutes, PT2H = 2 hours, P30D = 30 days) or in seconds."
    ),
    "admin.error.setting_not_number": "{name} is a count: write a whole number.",
    "admin.error.setting_out_of_range": "{name} must be between {low} and {high}.",
    "admin.error.already_barred": "That person is already barred.",
    "admin.error.not_barred": "That person is not barred.",
    "admin.error.bad_role": "No such role: choose operator or admin.",
    "admin.error.admin_from_environment": (
        "That person is an administrator through the TRYGGHET_ADMINS setting; change it in the hosting, not here."
    ),
    "admin.error.no_role": "That person has no role to take away.",
    "admin.error.no_flag": "There is no flag for that person.",
    "admin.error.no_case": "There is no case with that id. The id is at the end of the lines of alarms and history.",
    "admin.error.case_required": "Give the case's id, for example: case 20260312080000-931b88.",
    "admin.error.already_recorded": "That is already done.",
    "admin.outcome.open": "open",
    "admin.kind.missed": "alarm (no check-in) {time}",
    "admin.kind.acute": "ACUTE alarm {time}",
    "admin.esc.claimed": "handled by {name}",
    "admin.esc.unclaimed": "nobody has taken it",
    "admin.esc.calls": "calls: {count}",
    "admin.esc.confirmed": "the person checked in {time}",
    "admin.esc.police": "police alerted {time}",
    "admin.esc.closed": "closed {time}: {outcome}",
    "admin.where.trip": "trip {origin} → {destination}",
    "admin.role.admin": "administrator",
    "admin.role.operator": "operator",
    "admin.role.security_head": "head of security",
    "admin.role.none": "no role",
    "admin.active.none": "Nobody is out with a check-in right now.",
    "admin.active.title": "**Active check-ins: {count}**",
    "admin.active.line": "{name} ({organisation}) – {where} – end time {end} – {state}",
    "admin.alarms.none": "No open alarms.",
    "admin.alarms.title": "**Open alarms: {count}**",
    "admin.alarms.line": "{name}: {escalation}",
    "admin.alarms.period_title": "**Alarms {period}: {count}**",
    "admin.alarms.period_none": "No alarms {period}.",
    "admin.history.title": "**History of {person}**",
    "admin.history.role": "Role: {role}",
    "admin.history.barred": "Barred since {when} by {by}. Reason: {reason}",
    "admin.history.summary": "Check-ins: {sessions}, alarms: {escalations}, of which {needless} where all was well.",
    "admin.history.line": "{created} – end time {end} – {organisation} – {where} – {state}",
    "admin.case.title": "**Case {case}**: {name} ({organisation}), end time {end} – {state}",
    "admin.case.ref": "case {case}",
    "admin.case.event": "{time} {event} – {actor}",
    "admin.stats.title": "**Statistics {period}**",
    "admin.stats.sessions": "Check-ins: {count} ({active} still active)",
    "admin.stats.on_time": "Checked in on time: {count}",
    "admin.stats.late": "Checked in late: {count}",
    "admin.stats.cancelled": "Cancelled: {count}",
    "admin.stats.escalations": "Alarms: {count} ({outcomes})",
    "admin.stats.outcome": "{outcome}: {count}",
    "admin.stats.police": "Police alerts: {count}",
    "admin.stats.lateness": (
        "After the end time: {late}, median {median} min, 90% within {p90} min; {after_alarm} of them after an alarm"
    ),
    "admin.stats.no_lateness": "After the end time: no check-ins",
    "admin.stats.per_organisation": "Per organisation:",
    "admin.stats.organisation": "{organisation}: {sessions}, {escalations}, {police}",
    "admin.export.title": "**Audit log {period}**: {events} in {sessions}",
    "admin.export.kind": "{event}: {count}",
    "admin.export.consent": "The audit log {period} as a CSV file for Excel ({events}).",
    "admin.export.offer": "Tap **Allow** on the card below, and the file is saved in your OneDrive and shown here.",
    "admin.export.file_title": "the audit log {period}",
    "admin.file.uploaded": "Here is {title}: {name}",
    "admin.table.title": "the answer to {command} as a {kind}",
    "admin.table.consent": "The answer to {command} as a {kind} ({rows}).",
    "admin.format.csv": "CSV file for Excel",
    "admin.format.json": "JSON file",
    "admin.export.declined": "You declined. No file was sent.",
    "admin.export.upload_failed": (
        "The file could not be uploaded. Write admin {command} again in a while, or get it with"
        " trygghet-admin {command}."
    ),
    "admin.export.saved": "The file is saved: {path}",
    "admin.csv.time": "Time",
    "admin.csv.event": "Event",
    "admin.csv.session": "Case",
    "admin.csv.person": "Person",
    "admin.csv.actor_kind": "Done by (kind)",
    "admin.csv.actor": "Done by",
    "admin.csv.details": "Details",
    "admin.column.case": "Case",
    "admin.column.person": "Person",
    "admin.column.organisation": "Organisation",
    "admin.column.where": "Where",
    "admin.column.created": "Registered",
    "admin.column.end": "End time",
    "admin.column.state": "State",
    "admin.column.alarm": "Alarm",
    "admin.column.barred_at": "Barred",
    "admin.column.barred_by": "Barred by",
    "admin.column.reason": "Reason",
    "admin.column.needless": "Needless alarms",
    "admin.column.latest": "Latest",
    "admin.column.decision": "Decision",
    "admin.format.no_table": (
        "{command} answers in text only. --format json and --format csv are there for aktiva, larm, historik,"
        " spärrade and flaggade."
    ),
    "admin.detail.end_time": "end time",
    "admin.detail.acute": "acute",
    "admin.detail.silent": "silent alarm",
    "admin.detail.from": "from",
    "admin.detail.to": "to",
    "admin.detail.late": "after the end time",
    "admin.detail.outcome": "outcome",
    "admin.detail.kind": "kind",
    "admin.detail.from_name": "previous handler",
    "admin.detail.case_number": "police case number",
    "admin.detail.attempt": "attempt",
    "admin.detail.result": "result",
    "admin.detail.party": "party",
    "admin.detail.step": "step",
    "admin.detail.count": "count",
    "admin.detail.tier": "tier",
    "admin.detail.targets": "recipients",
    "admin.detail.claimant": "handler",
    "admin.detail.action": "action",
    "admin.detail.setting": "setting",
    "admin.detail.name": "name",
    "admin.detail.old": "old value",
    "admin.detail.new": "new value",
    "admin.detail.reason": "reason",
    "admin.detail.role": "role",
    "admin.detail.profile_deleted": "profile deleted",
    "admin.detail.kept_running": "running check-in kept",
    "admin.detail.channel_id": "channel",
    "admin.detail.team_id": "team",
    "admin.detail.sessions": "check-ins",
    "admin.detail.profiles": "profiles",
    "admin.detail.dialogs": "dialogs",
    "admin.detail.kind.missed": "no check-in",
    "admin.detail.kind.acute": "acute",
    "admin.detail.yes": "yes",
    "admin.detail.no": "no",
    "admin.bars.none": "Nobody is barred.",
    "admin.bars.title": "**Barred: {count}**",
    "admin.bars.line": "{name} – since {when}, by {by} – reason: {reason}",
    "admin.bars.barred": (
        "{name} is now barred (reason: {reason}). They cannot register new check-ins; a check-in already under way"
        " is guarded to its end."
    ),
    "admin.bars.told": "The person has been told in their chat with Trygghet.",
    "admin.bars.not_told": "The person could not be told in Teams from here – let them know another way.",
    "admin.bars.unbarred": "The bar on {name} is lifted.",
    "admin.flagged.title": "**Flagged: {count}** (at least {threshold} where all was well, {period})",
    "admin.flagged.none": "Nobody reaches the threshold right now.",
    "admin.flagged.line": "{person} – {alarms}, latest {latest} – {decision}",
    "admin.flagged.decision.open": "awaiting a decision",
    "admin.flagged.decision.ignored": "ignored",
    "admin.flagged.decision.barred": "barred",
    "admin.flagged.decision.lifted": "bar lifted",
    "admin.flag.title": "Repeated alarms where all was well",
    "admin.flag.summary": "Flagged: {name}",
    "admin.flag.body": (
        "{name} has not checked in at the end time {times} in {period}, although all was well."
        " Under the routine, the head of security and preparedness may decide that the person may no longer use"
        " the service. The decision is yours: bar or ignore."
    ),
    "admin.flag.reason.label": "Reason (kept with the bar)",
    "admin.flag.reason.default": "Repeated alarms where all was well ({alarms} in {days})",
    "admin.flag.bar": "Bar",
    "admin.flag.ignore": "Ignore",
    "admin.flag.alarms_title": "The end times without a check-in:",
    "admin.flag.alarm": "{when} – {outcome}",
    "admin.flag.alarm_police": "{when} – {outcome} (the police were alerted for nothing)",
    "admin.flag.outcome.reached_well": "the safety centre reached the person, all was well",
    "admin.flag.outcome.confirmed_late": "the person checked in after the alarm",
    "admin.flag.outcome.self_reported": "the person called or got in touch another way, all was well",
    "bar.notice": (
        "You can no longer register new watches with the safety service. The head of security and "
        "preparedness decided this because you repeatedly could not be reached although all was well, and the"
        " police were alerted for nothing. A watch already running continues to its end. Questions about the "
        "decision: ask your manager or call the safety centre on 010-435 40 20."
    ),
    "bar.lifted": "You can use the safety service again. Write new when you want to register a watch.",
    "admin.flag.decided.barred": "{name} is barred (decided by {by}).",
    "admin.flag.decided.ignored": "The flag on {name} is ignored (decided by {by}); no bar.",
    "admin.roles.title": "**Roles: {count}**",
    "admin.roles.line": "{name} – {role} ({source})",
    "admin.roles.from_env": "from TRYGGHET_ADMINS",
    "admin.roles.granted": "given by {by}",
    "admin.roles.team.title": (
        "**Operators through the bound channel's team: {count}** (without a role of their own; operators in "
        "the channel)"
    ),
    "admin.roles.team.line": "{name} ({upn})",
    "admin.roles.team.unbound": "No operator channel is bound, so nobody is an operator through a team.",
    "admin.roles.team.no_teams": (
        "The operators through the bound channel's team are shown in Teams only (write admin roles there)."
    ),
    "admin.roles.team.unavailable": (
        "Teams did not answer, so the operators through the channel's team cannot be shown right now. Try "
        "again shortly."
    ),
    "admin.roles.given": "{name} now has the role {role}.",
    "admin.roles.taken": "{name} no longer has the role {role}.",
    "admin.settings.title": "**Settings**",
    "admin.settings.line": "- {name} = {value} – {about}",
    "admin.settings.line.changed": "- {name} = {value} (changed; default {default}) – {about}",
    "admin.settings.how": (
        "Change with: settings set <name> <value>. Durations are written as ISO 8601 (PT5M, PT2H, P30D) or in seconds."
    ),
    "admin.settings.changed": "{name} is changed from {old} to {new}. The change applies everywhere within 15 seconds.",
    "admin.setting.reminder_lead": "reminder this long before the end time",
    "admin.setting.reminder_early": "in a burst, reminders may leave this much early",
    "admin.setting.grace": "wait after the end time before the alarm",
    "admin.setting.call_interval": "time between call attempts",
    "admin.setting.call_attempts": "call attempts before the police are alerted",
    "admin.setting.unclaimed_renotify": "remind the operators when nobody has taken an alarm after",
    "admin.setting.standby_after": "reminders in the thread before the channel and the standby list are called",
    "admin.setting.claim_stale": "tell the thread when whoever took a case has done nothing for",
    "admin.setting.max_session": "longest check-in allowed",
    "admin.setting.retention": "how long personal data of closed check-ins is kept",
    "admin.setting.delivery_retry": "retry after a message could not be delivered",
    "admin.setting.flag_threshold": "alarms where all was well that flag a person",
    "admin.setting.flag_period": "the period those alarms are counted in",
    "admin.purge.done": (
        "Purge done: the personal data of {sessions} closed by {cutoff} and the prefilled details of {profiles}"
        " are erased."
    ),
    "admin.purge.dry_run": (
        "Dry run, nothing changed: the personal data of {sessions} closed by {cutoff} and the prefilled details of"
        " {profiles} would be erased."
    ),
    "privacy.personal_only": "Your data is shown and deleted only in the personal chat with Trygghet, not here.",
    "privacy.yes": "yes",
    "privacy.no": "no",
    "privacy.title": "**What Trygghet has stored about you**",
    "privacy.name": "Name: {name}",
    "privacy.id": "Id: {id}",
    "privacy.locale": "Language: {locale}",
    "privacy.reachable": "A stored way to reach you in Teams: {answer}",
    "privacy.prefill": "Prefilled next time: {values}",
    "privacy.no_profile": "No profile stored",
    "privacy.role": "Role: {role}",
    "privacy.barred": "Barred since {when}. Reason: {reason}",
    "privacy.sessions": (
        "Check-ins: {count}. The personal data of a closed check-in is erased {days} days after it closed."
    ),
    "privacy.session.organisation": "Organisation: {organisation} ({kind})",
    "privacy.session.phone": "Phone: {phone}",
    "privacy.session.contact": "Contact: {role} {name}, {phone}",
    "privacy.session.where": "Where: {where}",
    "privacy.threat.known": "Known threat: {text}",
    "privacy.threat.unknown": "No known threat. Why you felt unsafe: {text}",
    "privacy.session.note": "Note: {note}",
    "privacy.session.operator_note": "The safety centre's note: {note}",
    "privacy.forget.done": (
        "Done: your profile and your prefilled details are deleted. Closed check-ins are kept for audit and their"
        " personal data is erased {days} days after they closed. If you write to me again, I keep only what I need to"
        " answer you."
    ),
    "privacy.forget.running": (
        "You have a check-in under way with end time {end}. It goes on as usual and I must be able to reach you, so"
        " the way to reach you in Teams is kept. Your prefilled details are deleted. Write forget me again when the"
        " check-in has closed to delete the rest. The personal data of closed check-ins is erased {days} days after"
        " they closed."
    ),
    "privacy.forget.nothing": (
        "There was no profile to delete. The personal data of closed check-ins is erased {days} days after they closed."
    ),
    "codeword.heading": "Code word",
    "codeword.what": (
        "A code word is a word only you know. If you write it to me, alone or after done, I only answer “Thanks, "
        "noted.” and alert the safety centre silently. They will not call your phone first. Choose a word you do not "
        "write for other reasons."
    ),
    "codeword.label": "New code word (4–64 characters)",
    "codeword.save": "Save the code word",
    "codeword.remove": "Remove the code word",
    "codeword.current.set": "You have a code word. Save a new one to change it.",
    "codeword.current.none": "You have no code word.",
    "codeword.saved": "Your code word is saved. It is never shown, not even to the safety centre.",
    "codeword.removed": "Your code word is removed.",
    "codeword.not_in_chat": (
        "Do not write the code word in the chat. Use the field in the card below, where it does not show. What you "
        "wrote was not saved."
    ),
    "error.code_word_length": "The code word must be 4–64 characters (spaces do not count).",
    "error.code_word_reserved": "You write that word to me for other reasons (such as help or status). Choose another.",
    "error.code_word_needs_registration": (
        "Register a check-in first (write new), so the safety centre knows how to reach you if you use the word."
    ),
    "silent.reply": "Thanks, noted.",
    "silent.note.no_watch": (
        "Silent alarm with no check-in running: the place and details are from the person's latest registration and "
        "may be out of date."
    ),
    "user.rate_limited": "Too many messages – please wait a moment.",
}
