// A small directory for engine tests: two domains, three institutions, a service without a
// service manager, and people in every role.
import type { Directory, Domain, Institution, Person, Service } from '../../src/workflow/directory.ts';

const people: Person[] = [
  ['mari', 'Mari Maasikas'],
  ['jaan', 'Jaan Tamm'],
  ['kadri', 'Kadri Kask'],
  ['tiit', 'Tiit Kuusk'],
  ['liis', 'Liis Lepp'],
  ['margus', 'Margus Mets'],
  ['anu', 'Anu Saar'],
  ['peeter', 'Peeter Pärn'],
  ['kati', 'Kati Karu'],
  ['olev', 'Olev Org'],
  ['eve', 'Eve Ilves'],
  ['toomas', 'Toomas Talu'],
  ['helen', 'Helen Hunt'],
  ['stranger', 'Sven Võõras'],
  ['rein', 'Rein Rebane'],
].map(([id, name]) => ({ id: id!, name: name!, email: `${id}@example.ee`, locale: 'et' as const }));

// 20 committee members for the concurrency test
for (let i = 1; i <= 20; i += 1)
  people.push({ id: `voter${i}`, name: `Liige ${i}`, email: `voter${i}@example.ee`, locale: 'et' });

const institutions: Institution[] = [
  {
    id: 'SKA',
    name: { et: 'Sotsiaalkindlustusamet', en: 'Social Insurance Board' },
    boardName: { et: 'SKA arenduste juhtrühm', en: 'SKA development board' },
    boardMemberIds: ['liis', 'margus'],
    representativeIds: ['anu'],
  },
  {
    id: 'TerK',
    name: { et: 'Tervisekassa', en: 'Health Insurance Fund' },
    boardName: { et: 'TerK arenduskomisjon', en: 'TerK development commission' },
    boardMemberIds: ['peeter'],
    representativeIds: ['kati'],
  },
  {
    id: 'TEHIK',
    name: { et: 'TEHIK', en: 'TEHIK' },
    boardName: { et: 'TEHIKu juhtkond', en: 'TEHIK management' },
    boardMemberIds: [],
    representativeIds: ['rein'],
  },
];

const voterIds = Array.from({ length: 20 }, (_, i) => `voter${i + 1}`);
const domains: Domain[] = [
  {
    id: 'social',
    name: { et: 'sotsiaalvaldkond', en: 'social domain' },
    committeeName: { et: 'Sotsiaalvaldkonna juhtkomisjon', en: 'Social steering committee' },
    chairId: 'olev',
    committeeMemberIds: ['eve', 'toomas', ...voterIds],
    coThinkerIds: ['helen', 'eve'],
  },
  {
    id: 'health',
    name: { et: 'tervisevaldkond', en: 'health domain' },
    committeeName: { et: 'E-tervise juhtkomisjon', en: 'E-health committee' },
    chairId: 'toomas',
    committeeMemberIds: ['eve', 'olev'],
    coThinkerIds: ['helen'],
  },
];

const services: Service[] = [
  {
    id: 'pension',
    name: { et: 'Pensionid', en: 'Pensions' },
    institutionId: 'SKA',
    domainId: 'social',
    serviceManagerId: 'jaan',
    policyManagerId: 'kadri',
  },
  {
    id: 'rehab',
    name: { et: 'Rehabilitatsioon', en: 'Rehabilitation' },
    institutionId: 'SKA',
    domainId: 'social',
    policyManagerId: 'kadri',
  },
  {
    id: 'ehealth',
    name: { et: 'Digiretsept', en: 'e-Prescription' },
    institutionId: 'TerK',
    domainId: 'health',
    serviceManagerId: 'tiit',
    policyManagerId: 'kadri',
  },
];

export const ORG: Directory = {
  people: new Map(people.map((p) => [p.id, p])),
  institutions: new Map(institutions.map((i) => [i.id, i])),
  domains: new Map(domains.map((d) => [d.id, d])),
  services: new Map(services.map((s) => [s.id, s])),
  portfolioManagerIds: ['kati', 'helen'].slice(1).concat(['pm']),
  tehikRepresentativeIds: ['rein'],
};
(ORG.people as Map<string, Person>).set('pm', { id: 'pm', name: 'Piret Haldur', email: 'pm@example.ee', locale: 'et' });

export const FULL_FORM = {
  title: 'Pensioni taotluse automaatne menetlus',
  serviceId: 'pension',
  currentSituation: 'Taotlused menetletakse käsitsi.',
  problem: 'Menetlus võtab kolm nädalat.',
  expectedResult: 'Otsus ühe päevaga.',
  impact: '40 000 taotlejat aastas.',
  alternatives: 'Lisapersonal; töövoo lihtsustamine.',
  budgetEur: 250000,
  fundingSource: 'RRF',
  legislationNeed: 'Ei ole vaja.',
  stakeholders: 'SKA, TEHIK',
  strategicGoals: ['HEA', 'DIGI2030'],
};

/** The shortest complete proposal form for the example organisation (config/organization.example.yaml); add a title. */
export const EXAMPLE_FORM = {
  serviceId: 'som-star',
  currentSituation: 'a',
  problem: 'b',
  expectedResult: 'c',
  impact: 'd',
  alternatives: 'e',
};
