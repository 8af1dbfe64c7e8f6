"""Swedish texts (the default language): message key -> `str.format` template.

Every key here must also be in `en.py`, with the same `{placeholders}` (a test checks this).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "welcome.channel": (
        "Trygghet är installerad här. Bevakningar registreras i en personlig chatt med Trygghet. "
        "En administratör gör en kanal till trygghetscentralens operatörskanal "
        "genom att skriva @Trygghet koppla kanal i den."
    ),
    "welcome.title": "Välkommen till Trygghet",
    "welcome.description.1": (
        "Ska du på möte eller resa i ditt uppdrag för VGR och känner dig otrygg? Registrera var du ska vara och"
        " när du räknar med att vara klar (sluttid)."
    ),
    "welcome.description.2": (
        "Vid sluttid hör du av dig här och meddelar att allt gått bra. Blir du försenad är det mycket viktigt att"
        " du meddelar det."
    ),
    "welcome.description.3": (
        "Hör du inte av dig ringer trygghetscentralen upp dig på numret du angett. Svarar du inte larmas polis."
    ),
    "fallback.phone": "Om Teams inte fungerar: ring trygghetscentralen 010-435 40 20",
    "error.generic": (
        "Förlåt, något gick fel hos oss. Försök igen om en liten stund – eller ring trygghetscentralen på"
        " 010-435 40 20."
    ),
    "error.outage": "Trygghetstjänsten har tekniska problem just nu. Ring trygghetscentralen på 010-435 40 20.",
    "help.title": "Hjälp",
    "count.sessions.one": "{count} bevakning",
    "count.sessions.other": "{count} bevakningar",
    "count.confirmations.one": "{count} bekräftelse",
    "count.confirmations.other": "{count} bekräftelser",
    "count.events.one": "{count} händelse",
    "count.events.other": "{count} händelser",
    "count.rows.one": "{count} rad",
    "count.rows.other": "{count} rader",
    "count.alarms.one": "{count} larm",
    "count.alarms.other": "{count} larm",
    "count.police_alerts.one": "{count} polislarm",
    "count.police_alerts.other": "{count} polislarm",
    "count.times.one": "{count} gång",
    "count.times.other": "{count} gånger",
    "count.people.one": "{count} person",
    "count.people.other": "{count} personer",
    "count.days.one": "{count} dag",
    "count.days.other": "{count} dagar",
    "count.last_days.one": "det senaste dygnet",
    "count.last_days.other": "de senaste {count} dagarna",
    "duration.minutes.one": "{count} minut",
    "duration.minutes.other": "{count} minuter",
    "duration.hours.one": "{count} timme",
    "duration.hours.other": "{count} timmar",
    "duration.hours_and_minutes": "{hours} och {minutes}",
    "label.org_kind.verksamhet": "Verksamhet",
    "label.org_kind.namnd": "Nämnd",
    "label.org_kind.styrelse": "Styrelse",
    "label.contact_role.verksamhetschef": "Verksamhetschef",
    "label.contact_role.sakerhetsansvarig": "Partiets säkerhetsansvarige",
    "label.contact_role.kontaktperson": "Utsedd kontaktperson",
    "label.mode.bil": "Bil",
    "label.mode.sparvagn": "Spårvagn",
    "label.mode.buss": "Buss",
    "label.mode.tag": "Tåg",
    "label.mode.till_fots": "Till fots",
    "label.mode.annat": "Annat färdsätt",
    "label.state.registered": "registrerad",
    "label.state.reminded": "påmind",
    "label.state.due": "sluttid passerad, väntar på bekräftelse",
    "label.state.escalated": "LARM",
    "label.state.closed": "avslutad",
    "label.outcome.confirmed": "Bekräftad i tid",
    "label.outcome.confirmed_late": "Bekräftad sent",
    "label.outcome.cancelled": "Avbruten",
    "label.outcome.reached_well": "Personen nådd – allt väl",
    "label.outcome.self_reported": "Personen hörde av sig själv – allt väl",
    "label.outcome.police_handling": "Polisen hanterar",
    "label.outcome.other": "Annat",
    "label.actor.user": "användare",
    "label.actor.operator": "operatör",
    "label.actor.admin": "administratör",
    "label.actor.system": "systemet",
    "label.call.answered_well": "Svarade – allt väl",
    "label.call.answered_needs_help": "Svarade – behöver hjälp",
    "label.call.no_answer": "Inget svar",
    "label.party.police": "polisen",
    "label.party.contact": "kontaktpersonen",
    "label.party.rtib": "RTiB / TiB",
    "label.event.registered": "registrerad",
    "label.event.reminder_due": "påminnelse",
    "label.event.confirmation_due": "sluttid",
    "label.event.extended": "förlängd",
    "label.event.confirmed": "bekräftad",
    "label.event.cancelled": "avbruten",
    "label.event.help_requested": "bad om hjälp",
    "label.event.escalated": "larm",
    "label.event.renotified": "larm påmint",
    "label.event.claimed": "ärendet taget",
    "label.event.claim_stale": "ingen åtgärd på länge",
    "label.event.claim_taken_over": "ärendet övertaget",
    "label.event.step_skipped": "steg överhoppat",
    "label.event.call_recorded": "samtal",
    "label.event.call_retry_due": "dags för nytt samtal",
    "label.event.police_alerted": "polis larmad",
    "label.event.contact_informed": "kontaktperson informerad",
    "label.event.rtib_informed": "RTiB informerad",
    "label.event.told_safe": "meddelad: personen i säkerhet",
    "label.event.escalation_closed": "larm avslutat",
    "label.event.personal_data_erased": "personuppgifter raderade",
    "label.event.action_refused": "nekad åtgärd",
    "label.event.barred": "spärrad",
    "label.event.unbarred": "spärr hävd",
    "label.event.role_granted": "roll given",
    "label.event.role_revoked": "roll borttagen",
    "label.event.setting_changed": "inställning ändrad",
    "label.event.channel_bound": "operatörskanal kopplad",
    "label.event.profile_forgotten": "profil raderad",
    "label.event.admin_command": "adminkommando",
    "label.event.purge_run": "rensning",
    "label.event.flagged": "flaggad",
    "label.event.code_word_changed": "trygghetsord ändrat",
    # ---- the user's personal chat (issue 3)
    "user.at_time": "kl. {time}",
    "user.by_time": "kl. {time}",
    "user.acute_112": "Är du i akut fara: ring 112.",
    "user.no_active": "Du har ingen aktiv bevakning just nu. Skriv ny för att registrera en.",
    "user.already_closed": "Den här bevakningen är redan avslutad.",
    "user.personal_only": "Det här gör du i din personliga chatt med Trygghet.",
    "user.cancel.question": (
        "Vill du avbryta bevakningen? Då hör trygghetscentralen inte av sig, även om du inte bekräftar."
    ),
    "user.button.new": "Ny bevakning",
    "user.button.help_info": "Hjälp",
    "user.button.status": "Status",
    "user.button.confirm": "Allt gick bra",
    "user.button.extend": "Förläng",
    "user.button.cancel": "Avbryt",
    "user.button.cancel_confirm": "Ja, avbryt bevakningen",
    "user.button.help": "Jag behöver hjälp",
    "user.button.minutes": "+{minutes} min",
    "user.button.other_time": "Annan tid …",
    "user.button.save_time": "Spara ny sluttid",
    "help.intro": "Skriv ett av orden nedan, eller använd knapparna på korten.",
    "help.command.new": "ny",
    "help.command.new.what": "Registrera en ny bevakning",
    "help.command.status": "status",
    "help.command.status.what": "Visa din aktiva bevakning",
    "help.command.done": "klar",
    "help.command.done.what": "Allt gick bra – avsluta bevakningen",
    "help.command.extend": "förläng 30 / förläng 15:30",
    "help.command.extend.what": "Flytta sluttiden 30 minuter, eller till kl. 15:30",
    "help.command.cancel": "avbryt",
    "help.command.cancel.what": "Avbryt bevakningen (eller en påbörjad registrering)",
    "help.command.help": "hjälp",
    "help.command.help.what": "Visa den här hjälpen",
    "help.command.codeword": "trygghetsord",
    "help.command.codeword.what": "Sätt ett ord som larmar trygghetscentralen i tysthet",
    "help.delayed": "Blir du försenad är det mycket viktigt att du meddelar det: tryck Förläng eller skriv förläng 30.",
    "register.heading": "Ny bevakning",
    "register.intro": "Fyll i uppgifterna. Trygghetscentralen använder dem om du inte hör av dig vid sluttid.",
    "register.section.you": "Du",
    "register.section.contact": "Kontaktperson",
    "register.section.where": "Var du ska vara",
    "register.section.when": "Sluttid",
    "register.section.threat": "Hotbild",
    "register.label.organisation_kind": "Jag är engagerad i en",
    "register.label.organisation": "Verksamhetens, nämndens eller styrelsens namn",
    "register.label.phone": "Ditt telefonnummer (där trygghetscentralen når dig)",
    "register.label.contact_role": "Vem ska informeras om polis larmas?",
    "register.label.contact_name": "Kontaktpersonens namn",
    "register.label.contact_phone": "Kontaktpersonens telefonnummer",
    "register.label.place_kind": "Ska du på möte eller resa?",
    "register.label.address": "Adress (krävs vid möte)",
    "register.label.trip_from": "Från (krävs vid resa)",
    "register.label.trip_to": "Till (krävs vid resa)",
    "register.label.mode": "Färdsätt (krävs vid resa)",
    "register.label.end_date": "Datum",
    "register.label.end_time": "Sluttid – när räknar du med att vara klar?",
    "register.label.threat_known": "Finns det en känd hotbild?",
    "register.label.threat_description": "Beskriv hotbilden – eller varför du känner dig hotad, orolig eller utsatt",
    "register.label.note": "Övrigt (frivilligt)",
    "register.fold.trip": "+ Resa: från, till och färdsätt",
    "register.fold.note": "+ Övrigt (frivilligt)",
    "register.label.acute_heading": "Akut fara",
    "register.label.acute": "Jag är i akut fara nu",
    "register.placeholder.choose": "Välj",
    "register.placeholder.phone": "t.ex. 070-123 45 67",
    "register.placeholder.contact_phone": "t.ex. 070-123 45 67",
    "register.placeholder.address": "Gata och ort",
    "register.place_kind.meeting": "Möte på en adress",
    "register.place_kind.trip": "Resa från en plats till en annan",
    "register.threat_known.yes": "Ja",
    "register.threat_known.no": "Nej",
    "register.button.submit": "Registrera",
    "register.button.cancel": "Avbryt",
    "register.errors_summary": "Kontrollera: {fields}.",
    "register.field.organisation_kind": "Engagerad i",
    "register.field.organisation": "Organisationens namn",
    "register.field.phone": "Telefon",
    "register.field.contact_role": "Vem som ska informeras",
    "register.field.contact_name": "Kontaktpersonens namn",
    "register.field.contact_phone": "Kontaktpersonens telefon",
    "register.field.place_kind": "Möte eller resa",
    "register.field.address": "Adress",
    "register.field.trip_from": "Resa från",
    "register.field.trip_to": "Resa till",
    "register.field.mode": "Färdsätt",
    "register.field.end_date": "Datum",
    "register.field.end_time": "Sluttid",
    "register.field.threat_known": "Känd hotbild",
    "register.field.threat_description": "Hotbild",
    "register.field.note": "Övrigt",
    "register.errors_fallback": "Krånglar det? Ring trygghetscentralen 010-435 40 20, så registrerar de åt dig.",
    "register.acute_not_sent": (
        "Du är inte registrerad än och trygghetscentralen är inte larmad. Ring 112 om du är i akut fara."
    ),
    "register.acute_call_112": "Ring 112 nu!",
    "register.acute_112": "Ring 112",
    "register.cancelled": "Registreringen avbröts. Skriv ny när du vill börja om.",
    "register.error.required": "Fyll i det här.",
    "register.error.too_long": "Texten är för lång – högst {chars} tecken.",
    "register.placeholder.long": "Högst {chars} tecken",
    "register.error.bad_phone": (
        "Det ser inte ut som ett telefonnummer. Skriv till exempel 070-123 45 67 eller +46 70 123 45 67."
    ),
    "register.error.bad_choice": "Välj ett av alternativen.",
    "register.error.bad_time": "Ange tiden som tt:mm, till exempel 14:30.",
    "register.error.in_past": "Den tiden har redan passerat. Välj en sluttid framåt i tiden.",
    "register.error.too_far": "Sluttiden får ligga högst {limit} fram i tiden.",
    "register.error.other": "Kontrollera det här fältet.",
    "register.error.end_time.required": "Ange när du räknar med att vara klar.",
    "register.error.threat_description.required": "Beskriv hotbilden, eller varför du känner dig otrygg.",
    "register.error.mode.required": "Välj hur du reser.",
    "register.error.address.required": "Ange mötets adress (eller välj resa ovan).",
    "register.error.trip_from.required": "Ange var resan börjar.",
    "register.error.trip_to.required": "Ange vart du reser.",
    "receipt.heading": "Bevakningen är registrerad",
    "receipt.heading_acute": "Registrerad – trygghetscentralen är larmad",
    "receipt.schedule": "Vi påminner dig {reminder} – bekräfta senast {end}.",
    "receipt.schedule_no_reminder": "Bekräfta senast {end}.",
    "receipt.delay_hint": "Blir du försenad är det mycket viktigt att du meddelar det: tryck Förläng.",
    "receipt.trip": "{trip_from} → {trip_to}",
    "receipt.contact_value": "{role}: {name}, {phone}",
    "receipt.fact.end": "Sluttid",
    "receipt.fact.place": "Plats",
    "receipt.fact.trip": "Resa",
    "receipt.fact.phone": "Telefon",
    "receipt.fact.contact": "Kontaktperson",
    "receipt.fact.threat": "Känd hotbild",
    "receipt.fact.unsafe": "Varför du känner dig otrygg",
    "receipt.fact.note": "Övrigt",
    "status.heading.active": "Din bevakning",
    "status.heading.already_active": "Du har redan en aktiv bevakning",
    "status.offer": "Vill du förlänga den eller avsluta den?",
    "status.offer_escalated": (
        "Trygghetscentralen har ärendet. Du kan registrera en ny bevakning när de har avslutat det."
    ),
    "status.heading.escalated": "Trygghetscentralen är larmad",
    "status.heading.missed": "Vi har inte hört av dig",
    "status.missed_intro": "Sluttiden har passerat utan besked från dig.",
    "status.escalated.body": "Trygghetscentralen ringer dig på {phone}. Svara i telefon – svarar du inte larmas polis.",
    "status.escalated.confirmed": "Du har meddelat att allt är bra. Trygghetscentralen avslutar ärendet.",
    "reminder.heading": "Påminnelse: sluttid kl. {time}",
    "reminder.body": (
        "Din bevakning slutar kl. {time}. Tryck Allt gick bra när du är klar. Blir du försenad: förläng nu,"
        " det är viktigt."
    ),
    "due.heading": "Sluttid kl. {time} – hur gick det?",
    "due.body": (
        "Hör vi inget från dig inom {grace} ringer trygghetscentralen dig på {phone}. Svarar du inte larmas polis."
    ),
    "due.delayed": "Jag är försenad – ny sluttid:",
    "extend.heading": "Förläng bevakningen",
    "extend.current": "Nuvarande sluttid: {end}.",
    "extend.choose": "Ny sluttid:",
    "extend.time_label": "Eller välj en tid",
    "extend.time_missing": "Välj en tid.",
    "extend.done": "Ny sluttid {end}. Bekräfta senast då.",
    "extend.done_with_reminder": "Ny sluttid {end}. Vi påminner dig {reminder}.",
    "extend.already_changed": "Sluttiden är redan ändrad till {end}.",
    "extend.escalated": (
        "Trygghetscentralen är redan larmad, så sluttiden kan inte flyttas. Svara när de ringer – eller tryck"
        " Allt gick bra."
    ),
    "extend.error.bad_time": "Jag förstod inte tiden. Skriv till exempel förläng 30 eller förläng 15:30.",
    "extend.error.required": "Skriv hur länge, till exempel förläng 30, eller en tid: förläng 15:30.",
    "extend.error.in_past": "Den tiden har redan passerat. Välj en senare tid.",
    "extend.error.too_far": "Sluttiden får ligga högst {limit} fram i tiden.",
    "confirm.done": "Skönt att höra! Bevakningen är avslutad.",
    "confirm.during_escalation": "Tack! Trygghetscentralen ser nu att allt är bra. De kan ringa dig för att stämma av.",
    "cancel.done": "Bevakningen är avbruten. Trygghetscentralen kommer inte att höra av sig.",
    "cancel.escalated": (
        "Trygghetscentralen är redan larmad, så bevakningen kan inte avbrytas härifrån. Tryck Allt gick bra om"
        " allt är bra."
    ),
    "help_request.done": "Trygghetscentralen är larmad och ringer dig på {phone}. Är du i akut fara: ring 112.",
    "help_request.already": "Trygghetscentralen är redan larmad. Är du i akut fara: ring 112.",
    "help_request.closed": (
        "Den här bevakningen är redan avslutad. Behöver du hjälp nu: ring 112, eller trygghetscentralen 010-435 40 20."
    ),
    "closed.heading": "Bevakningen är avslutad",
    "closed.outcome.confirmed": "Du meddelade kl. {time} att allt gick bra.",
    "closed.outcome.confirmed_late": "Du meddelade kl. {time} att allt gick bra.",
    "closed.outcome.cancelled": "Du avbröt bevakningen kl. {time}.",
    "closed.outcome.reached_well": "Trygghetscentralen nådde dig och avslutade ärendet kl. {time}.",
    "closed.outcome.self_reported": "Du hörde av dig och trygghetscentralen avslutade ärendet kl. {time}.",
    "closed.outcome.police_handling": "Trygghetscentralen lämnade ärendet till polisen kl. {time}.",
    "closed.outcome.other": "Trygghetscentralen avslutade ärendet kl. {time}.",
    "error.illegal_transition": "Det går inte i bevakningens nuvarande läge. Skriv status för att se läget.",
    "error.already_recorded": "Det är redan registrerat.",
    "error.already_active": "Du har redan en aktiv bevakning. Skriv status för att se den.",
    "error.barred": (
        "Du kan inte använda Trygghet just nu. Kontakta avdelningen säkerhet och beredskap om du har frågor."
        " Vid akut fara: ring 112."
    ),
    "error.not_found": "Jag hittar inte den bevakningen.",
    "error.bad_end_time": "Sluttiden måste ligga framåt i tiden, och inte för långt fram.",
    "error.validation_failed": "Några uppgifter behöver ses över.",
    # ---- operators' channel and escalation cards (issue 4)
    "channel.bound": "Klart! Den här kanalen är nu trygghetscentralens operatörskanal: larm från Trygghet postas här.",
    "channel.bound.waiting": "{count} väntande larm postas här inom {duration}.",
    "channel.bind.not_in_channel": (
        "Skriv @Trygghet koppla kanal i den teamkanal som ska ta emot larmen (inte i en chatt)."
    ),
    "channel.bind.refused": "Bara en administratör kan koppla operatörskanalen. Försöket har loggats.",
    "channel.status.here": "Den här kanalen är operatörskanal sedan {when} (kopplad av {by}).",
    "channel.status.elsewhere": (
        "Den här kanalen är inte operatörskanal: larmen går till en annan kanal (kopplad {when} av {by})."
    ),
    "channel.status.unbound": (
        "Ingen operatörskanal är kopplad. Larm väntar tills en administratör skriver @Trygghet koppla kanal i"
        " rätt kanal."
    ),
    "channel.status.open": "Öppna larm: {count}, varav {waiting} väntar på att postas.",
    "esc.note.call_not_due": "Samtalssteget är inte aktuellt nu – kortet visar läget.",
    "esc.note.call_wait": "Vänta till tiden för nästa försök på kortet, eller hoppa över steget med en motivering.",
    "esc.note.police_not_due": (
        "Personen har inte ringts enligt rutinen än – ring, eller hoppa över steget med en motivering."
    ),
    "esc.note.inform_not_due": "Polisen är inte larmad än – larma eller hoppa över steget med en motivering.",
    "esc.note.close_not_due": (
        "Det finns steg kvar innan ärendet kan avslutas – gör dem eller hoppa över dem med en motivering. Din"
        " anteckning finns kvar på kortet."
    ),
    "esc.note.step_not_needed": "Det steget behövs inte i det här ärendet – kortet visar läget nu.",
    "esc.note.reason_required": "Skriv en motivering för att hoppa över steget – det du skrev finns kvar på kortet.",
    "esc.note.not_stale": "{name} hanterar ärendet och har varit aktiv nyss – kortet visar läget nu.",
    "esc.note.raced": "{name} hann före – kortet visar läget nu.",
    "esc.note.already_recorded": "Redan registrerat – kortet visar läget nu.",
    "esc.note.closed": "Ärendet är redan avslutat – kortet visar läget nu.",
    "esc.note.refused": "Bara trygghetscentralens operatörer kan hantera larm. Försöket har loggats.",
    "esc.note.not_found": "Jag hittar inte det ärendet.",
    "esc.note.recorded": "Registrerat.",
    "esc.note.bad_choice": "Välj ett av alternativen på kortet.",
    "esc.note.no_outcome": "Välj ett utfall innan du avslutar – din anteckning finns kvar på kortet.",
    # ---- admin commands and privacy (issue 5)
    "admin.not_allowed": (
        "Det här kommandot är till för Trygghets administratörer, och du har inte den rollen. Försöket har loggats."
        " Skriv hjälp om du vill veta vad du kan göra här."
    ),
    "admin.personal_only": "Adminkommandon fungerar bara i den personliga chatten med Trygghet, inte här.",
    "admin.help": (
        "**Adminkommandon** – skriv admin och kommandot; samma kommandon finns i terminalen som trygghet-admin.\n"
        "- aktiva – pågående bevakningar: vem, var, sluttid, läge\n"
        "- larm [från] [till] – öppna larm och vem som hanterar dem; med datum: alla larm under perioden\n"
        "- historik <person> – en persons bevakningar och larm\n"
        "- ärende <id> – ett ärendes hela förlopp: varje steg, vem och när (id:t står i larm och historik)\n"
        "- statistik [från] [till] – datum som ÅÅÅÅ-MM-DD (utan datum: de senaste 30 dagarna)\n"
        "- export <från> <till> – granskningsloggen som CSV för Excel\n"
        "- spärra <person> <skäl> · häv <person> (säkerhetschefens beslut) · spärrade\n"
        "- flaggade – personer med upprepade larm där allt var väl\n"
        "- roller · roller ge <person> operatör|admin|säkerhetschef · roller ta <person>\n"
        "- beredskap · beredskap sätt <person>, <person> … · beredskap rensa – vilka som kallas om ingen tar ett larm\n"
        "- inställningar · inställningar sätt <namn> <värde>\n"
        "- rensa [--torrkörning] – radera personuppgifter som passerat lagringstiden nu\n"
        "En person anges med namn (eller del av namn), e-postadress eller AAD-id. Lägg till --format csv (eller"
        " json) efter aktiva, larm, historik, spärrade eller flaggade för att få listan som fil."
    ),
    "admin.unknown": "Kommandot ”{command}” finns inte.",
    "admin.more": "… och {count} till.",
    "admin.erased": "(personuppgifterna är raderade)",
    "admin.person.not_found": "Jag hittar ingen med namnet, e-postadressen eller id:t ”{query}”.",
    "admin.person.ambiguous": "Flera personer matchar ”{query}”. Skriv mer av namnet, e-postadressen eller id:t:",
    "admin.error.too_many_words": "Det kommandot tar inte så många ord. Skriv admin hjälp för att se hur det används.",
    "admin.error.person_required": "Ange en person: namn, e-postadress eller AAD-id.",
    "admin.error.bad_date": "”{text}” är inget datum. Skriv datum som ÅÅÅÅ-MM-DD, till exempel 2026-03-12.",
    "admin.error.bad_format": "”{text}” är inget format här. Skriv --format csv eller --format json.",
    "admin.error.period_required": "Ange både från- och tilldatum, till exempel: export 2026-03-01 2026-03-31.",
    "admin.error.period_backwards": "Perioden slutar ({last}) innan den börjar ({first}).",
    "admin.error.reason_required": "Skriv ett skäl efter personen, till exempel: spärra Anna Andersson upprepade larm.",
    "admin.error.security_head_only": (
        "Beslut om spärr fattas av säkerhetschefen (avdelningschef säkerhet och beredskap). En administratör "
        "kan ge rollen: roller ge <person> säkerhetschef."
    ),
    "admin.error.standby_empty": (
        "Skriv vilka som ska stå på beredskapslistan, till exempel: beredskap sätt Anna Andersson, Bo Berg."
    ),
    "admin.error.standby_too_many": "Högst 20 personer på beredskapslistan.",
    "admin.error.standby_no_role": (
        "Bara personer med rollen operatör, admin eller säkerhetschef kan stå på beredskapslistan."
    ),
    "admin.error.standby_usage": "Skriv beredskap, beredskap sätt <person>, <person> … eller beredskap rensa.",
    "admin.standby.title": "Beredskapslistan ({count}) – får kortet när ingen i kanalen tagit ett larm:",
    "admin.standby.default": (
        "Beredskapslistan är inte satt, så administratörerna ({count}) får kortet när ingen i kanalen tagit ett larm:"
    ),
    "admin.standby.none": (
        "Beredskapslistan är tom och det finns inga administratörer att kalla – sätt den med beredskap sätt <person>."
    ),
    "admin.error.role_usage": "Skriv roller ge <person> operatör|admin|säkerhetschef eller roller ta <person>.",
    "admin.error.settings_usage": (
        "Skriv inställningar sätt <namn> <värde>, till exempel: inställningar sätt retention P60D."
    ),
    "admin.error.setting_unknown": (
        "Det finns ingen inställning som heter ”{name}”. Skriv admin inställningar för listan."
    ),
    "admin.error.setting_not_duration": (
        "{name} är en tid: skriv den som ISO 8601 (PT5M = 5 minuter, PT2H = 2 timmar, P30D = 30 dagar) eller"
        " i sekunder."
    ),
    "admin.error.setting_not_number": "{name} är ett antal: skriv ett heltal.",
    "admin.error.setting_out_of_range": "{name} måste ligga mellan {low} och {high}.",
    "admin.error.already_barred": "Personen är redan spärrad.",
    "admin.error.not_barred": "Personen är inte spärrad.",
    "admin.error.bad_role": "Rollen finns inte: välj operatör eller admin.",
    "admin.error.admin_from_environment": (
        "Den personen är administratör genom inställningen TRYGGHET_ADMINS; det ändras i driftmiljön, inte här."
    ),
    "admin.error.no_role": "Personen har ingen roll att ta bort.",
    "admin.error.no_flag": "Det finns ingen flaggning för personen.",
    "admin.error.no_case": "Det finns inget ärende med det id:t. Id:t står sist på raderna i larm och historik.",
    "admin.error.case_required": "Ange ärendets id, till exempel: ärende 20260312080000-931b88.",
    "admin.error.already_recorded": "Det är redan gjort.",
    "admin.outcome.open": "pågående",
    "admin.kind.missed": "larm (ingen återkoppling) {time}",
    "admin.kind.acute": "AKUT larm {time}",
    "admin.esc.claimed": "hanteras av {name}",
    "admin.esc.unclaimed": "ingen har tagit ärendet",
    "admin.esc.calls": "samtal: {count}",
    "admin.esc.confirmed": "personen bekräftade {time}",
    "admin.esc.police": "polis larmad {time}",
    "admin.esc.closed": "avslutat {time}: {outcome}",
    "admin.where.trip": "resa {origin} → {destination}",
    "admin.role.admin": "administratör",
    "admin.role.operator": "operatör",
    "admin.role.security_head": "säkerhetschef",
    "admin.role.none": "ingen roll",
    "admin.active.none": "Ingen är ute med en bevakning just nu.",
    "admin.active.title": "**Aktiva bevakningar: {count}**",
    "admin.active.line": "{name} ({organisation}) – {where} – sluttid {end} – {state}",
    "admin.alarms.none": "Inga öppna larm.",
    "admin.alarms.title": "**Öppna larm: {count}**",
    "admin.alarms.line": "{name}: {escalation}",
    "admin.alarms.period_title": "**Larm {period}: {count}**",
    "admin.alarms.period_none": "Inga larm {period}.",
    "admin.history.title": "**Historik för {person}**",
    "admin.history.role": "Roll: {role}",
    "admin.history.barred": "Spärrad sedan {when} av {by}. Skäl: {reason}",
    "admin.history.summary": "Bevakningar: {sessions}, larm: {escalations}, varav {needless} där allt var väl.",
    "admin.history.line": "{created} – sluttid {end} – {organisation} – {where} – {state}",
    "admin.case.title": "**Ärende {case}**: {name} ({organisation}), sluttid {end} – {state}",
    "admin.case.ref": "ärende {case}",
    "admin.case.event": "{time} {event} – {actor}",
    "admin.stats.title": "**Statistik {period}**",
    "admin.stats.sessions": "Bevakningar: {count} (varav {active} pågående)",
    "admin.stats.on_time": "Bekräftade i tid: {count}",
    "admin.stats.late": "Bekräftade sent: {count}",
    "admin.stats.cancelled": "Avbrutna: {count}",
    "admin.stats.escalations": "Larm: {count} ({outcomes})",
    "admin.stats.outcome": "{outcome}: {count}",
    "admin.stats.police": "Polislarm: {count}",
    "admin.stats.lateness": (
        "Efter sluttid: {late}, median {median} min, 90 % inom {p90} min; {after_alarm} av dem efter larm"
    ),
    "admin.stats.no_lateness": "Efter sluttid: inga bekräftelser",
    "admin.stats.per_organisation": "Per organisation:",
    "admin.stats.organisation": "{organisation}: {sessions}, {escalations}, {police}",
    "admin.export.title": "**Granskningslogg {period}**: {events} i {sessions}",
    "admin.export.kind": "{event}: {count}",
    "admin.export.consent": "Granskningsloggen {period} som CSV-fil för Excel ({events}).",
    "admin.export.offer": "Tryck **Tillåt** på kortet nedan, så sparas filen i din OneDrive och visas här.",
    "admin.export.file_title": "granskningsloggen {period}",
    "admin.file.uploaded": "Här är {title}: {name}",
    "admin.table.title": "svaret på {command} som {kind}",
    "admin.table.consent": "Svaret på {command} som {kind} ({rows}).",
    "admin.format.csv": "CSV-fil för Excel",
    "admin.format.json": "JSON-fil",
    "admin.export.declined": "Du tackade nej. Ingen fil skickades.",
    "admin.export.upload_failed": (
        "Filen kunde inte laddas upp. Skriv admin {command} igen om en stund, eller hämta den med"
        " trygghet-admin {command}."
    ),
    "admin.export.saved": "Filen är sparad: {path}",
    "admin.csv.time": "Tid",
    "admin.csv.event": "Händelse",
    "admin.csv.session": "Ärende",
    "admin.csv.person": "Person",
    "admin.csv.actor_kind": "Utförd av (typ)",
    "admin.csv.actor": "Utförd av",
    "admin.csv.details": "Detaljer",
    "admin.column.case": "Ärende",
    "admin.column.person": "Person",
    "admin.column.organisation": "Organisation",
    "admin.column.where": "Plats",
    "admin.column.created": "Registrerad",
    "admin.column.end": "Sluttid",
    "admin.column.state": "Läge",
    "admin.column.alarm": "Larm",
    "admin.column.barred_at": "Spärrad",
    "admin.column.barred_by": "Spärrad av",
    "admin.column.reason": "Skäl",
    "admin.column.needless": "Onödiga larm",
    "admin.column.latest": "Senaste",
    "admin.column.decision": "Beslut",
    "admin.format.no_table": (
        "{command} svarar bara i text. --format json och --format csv finns för aktiva, larm, historik, spärrade"
        " och flaggade."
    ),
    "admin.detail.end_time": "sluttid",
    "admin.detail.acute": "akut",
    "admin.detail.silent": "tyst larm",
    "admin.detail.from": "från",
    "admin.detail.to": "till",
    "admin.detail.late": "efter sluttid",
    "admin.detail.outcome": "utfall",
    "admin.detail.kind": "typ",
    "admin.detail.from_name": "tidigare handläggare",
    "admin.detail.case_number": "polisens ärendenummer",
    "admin.detail.attempt": "försök",
    "admin.detail.result": "resultat",
    "admin.detail.party": "part",
    "admin.detail.step": "steg",
    "admin.detail.count": "antal",
    "admin.detail.tier": "nivå",
    "admin.detail.targets": "mottagare",
    "admin.detail.claimant": "handläggare",
    "admin.detail.action": "åtgärd",
    "admin.detail.setting": "inställning",
    "admin.detail.name": "namn",
    "admin.detail.old": "tidigare värde",
    "admin.detail.new": "nytt värde",
    "admin.detail.reason": "skäl",
    "admin.detail.role": "roll",
    "admin.detail.profile_deleted": "profil raderad",
    "admin.detail.kept_running": "pågående bevakning behölls",
    "admin.detail.channel_id": "kanal",
    "admin.detail.team_id": "team",
    "admin.detail.sessions": "bevakningar",
    "admin.detail.profiles": "profiler",
    "admin.detail.dialogs": "dialoger",
    "admin.detail.kind.missed": "ingen återkoppling",
    "admin.detail.kind.acute": "akut",
    "admin.detail.yes": "ja",
    "admin.detail.no": "nej",
    "admin.bars.none": "Ingen är spärrad.",
    "admin.bars.title": "**Spärrade: {count}**",
    "admin.bars.line": "{name} – sedan {when}, av {by} – skäl: {reason}",
    "admin.bars.barred": (
        "{name} är nu spärrad (skäl: {reason}). Personen kan inte registrera nya bevakningar; en bevakning som redan"
        " pågår bevakas till sitt slut."
    ),
    "admin.bars.told": "Personen har fått besked i sin chatt med Trygghet.",
    "admin.bars.not_told": "Personen kunde inte få besked i Teams härifrån – meddela hen på annat sätt.",
    "admin.bars.unbarred": "Spärren för {name} är hävd.",
    "admin.flagged.title": "**Flaggade: {count}** (minst {threshold} där allt var väl, {period})",
    "admin.flagged.none": "Ingen når gränsen just nu.",
    "admin.flagged.line": "{person} – {alarms}, senast {latest} – {decision}",
    "admin.flagged.decision.open": "väntar på beslut",
    "admin.flagged.decision.ignored": "ignorerad",
    "admin.flagged.decision.barred": "spärrad",
    "admin.flagged.decision.lifted": "spärren hävd",
    "admin.flag.title": "Upprepade larm där allt var väl",
    "admin.flag.summary": "Flaggad: {name}",
    "admin.flag.body": (
        "{name} har inte hört av sig vid sluttid {times} {period}, trots att allt var väl."
        " Enligt rutinen kan avdelningschefen för säkerhet och beredskap besluta att personen inte längre får"
        " använda tjänsten. Beslutet är ert: spärra eller ignorera."
    ),
    "admin.flag.reason.label": "Skäl (sparas med spärren)",
    "admin.flag.reason.default": "Upprepade larm där allt var väl ({alarms} på {days})",
    "admin.flag.bar": "Spärra",
    "admin.flag.ignore": "Ignorera",
    "admin.flag.alarms_title": "Sluttiderna utan besked:",
    "admin.flag.alarm": "{when} – {outcome}",
    "admin.flag.alarm_police": "{when} – {outcome} (polis larmades i onödan)",
    "admin.flag.outcome.reached_well": "trygghetscentralen nådde personen, allt väl",
    "admin.flag.outcome.confirmed_late": "personen hörde av sig själv efter larmet",
    "admin.flag.outcome.self_reported": "personen ringde eller hörde av sig på annat sätt, allt väl",
    "bar.notice": (
        "Du kan inte längre registrera nya bevakningar i trygghetstjänsten. Beslutet är fattat av "
        "avdelningschefen för säkerhet och beredskap, eftersom du vid upprepade tillfällen inte gick att nå "
        "trots att allt var väl, och polisen då larmades i onödan. En bevakning som redan pågår fortsätter "
        "till sitt slut. Frågor om beslutet: kontakta din chef eller trygghetscentralen på 010-435 40 20."
    ),
    "bar.lifted": "Du kan åter använda trygghetstjänsten. Skriv ny när du vill registrera en bevakning.",
    "admin.flag.decided.barred": "{name} är spärrad (beslut av {by}).",
    "admin.flag.decided.ignored": "Flaggningen av {name} är ignorerad (beslut av {by}); ingen spärr.",
    "admin.roles.title": "**Roller: {count}**",
    "admin.roles.line": "{name} – {role} ({source})",
    "admin.roles.from_env": "från TRYGGHET_ADMINS",
    "admin.roles.granted": "given av {by}",
    "admin.roles.team.title": (
        "**Operatörer genom den kopplade kanalens team: {count}** (utan egen roll; de är operatörer i kanalen)"
    ),
    "admin.roles.team.line": "{name} ({upn})",
    "admin.roles.team.unbound": "Ingen operatörskanal är kopplad, så ingen är operatör genom ett team.",
    "admin.roles.team.no_teams": (
        "Operatörerna genom den kopplade kanalens team visas bara i Teams (skriv admin roller där)."
    ),
    "admin.roles.team.unavailable": (
        "Teams svarade inte, så operatörerna genom kanalens team kan inte visas just nu. Försök igen om en stund."
    ),
    "admin.roles.given": "{name} har nu rollen {role}.",
    "admin.roles.taken": "{name} har inte längre rollen {role}.",
    "admin.settings.title": "**Inställningar**",
    "admin.settings.line": "- {name} = {value} – {about}",
    "admin.settings.line.changed": "- {name} = {value} (ändrad; standard {default}) – {about}",
    "admin.settings.how": (
        "Ändra med: inställningar sätt <namn> <värde>. Tider skrivs som ISO 8601 (PT5M, PT2H, P30D) eller i sekunder."
    ),
    "admin.settings.changed": "{name} är ändrad från {old} till {new}. Ändringen gäller överallt inom 15 sekunder.",
    "admin.setting.reminder_lead": "påminnelse så här länge före sluttid",
    "admin.setting.reminder_early": "vid rusning får påminnelser gå ut så här mycket tidigare",
    "admin.setting.grace": "väntetid efter sluttid innan larm",
    "admin.setting.call_interval": "tid mellan samtalsförsöken",
    "admin.setting.call_attempts": "antal samtalsförsök innan polis larmas",
    "admin.setting.unclaimed_renotify": "påminn operatörerna när ingen tagit ett larm efter",
    "admin.setting.standby_after": "påminnelser i tråden innan kanalen och beredskapslistan kallas",
    "admin.setting.claim_stale": "meddela tråden när den som tagit ett ärende inte gjort något på",
    "admin.setting.max_session": "längsta tillåtna bevakning",
    "admin.setting.retention": "lagringstid för personuppgifter i avslutade bevakningar",
    "admin.setting.delivery_retry": "nytt försök när ett meddelande inte gick fram",
    "admin.setting.flag_threshold": "antal larm där allt var väl som flaggar en person",
    "admin.setting.flag_period": "perioden som de larmen räknas inom",
    "admin.purge.done": (
        "Rensning klar: personuppgifterna i {sessions} avslutade senast {cutoff} och förifyllda uppgifter för"
        " {profiles} är raderade."
    ),
    "admin.purge.dry_run": (
        "Torrkörning, inget är ändrat: personuppgifterna i {sessions} avslutade senast {cutoff} och förifyllda"
        " uppgifter för {profiles} skulle raderas."
    ),
    "privacy.personal_only": "Dina uppgifter visas och raderas bara i den personliga chatten med Trygghet, inte här.",
    "privacy.yes": "ja",
    "privacy.no": "nej",
    "privacy.title": "**Det här har Trygghet sparat om dig**",
    "privacy.name": "Namn: {name}",
    "privacy.id": "Id: {id}",
    "privacy.locale": "Språk: {locale}",
    "privacy.reachable": "Sparad väg att nå dig i Teams: {answer}",
    "privacy.prefill": "Förifyllt nästa gång: {values}",
    "privacy.no_profile": "Ingen profil sparad",
    "privacy.role": "Roll: {role}",
    "privacy.barred": "Spärrad sedan {when}. Skäl: {reason}",
    "privacy.sessions": (
        "Bevakningar: {count}. Personuppgifterna i en avslutad bevakning raderas {days} dagar efter att den avslutats."
    ),
    "privacy.session.organisation": "Organisation: {organisation} ({kind})",
    "privacy.session.phone": "Telefon: {phone}",
    "privacy.session.contact": "Kontakt: {role} {name}, {phone}",
    "privacy.session.where": "Var: {where}",
    "privacy.threat.known": "Känd hotbild: {text}",
    "privacy.threat.unknown": "Ingen känd hotbild. Varför du kände dig otrygg: {text}",
    "privacy.session.note": "Anteckning: {note}",
    "privacy.session.operator_note": "Trygghetscentralens anteckning: {note}",
    "privacy.forget.done": (
        "Klart: din profil och dina förifyllda uppgifter är raderade. Avslutade bevakningar sparas för granskning och"
        " deras personuppgifter raderas {days} dagar efter avslut. Skriver du till mig igen sparar jag bara det som"
        " behövs för att kunna svara dig."
    ),
    "privacy.forget.running": (
        "Du har en pågående bevakning med sluttid {end}. Den fortsätter som vanligt och jag behöver kunna nå dig, så"
        " vägen att nå dig i Teams finns kvar. Dina förifyllda uppgifter är raderade. Skriv glöm mig igen när"
        " bevakningen är avslutad, så raderas resten. Personuppgifterna i avslutade bevakningar raderas {days} dagar"
        " efter avslut."
    ),
    "privacy.forget.nothing": (
        "Det fanns ingen profil att radera. Personuppgifterna i avslutade bevakningar raderas {days} dagar efter"
        " avslut."
    ),
    "codeword.heading": "Trygghetsord",
    "codeword.what": (
        "Ett trygghetsord är ett ord bara du känner till. Skriver du det till mig, ensamt eller efter klar, svarar "
        "jag bara ”Tack, registrerat.” och larmar trygghetscentralen i tysthet. De ringer då inte din telefon först. "
        "Välj ett ord du inte skriver av andra skäl."
    ),
    "codeword.label": "Nytt trygghetsord (4–64 tecken)",
    "codeword.save": "Spara trygghetsordet",
    "codeword.remove": "Ta bort trygghetsordet",
    "codeword.current.set": "Du har ett trygghetsord. Spara ett nytt för att byta det.",
    "codeword.current.none": "Du har inget trygghetsord.",
    "codeword.saved": "Ditt trygghetsord är sparat. Det visas aldrig, inte ens för trygghetscentralen.",
    "codeword.removed": "Ditt trygghetsord är borttaget.",
    "codeword.not_in_chat": (
        "Skriv inte trygghetsordet i chatten. Använd fältet i kortet nedan, där det inte syns. Det du skrev sparades "
        "inte."
    ),
    "error.code_word_length": "Trygghetsordet ska vara 4–64 tecken (mellanslag räknas inte).",
    "error.code_word_reserved": (
        "Det ordet skriver du till mig av andra skäl (till exempel hjälp eller status). Välj ett annat."
    ),
    "error.code_word_needs_registration": (
        "Registrera en bevakning först (skriv ny), så att trygghetscentralen vet hur du nås om du använder ordet."
    ),
    "silent.reply": "Tack, registrerat.",
    "silent.note.no_watch": (
        "Tyst larm utan pågående bevakning: plats och uppgifter är från personens senaste registrering och kan vara "
        "inaktuella."
    ),
    "user.rate_limited": "För många meddelanden – vänta en stund.",
}
