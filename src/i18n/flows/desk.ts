// Texts of the desk flows (src/bot/flows/desk*.ts), in Estonian and English; spread into et.ts and en.ts.
export const et = {
  'deskFlow.proposalLine': '{number}. {title} — {committee}',
  'deskFlow.noMeeting':
    'Selle juhtkomisjoni tulevast koosolekut pole veel. Lisa koosolek, siis saad algatuse selle päevakorda panna.',
  'deskFlow.noMeetings':
    'Tulevasi koosolekuid pole. Lisa koosolek nupuga „Uus koosolek“ või vaikimisi koosolekud kalendrist.',
  'deskFlow.openPollOf': 'Ava hääletus: nr {number}',
  'deskFlow.moreMeetings': '…ja veel {count} koosolekut; kõik on kalendris.',
  'deskFlow.moreItems': '…ja veel {count} tööd.',
  'deskFlow.chooseCommittee': 'Vali juhtkomisjon',
  'deskFlow.extraordinaryHint':
    'Erakorraline koosolek tuleb kvartali tavalise koosoleku kõrvale, nt algatusele, mis vajab kiiret otsust.',
  'deskFlow.backToDesk': 'Töölauale',
  'deskFlow.backToCalendar': 'Kalendrisse',
  'deskFlow.backToFiles': 'Failide juurde',
  'deskFlow.backToStatus': 'Kõik tööd',
  'deskFlow.fixFields': 'Palun paranda väljad, mille juures on märkus.',
  'deskFlow.meetingCreated':
    'Koosolek lisatud: {meeting}. Juhtkomisjoni kanal sai teate. Järgmiseks pane selle päevakorda algatused (nupp „Lisa päevakorda“).',
  'deskFlow.chooseMeeting': 'Vali koosolek, mille päevakorda algatus läheb.',
  'deskFlow.scheduled':
    'Nr {number} „{title}“ on koosoleku {meeting} päevakorras. Kui päevakord on koos, ava kaasamõtlemine (nupp „Ava kaasamõtlemine“).',
  'deskFlow.scheduledInRound':
    'Nr {number} „{title}“ on koosoleku {meeting} päevakorras. Kaasamõtlemine juba käib, seega said kaasamõtlejad selle kohta kohe postituse.',
  'deskFlow.roundOpened':
    'Kaasamõtlemine on avatud: {meeting}. Kaasamõtlejad said iga algatuse kohta postituse oma kanalisse; arvamuste tähtaeg on {due}. Kui arvamused on käes, sulge kaasamõtlemine.',
  'deskFlow.roundClosed':
    'Kaasamõtlemine on suletud: {meeting}. Kokkuvõte läks kaasamõtlejate kanalisse; nupp „Päevakord ja kaasamõtlejad“ näitab seda ka siin. Koosolekul ava iga algatuse hääletus.',
  'deskFlow.pollOpened':
    'Hääletus on avatud: nr {number} „{title}“. Komisjoni ({committee}) liikmed hääletavad komisjoni kanalis; kui kõik on hääletanud, sulge hääletus seal.',
  'deskFlow.planned':
    'Vaikimisi koosolekud lisatud ({count}): {committee}. Tähtajad on arvutatud; aega saad muuta nupuga „Muuda aega“.',
  'deskFlow.plannedNone': 'Uusi koosolekuid ei lisatud: {committee} koosolek on igas järgmises kvartalis juba olemas.',
  'deskFlow.moved':
    'Koosoleku aeg on muudetud: {meeting}. Kõik tähtajad ja meeldetuletused liikusid kaasa ning juhtkomisjoni kanal sai teate.',
  'deskFlow.moveAbout':
    'Koosolek: {meeting}. Vali uus kuupäev ja kellaaeg; selle tähtajad ja meeldetuletused liiguvad kaasa.',
  'deskFlow.acceptTitle': 'Erakorraline koosolek',
  'deskFlow.accepted':
    'Erakorraline koosolek on määratud: {meeting}. Juhtkomisjoni kanal sai teate ja ettepanek ({person}) on lahendatud. Pane koosoleku päevakorda algatused töölaualt.',
  'deskFlow.onlyMembersRequest': 'Erakorralist koosolekut saavad ettepanekuna küsida juhtkomisjoni liikmed.',
  'deskFlow.requestAbout': 'Kirjuta, miks on koosolekut vaja enne järgmist tavalist; portfellihaldur määrab aja.',
  'deskFlow.requestSent':
    'Ettepanek saadetud portfellihaldurile: erakorraline koosolek ({committee}). Kui ta määrab aja, on koosolek kalendris ja komisjoni kanal saab teate.',
  'deskFlow.substituteSet':
    '{person} asendab sind {from}–{until}. Sinu kooskõlastused, otsused ja meeldetuletused lähevad sel ajal talle; ta sai teate. Asendamise saad lõpetada nupuga „Lõpeta asendamine“.',
  'deskFlow.substituteEnded':
    'Asendamine lõpetatud: {person} ei asenda sind enam ja sai teate. Sinu taotlused tulevad jälle sulle.',
  'deskFlow.planSaved': 'Plaan on salvestatud. Saad seda veel muuta või minna tagasi portfelli.',
  'deskFlow.takenOut': 'Töö „{title}“ on portfellist välja võetud. Portfelli järgmises väljaandes seda enam ei ole.',
  'deskFlow.noStatusItems': 'Sul pole praegu portfelli töid, mille staatust uuendada.',
  'deskFlow.statusLine': '{title} — {from}–{until}, {status}, {progress}%',
  'deskFlow.updateStatus': 'Uuenda staatust',
  'deskFlow.statusNotYours':
    'Selle töö staatust sa ei uuenda (või on see portfellist välja võetud). Siin on tööd, mille staatust saad uuendada.',
  'deskFlow.notProgress': 'Sisesta valmidus protsentides, täisarvuna 0–100.',
  'deskFlow.statusSaved':
    'Staatus salvestatud: „{title}“ — {status}, {progress}%. Portfellihaldur sai teate ja juhtkomisjon näeb seda portfelli ülevaatusel. Uuenda ka ülejäänud tööd, kui neid on.',
  'deskFlow.publishedNote': 'Väljaanne on avalikul lehel; nupp „Ava“ näitab seda.',
  'deskFlow.deltaMissing': 'Kirjuta Delta registreerimisnumber koosoleku juurde ja salvesta siis.',
  'deskFlow.deltaSaved':
    'Delta number {number} on salvestatud ja koosolek on märgitud toimunuks. Protokoll (.docx, .md) näitab nüüd seda numbrit.',
} as const;

