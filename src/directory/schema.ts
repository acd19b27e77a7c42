// The shape of config/organization*.yaml: people, institutions, domains, services, portfolio managers
// and TEHIK representatives, with every cross-reference checked. Problems are zod issues whose path
// points into the file (e.g. ["services", 2, "serviceManager"]), so the loader can name the place.
import { z } from 'zod';
import { DOMAIN_IDS, LOCALES } from '../workflow/directory.ts';

/** A message that also shows the wrong value, e.g. `expected a Slack user id such as U0MARI001, got "mari"`. */
const expected = (what: string) => (issue: { input?: unknown }) =>
  `expected ${what}, got ${typeof issue.input === 'string' ? JSON.stringify(issue.input) : String(issue.input)}`;

const text = z.string().trim().min(1, { error: 'expected non-empty text' });

const personId = z
  .string()
  .regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/, { error: expected('a lowercase id such as mari.maasikas') });
const institutionId = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, { error: expected('an id of letters and digits such as SKA') });
const serviceId = z
  .string()
  .regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/, { error: expected('a lowercase id such as ska-pensions') });
const domainId = z.enum(DOMAIN_IDS as readonly ['social', 'health']);

/** Bilingual text: Estonian first, English second. */
export const text2Schema = z.strictObject({ et: text, en: text });

export const personSchema = z.strictObject({
  id: personId,
  name: text,
  email: z.email({ error: expected('an e-mail address such as mari.maasikas@sm.example.ee') }),
  /** When absent, the loader's default locale (DEFAULT_LOCALE) applies. */
  locale: z.enum(LOCALES as readonly ['et', 'en']).optional(),
  institution: institutionId.optional(),
  slackUserId: z
    .string()
    .regex(/^[UW][A-Z0-9]{2,}$/, { error: expected('a Slack user id such as U0MARI001') })
    .optional(),
  teamsObjectId: z
    .guid({ error: expected('the Entra ID object id, a GUID such as 75d532ef-25b7-4e4e-9e81-b978641ca386') })
    .optional(),
});

export const institutionSchema = z.strictObject({
  id: institutionId,
  name: text2Schema,
  boardName: text2Schema,
  boardMembers: z.array(personId).min(1, { error: 'expected at least one board member' }),
  representatives: z.array(personId).default([]),
});

export const domainSchema = z.strictObject({
  id: domainId,
  name: text2Schema,
  committeeName: text2Schema,
  chair: personId,
  committeeMembers: z.array(personId).min(1, { error: 'expected at least one committee member' }),
  coThinkers: z.array(personId).min(1, { error: 'expected at least one co-thinker' }),
});

export const serviceSchema = z.strictObject({
  id: serviceId,
  name: text2Schema,
  institution: institutionId,
  domain: domainId,
  serviceManager: personId.optional(),
  policyManager: personId.optional(),
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'expected a time like "10:00"' });

/** The committee calendar: the default meeting of each quarter and the days before it. */
export const calendarSchema = z.strictObject({
  meetingRule: z
    .strictObject({
      month: z.union([z.literal(1), z.literal(2), z.literal(3)], {
        error: 'expected the month of the quarter: 1, 2 or 3',
      }),
      weekday: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)], {
        error: 'expected a weekday 1 (Monday) … 5 (Friday)',
      }),
      week: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)], {
        error: 'expected 1–4, or 5 for the last one in the month',
      }),
      time: hhmm,
    })
    .optional(),
  statusUpdatesDueDays: z
    .number()
    .int()
    .min(14, { error: 'expected 14–21 days before the meeting' })
    .max(21, { error: 'expected 14–21 days before the meeting' })
    .optional(),
});

