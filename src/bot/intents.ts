// What a person's chat message asks for, in Estonian or English. Platform-neutral.
export type Intent =
  | 'help'
  | 'newIdea'
  | 'continueDraft'
  | 'myProposals'
  | 'waiting'
  | 'linkChannel'
  | 'manage'
  | 'portfolio'
  | 'status'
  | 'calendar'
  | 'substitute'
  | 'unknown';

const WORDS: Record<Exclude<Intent, 'unknown'>, string[]> = {
  help: ['abi', 'help', 'spikker', '?', 'tere', 'hello', 'hi'],
  newIdea: ['uus idee', 'new idea', 'uus algatus', 'idee', 'new proposal'],
  continueDraft: ['jätka mustandit', 'continue draft', 'mustand', 'draft'],
  myProposals: ['minu algatused', 'my proposals', 'algatused', 'proposals'],
  waiting: ['minu ootel', 'waiting for me', 'ootel', 'waiting', 'todo'],
  linkChannel: ['seo kanal', 'link channel', 'seo see kanal', 'link this channel'],
  manage: ['haldus', 'manage', 'koosolekud', 'meetings', 'päevakord', 'agenda'],
  portfolio: ['portfell', 'portfolio', 'arendusportfell'],
  status: ['staatus', 'status', 'seire', 'monitoring'],
  calendar: ['kalender', 'calendar', 'erakorraline koosolek', 'extraordinary meeting', 'tähtajad', 'deadlines'],
  substitute: [
    'asendaja',
    'asendus',
    'asendamine',
    'puhkus',
    'eemal',
    'substitute',
    'away',
    'absence',
    'out of office',
  ],
};

export function parseIntent(text: string | undefined): Intent {
  const clean = (text ?? '')
    .replace(/<at>[^<]*<\/at>/g, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
  for (const [intent, words] of Object.entries(WORDS) as [Intent, string[]][]) {
    if (words.includes(clean)) return intent;
  }
  return 'unknown';
}