export const en: Record<keyof typeof et, string> = {
  'deskFlow.proposalLine': '{number}. {title} — {committee}',
  'deskFlow.noMeeting':
    'This steering committee has no upcoming meeting yet. Add a meeting, then put the initiative on its agenda.',
  'deskFlow.noMeetings': 'No upcoming meetings. Add one with "New meeting", or the default ones from the calendar.',
  'deskFlow.openPollOf': 'Open the poll: no. {number}',
  'deskFlow.moreMeetings': '…and {count} more meetings; the calendar has them all.',
  'deskFlow.moreItems': '…and {count} more items.',
  'deskFlow.chooseCommittee': 'Choose the steering committee',
  'deskFlow.extraordinaryHint':
    "An extraordinary meeting comes besides the quarter's regular one, e.g. for an initiative that needs a decision soon.",
  'deskFlow.backToDesk': 'Back to the desk',
  'deskFlow.backToCalendar': 'Back to the calendar',
  'deskFlow.backToFiles': 'Back to the files',
  'deskFlow.backToStatus': 'All items',
  'deskFlow.fixFields': 'Please correct the fields marked below.',
  'deskFlow.meetingCreated':
    'Meeting added: {meeting}. The steering committee\'s channel was told. Next, put initiatives on its agenda ("Put on the agenda").',
  'deskFlow.chooseMeeting': 'Choose the meeting whose agenda the initiative goes on.',
  'deskFlow.scheduled':
    'No. {number} "{title}" is on the agenda of {meeting}. When the agenda is complete, open the co-thinker round ("Open the co-thinker round").',
  'deskFlow.scheduledInRound':
    'No. {number} "{title}" is on the agenda of {meeting}. The co-thinker round is already open, so the co-thinkers got a post about it at once.',
  'deskFlow.roundOpened':
    'The co-thinker round is open: {meeting}. The co-thinkers got a post for each initiative in their channel; opinions are due {due}. When the opinions are in, close the round.',
  'deskFlow.roundClosed':
    'The co-thinker round is closed: {meeting}. The summary went to the co-thinkers\' channel; "Agenda and co-thinkers" shows it here too. At the meeting, open each initiative\'s poll.',
  'deskFlow.pollOpened':
    'The poll is open: no. {number} "{title}". The members ({committee}) vote in the committee\'s channel; when all have voted, close the poll there.',
  'deskFlow.planned':
    'Default meetings added ({count}): {committee}. Their deadlines are counted; change a time with "Change time".',
  'deskFlow.plannedNone': 'No meetings added: {committee} already has a meeting in each coming quarter.',
  'deskFlow.moved':
    "The meeting is moved: {meeting}. Every deadline and reminder moved with it, and the steering committee's channel was told.",
  'deskFlow.moveAbout': 'Meeting: {meeting}. Choose the new date and time; its deadlines and reminders move with it.',
  'deskFlow.acceptTitle': 'Extraordinary meeting',
  'deskFlow.accepted':
    "The extraordinary meeting is set: {meeting}. The steering committee's channel was told and the request ({person}) is settled. Put initiatives on its agenda from the desk.",
  'deskFlow.onlyMembersRequest': 'Members of a steering committee may propose an extraordinary meeting.',
  'deskFlow.requestAbout':
    'Say why a meeting is needed before the next regular one; the portfolio manager sets the time.',
  'deskFlow.requestSent':
    "Proposal sent to the portfolio manager: an extraordinary meeting ({committee}). Once the time is set, the meeting is in the calendar and the committee's channel is told.",
  'deskFlow.substituteSet':
    '{person} stands in for you {from}–{until}. Your agreements, decisions and reminders go to them meanwhile; they were told. End it with "End substitution".',
  'deskFlow.substituteEnded':
    'Substitution ended: {person} no longer stands in for you and was told. Your requests come to you again.',
  'deskFlow.planSaved': 'The plan is saved. You can change it more or go back to the portfolio.',
  'deskFlow.takenOut':
    'The item "{title}" is taken out of the portfolio. The next edition of the portfolio leaves it out.',
  'deskFlow.noStatusItems': 'You have no portfolio items to update at the moment.',
  'deskFlow.statusLine': '{title} — {from}–{until}, {status}, {progress}%',
  'deskFlow.updateStatus': 'Update status',
  'deskFlow.statusNotYours':
    'You do not update the status of this item (or it has been taken out). Here are the items you can update.',
  'deskFlow.notProgress': 'Enter the progress as a whole percentage, 0–100.',
  'deskFlow.statusSaved':
    'Status saved: "{title}" — {status}, {progress}%. The portfolio manager was told, and the steering committee sees it at the portfolio review. Update the other items too, if any.',
  'deskFlow.publishedNote': 'The edition is on the public page; "Open" shows it.',
  'deskFlow.deltaMissing': 'Type the Delta registration number beside the meeting, then save.',
  'deskFlow.deltaSaved':
    'Delta number {number} is saved and the meeting is marked as held. The minutes (.docx, .md) now show it.',
};
