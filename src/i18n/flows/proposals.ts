// Texts of the proposals flows (src/bot/flows/proposals.ts), in Estonian and English; spread into et.ts and en.ts.
export const et = {
  'proposals.draftSaved':
    'Mustand salvestub igal sammul ja ka vormi sulgemisel. Hiljem jätkad nupuga „Jätka mustandit“ või kirjutades „jätka mustandit“.',
  'proposals.returnedNote': 'Tagastatud muutmiseks ({person}, {date}): {comment}',
  'proposals.noDraft':
    'Sul ei ole pooleli mustandit ega muutmiseks tagastatud algatust. Uue saad alustada nupuga „Uus idee“.',
  'proposals.submittedTitle': 'Esitatud',
  'proposals.submittedAgain': 'Arendusalgatus nr {number} on muudetuna uuesti esitatud.',
  'proposals.stageNext': 'Etapp: {stage}. {next}',
  'proposals.mine.empty': 'Sul ei ole veel arendusalgatusi. Alusta nupuga „Uus idee“.',
  'proposals.mine.more': 'Näha on {shown} algatust {count}-st; ülejäänud on menetluses ega oota sinult midagi.',
  'proposals.button.continue': 'Jätka',
  'proposals.notEditable': 'Arendusalgatus nr {number} on etapis „{stage}“ ja seda ei saa enam muuta. {next}',
  'proposals.conditions.closed':
    'Arendusalgatus nr {number} on etapis „{stage}“; tingimuste loetelu on suletud. {next}',
  'proposals.conditions.saved': 'Märked on salvestatud. Täitmata tingimusi: {count}.',
  'proposals.conditions.resubmitted':
    'Arendusalgatus nr {number} on tingimused täitnud ja esitatud uuesti juhtkomisjonile.',
} as const;

export const en: Record<keyof typeof et, string> = {
  'proposals.draftSaved':
    'The draft is saved at every step and also when you close the form. Continue later with the "Continue draft" button or by writing "continue draft".',
  'proposals.returnedNote': 'Returned for changes ({person}, {date}): {comment}',
  'proposals.noDraft':
    'You have no unfinished draft and nothing returned for changes. Start a new one with the "New idea" button.',
  'proposals.submittedTitle': 'Submitted',
  'proposals.submittedAgain': 'Initiative no. {number} has been changed and submitted again.',
  'proposals.stageNext': 'Stage: {stage}. {next}',
  'proposals.mine.empty': 'You have no initiatives yet. Start with the "New idea" button.',
  'proposals.mine.more':
    '{shown} of {count} initiatives are shown; the others are in progress and wait for nothing from you.',
  'proposals.button.continue': 'Continue',
  'proposals.notEditable': 'Initiative no. {number} is at the stage "{stage}" and can no longer be changed. {next}',
  'proposals.conditions.closed':
    'Initiative no. {number} is at the stage "{stage}"; its list of conditions is closed. {next}',
  'proposals.conditions.saved': 'Your ticks are saved. Conditions not yet met: {count}.',
  'proposals.conditions.resubmitted':
    'Initiative no. {number} has met its conditions and has been submitted to the steering committee again.',
};
