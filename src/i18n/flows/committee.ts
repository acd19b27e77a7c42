// Texts of the committee flows (src/bot/flows/committee.ts), in Estonian and English; spread into et.ts and en.ts.
export const et = {
  'committee.link.notInChannel':
    'Kanalit saab siduda ainult kanalis endas: ava kanal, mida soovid siduda, ja kirjuta seal Teamsis „@Arendusportfell seo kanal“, Slackis „/portfell seo“.',
  'committee.linked': 'Kanal on seotud: {what}. Bot postitab need teated edaspidi siia.',
  'committee.opinion.intro':
    'Kontroll-lehe küsimused on abiks ja võid need vahele jätta; soovitus juhtkomisjonile ja selle argumentatsioon on kohustuslikud. Arvamust saad muuta kuni vooru lõpuni.',
  'committee.opinion.change': 'Muuda arvamust',
  'committee.yesIf.intro':
    'JAH, KUI: kirjuta tingimused, mille täitmisel toetad algatust, üks rea kohta. Häält saad muuta kuni hääletuse sulgemiseni.',
  'committee.yesIf.send': 'Hääleta JAH, KUI',
  'committee.close.conditionsHint': 'Otsuse JAH, KUI korral; kui jätad tühjaks, võetakse tingimused JAH, KUI häältest.',
} as const;

export const en: Record<keyof typeof et, string> = {
  'committee.link.notInChannel':
    'A channel can be linked only in the channel itself: open the channel you want to link and type there "@Arendusportfell seo kanal" in Teams, "/portfell seo" in Slack.',
  'committee.linked': 'Channel linked: {what}. The bot will post these messages here from now on.',
  'committee.opinion.intro':
    'The checklist questions are there to help and may be skipped; the recommendation to the steering committee and its argumentation are required. You can change your opinion until the round closes.',
  'committee.opinion.change': 'Change your opinion',
  'committee.yesIf.intro':
    'YES, IF: write the conditions under which you support the initiative, one per line. You can change your vote until the poll closes.',
  'committee.yesIf.send': 'Vote YES, IF',
  'committee.close.conditionsHint':
    'For the decision YES, IF; left empty, the conditions are taken from the YES, IF votes.',
};