export const organizationSchema = z
  .strictObject({
    people: z.array(personSchema).min(1, { error: 'expected at least one person' }),
    institutions: z.array(institutionSchema).min(1, { error: 'expected at least one institution' }),
    domains: z.array(domainSchema),
    services: z.array(serviceSchema).default([]),
    portfolioManagers: z.array(personId).min(1, { error: 'expected at least one portfolio manager' }),
    tehikRepresentatives: z.array(personId).min(1, { error: 'expected at least one TEHIK representative' }),
    calendar: calendarSchema.optional(),
  })
  .superRefine((org, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });

    // Unique values: ids, e-mail addresses (case-insensitive) and chat ids.
    const unique = <T>(
      list: readonly T[],
      listName: string,
      field: string,
      value: (item: T) => string | undefined,
      what: string,
    ) => {
      const seen = new Map<string, number>();
      list.forEach((item, i) => {
        const v = value(item);
        if (v === undefined) return;
        const first = seen.get(v);
        if (first === undefined) seen.set(v, i);
        else
          issue(
            [listName, i, field],
            `duplicate ${what} '${v}' — already used by ${listName}[${first}]; expected each ${what} once`,
          );
      });
    };
    unique(org.people, 'people', 'id', (p) => p.id, 'id');
    unique(org.people, 'people', 'email', (p) => p.email.toLowerCase(), 'e-mail address');
    unique(org.people, 'people', 'slackUserId', (p) => p.slackUserId, 'Slack user id');
    unique(org.people, 'people', 'teamsObjectId', (p) => p.teamsObjectId?.toLowerCase(), 'Teams object id');
    unique(org.institutions, 'institutions', 'id', (x) => x.id, 'id');
    unique(org.domains, 'domains', 'id', (x) => x.id, 'id');
    unique(org.services, 'services', 'id', (x) => x.id, 'id');

    const people = new Set(org.people.map((p) => p.id));
    const institutions = new Set(org.institutions.map((x) => x.id));
    const institutionList = [...institutions].join(', ');

    const person = (id: string | undefined, path: (string | number)[]) => {
      if (id !== undefined && !people.has(id)) issue(path, `unknown person '${id}' — expected an id from people`);
    };
    const personList = (ids: readonly string[], path: (string | number)[]) => {
      const seen = new Set<string>();
      ids.forEach((id, i) => {
        person(id, [...path, i]);
        if (seen.has(id)) issue([...path, i], `'${id}' is listed twice — expected each person once`);
        seen.add(id);
      });
    };
    const institution = (id: string | undefined, path: (string | number)[]) => {
      if (id !== undefined && !institutions.has(id)) {
        issue(path, `unknown institution '${id}' — expected one of ${institutionList}`);
      }
    };

    org.people.forEach((p, i) => institution(p.institution, ['people', i, 'institution']));
    org.institutions.forEach((x, i) => {
      personList(x.boardMembers, ['institutions', i, 'boardMembers']);
      personList(x.representatives, ['institutions', i, 'representatives']);
    });

    const domainIds = new Set(org.domains.map((d) => d.id));
    for (const id of DOMAIN_IDS) {
      if (!domainIds.has(id)) {
        issue(['domains'], `missing domain '${id}' — expected exactly the domains ${DOMAIN_IDS.join(' and ')}`);
      }
    }
    org.domains.forEach((d, i) => {
      person(d.chair, ['domains', i, 'chair']);
      personList(d.committeeMembers, ['domains', i, 'committeeMembers']);
      personList(d.coThinkers, ['domains', i, 'coThinkers']);
    });

    org.services.forEach((s, i) => {
      institution(s.institution, ['services', i, 'institution']);
      person(s.serviceManager, ['services', i, 'serviceManager']);
      person(s.policyManager, ['services', i, 'policyManager']);
      if (s.serviceManager === undefined && s.policyManager === undefined) {
        issue(
          ['services', i],
          `service '${s.id}' has neither serviceManager nor policyManager — expected at least one ` +
            '(the policy manager agrees proposals when there is no service manager)',
        );
      }
    });

    personList(org.portfolioManagers, ['portfolioManagers']);
    personList(org.tehikRepresentatives, ['tehikRepresentatives']);
  });

export type OrganizationFile = z.infer<typeof organizationSchema>;
