import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DirectoryError, EXAMPLE_ORGANIZATION_FILE, loadDirectory, parseDirectory } from '../src/directory/load.ts';
import { agreerFor, DOMAIN_IDS, voters, type Directory } from '../src/workflow/directory.ts';

const FILE = 'config/organization.yaml';
const exampleText = readFileSync(EXAMPLE_ORGANIZATION_FILE, 'utf8');

/** The example file as plain data, changed by `change`, written back as YAML text. */
function changedExample(change: (org: any) => void): string {
  const org = parse(exampleText);
  change(org);
  return stringify(org);
}

function directoryError(text: string): DirectoryError {
  try {
    parseDirectory(text, FILE);
  } catch (err) {
    expect(err).toBeInstanceOf(DirectoryError);
    return err as DirectoryError;
  }
  throw new Error('expected a DirectoryError, but the file was accepted');
}

describe('the example organisation', () => {
  let dir: Directory;

  it('loads', async () => {
    dir = await loadDirectory(EXAMPLE_ORGANIZATION_FILE);
    expect(dir.people.size).toBeGreaterThanOrEqual(18);
  });

  it('has the four institutions, each with a board and a representative', () => {
    expect([...dir.institutions.keys()].sort()).toEqual(['SKA', 'SoM', 'TEHIK', 'TerK']);
    expect(dir.institutions.get('SKA')?.boardName.et).toBe('SKA arenduste juhtrühm');
    expect(dir.institutions.get('TerK')?.boardName.et).toBe('TerK arenduskomisjon');
    for (const x of dir.institutions.values()) {
      expect(x.name.et && x.name.en && x.boardName.en, x.id).toBeTruthy();
      expect(x.boardMemberIds.length, x.id).toBeGreaterThan(0);
      expect(x.representativeIds.length, x.id).toBeGreaterThan(0);
    }
  });

  it('has both domains with a chair, at least 3 committee members and 3 co-thinkers', () => {
    expect([...dir.domains.keys()].sort()).toEqual([...DOMAIN_IDS].sort());
    expect(dir.domains.get('social')?.committeeName.et).toBe('Sotsiaalvaldkonna IKT juhtkomisjon');
    expect(dir.domains.get('health')?.committeeName.et).toBe('E-tervise juhtkomisjon');
    for (const d of dir.domains.values()) {
      expect(dir.people.has(d.chairId)).toBe(true);
      expect(d.committeeMemberIds.length, d.id).toBeGreaterThanOrEqual(3);
      expect(d.coThinkerIds.length, d.id).toBeGreaterThanOrEqual(3);
      expect(voters(dir, d.id).length).toBeGreaterThanOrEqual(4);
    }
  });

  it('has at least 3 services per domain, and one agreed by its policy manager for lack of a service manager', () => {
    const services = [...dir.services.values()];
    for (const id of DOMAIN_IDS) expect(services.filter((s) => s.domainId === id).length, id).toBeGreaterThanOrEqual(3);
    for (const s of services) expect(agreerFor(s), s.id).not.toBeNull();
    const withoutManager = services.filter((s) => s.serviceManagerId === undefined);
    expect(withoutManager.length).toBeGreaterThan(0);
    expect(agreerFor(withoutManager[0]!)?.role).toBe('policyManager');
    expect(new Set(services.map((s) => s.institutionId))).toEqual(new Set(['SKA', 'TerK', 'SoM']));
  });

  it('has portfolio managers and TEHIK representatives, and every person holds a role', () => {
    expect(dir.portfolioManagerIds.length).toBeGreaterThan(0);
    expect(dir.tehikRepresentativeIds.length).toBeGreaterThan(0);
    const holders = new Set<string>([
      ...dir.portfolioManagerIds,
      ...dir.tehikRepresentativeIds,
      ...[...dir.institutions.values()].flatMap((x) => [...x.boardMemberIds, ...x.representativeIds]),
      ...[...dir.domains.values()].flatMap((d) => [d.chairId, ...d.committeeMemberIds, ...d.coThinkerIds]),
      ...[...dir.services.values()]
        .flatMap((s) => [s.serviceManagerId, s.policyManagerId])
        .filter((x) => x !== undefined),
    ]);
    expect([...dir.people.keys()].filter((id) => !holders.has(id))).toEqual([]);
    for (const id of holders) expect(dir.people.has(id), id).toBe(true);
  });

  it('gives people a locale, an institution and chat ids', () => {
    const mari = dir.people.get('mari.maasikas');
    expect(mari).toMatchObject({ name: 'Mari Maasikas', locale: 'et', institutionId: 'SoM', slackUserId: 'U0MARI001' });
    expect(mari?.teamsObjectId).toMatch(/^[0-9a-f-]{36}$/);
    expect([...dir.people.values()].some((p) => p.locale === 'en')).toBe(true);
  });
});

describe('the default locale', () => {
  it('applies to people without a locale of their own', () => {
    const text = changedExample((org) => {
      delete org.people[0].locale;
    });
    expect(parseDirectory(text, FILE).people.get('mari.maasikas')?.locale).toBe('et');
    const en = parseDirectory(text, FILE, { defaultLocale: 'en' });
    expect(en.people.get('mari.maasikas')?.locale).toBe('en');
    expect(en.people.get('kadri.kask')?.locale).toBe('et');
  });
});

describe('a wrong organisation file', () => {
  it('names an unknown person reference with its path and line', () => {
    const text = changedExample((org) => {
      org.services[2].serviceManager = 'x.y';
    });
    const err = directoryError(text);
    expect(err.file).toBe(FILE);
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]?.path).toBe('services[2].serviceManager');
    expect(err.message).toContain(
      "Fix config/organization.yaml: services[2].serviceManager: unknown person 'x.y' — expected an id from people",
    );
    const line = text.split('\n').findIndex((l) => l.includes('serviceManager: x.y')) + 1;
    expect(err.problems[0]?.line).toBe(line);
  });

  it('names unknown people in lists and an unknown institution', () => {
    const err = directoryError(
      changedExample((org) => {
        org.domains[1].coThinkers.push('nobody');
        org.services[0].institution = 'XYZ';
      }),
    );
    expect(err.problems.map((p) => p.path)).toEqual(['domains[1].coThinkers[5]', 'services[0].institution']);
    expect(err.message).toContain("unknown institution 'XYZ' — expected one of SoM, SKA, TerK, TEHIK");
  });

  it('refuses a service with neither a service manager nor a policy manager', () => {
    const err = directoryError(
      changedExample((org) => {
        delete org.services[1].serviceManager;
        delete org.services[1].policyManager;
      }),
    );
    expect(err.problems.map((p) => p.path)).toEqual(['services[1]']);
    expect(err.message).toMatch(
      /services\[1\]: service 'ska-family-benefits' has neither serviceManager nor policyManager/,
    );
  });

  it('refuses duplicate ids and e-mail addresses', () => {
    const err = directoryError(
      changedExample((org) => {
        org.people[1].id = org.people[0].id;
        org.people[3].email = org.people[2].email.toUpperCase();
        org.services.push({ ...org.services[0] });
      }),
    );
    const paths = err.problems.map((p) => p.path);
    expect(paths).toContain('people[1].id');
    expect(paths).toContain('people[3].email');
    expect(paths).toContain(`services[${parse(exampleText).services.length}].id`);
    expect(err.message).toContain("people[1].id: duplicate id 'mari.maasikas' — already used by people[0]");
  });

  it('refuses a value of the wrong type', () => {
    const err = directoryError(
      changedExample((org) => {
        org.institutions[0].boardMembers = 'jaan.tamm';
        org.people[0].locale = 'fi';
        org.people[1].slackUserId = 'kadri';
      }),
    );
    expect(err.problems.map((p) => p.path)).toEqual([
      'people[0].locale',
      'people[1].slackUserId',
      'institutions[0].boardMembers',
    ]);
    expect(err.message).toContain('people[1].slackUserId: expected a Slack user id such as U0MARI001, got "kadri"');
    expect(err.message).toContain('institutions[0].boardMembers: expected a list, got "jaan.tamm"');
    expect(err.message).toContain('people[0].locale: expected one of et, en, got "fi"');
  });

  it('checks the committee calendar: the default meeting rule and the status deadline', async () => {
    const err = directoryError(
      changedExample((org) => {
        org.calendar.meetingRule.weekday = 7;
        org.calendar.meetingRule.time = '25:00';
        org.calendar.statusUpdatesDueDays = 30;
      }),
    );
    expect(err.problems.map((p) => p.path)).toEqual([
      'calendar.meetingRule.weekday',
      'calendar.meetingRule.time',
      'calendar.statusUpdatesDueDays',
    ]);
    expect(err.message).toContain('calendar.meetingRule.weekday: expected a weekday 1 (Monday) … 5 (Friday)');
    expect(err.message).toContain('calendar.statusUpdatesDueDays: expected 14–21 days before the meeting');
    const example = await loadDirectory(EXAMPLE_ORGANIZATION_FILE);
    expect(example.calendar).toEqual({
      meetingRule: { month: 2, weekday: 4, week: 2, time: '10:00' },
      offsets: expect.objectContaining({ statusUpdatesDueDays: 14, roundOpensDays: 21 }),
    });
    const changed = parseDirectory(
      changedExample((org) => {
        org.calendar.statusUpdatesDueDays = 21;
        org.calendar.meetingRule.week = 5;
      }),
      FILE,
    );
    expect(changed.calendar).toMatchObject({ meetingRule: { week: 5 }, offsets: { statusUpdatesDueDays: 21 } });
    const without = parseDirectory(
      changedExample((org) => {
        delete org.calendar;
      }),
      FILE,
    );
    expect(without.calendar?.meetingRule).toEqual({ month: 2, weekday: 4, week: 2, time: '10:00' });
  });

  it('names a missing field and a misspelt key', () => {
    const err = directoryError(
      changedExample((org) => {
        delete org.domains[0].chair;
        org.services[0].serviceManger = org.services[0].serviceManager;
      }),
    );
    expect(err.message).toContain('domains[0].chair: missing — expected text');
    expect(err.message).toContain("services[0].serviceManger: unknown key 'serviceManger'");
  });

  it('requires exactly the domains social and health', () => {
    const err = directoryError(
      changedExample((org) => {
        org.domains = org.domains.filter((d: any) => d.id !== 'health');
      }),
    );
    expect(err.message).toContain("domains: missing domain 'health' — expected exactly the domains social and health");
    const wrong = directoryError(
      changedExample((org) => {
        org.domains[1].id = 'education';
      }),
    );
    expect(wrong.problems[0]?.path).toBe('domains[1].id');
  });

  it('reports a YAML syntax error with its line', () => {
    const lines = exampleText.split('\n');
    const at = lines.findIndex((l) => l.startsWith('institutions:')) + 3;
    lines[at] = '    boardName: { et: SoM juhtkond, en: SoM management';
    const err = directoryError(lines.join('\n'));
    expect(err.problems[0]?.line).toBeGreaterThanOrEqual(at + 1);
    expect(err.message).toMatch(/^Fix config\/organization\.yaml: YAML syntax error at line \d+, column \d+: /);
  });

  it('refuses an empty file', () => {
    const err = directoryError('');
    expect(err.message).toContain('Fix config/organization.yaml: expected a mapping (key: value), got an empty value');
  });

  it('says how to create a missing file', async () => {
    const missing = path.join(mkdtempSync(path.join(tmpdir(), 'org-')), 'organization.yaml');
    const err = await loadDirectory(missing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DirectoryError);
    expect((err as Error).message).toContain(`Organisation file ${missing} not found`);
    expect((err as Error).message).toContain(`cp config/organization.example.yaml ${missing}`);
  });

  it('is read from disk with the path it was given', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'org-')), 'organization.yaml');
    writeFileSync(
      file,
      changedExample((org) => {
        org.portfolioManagers = [];
      }),
    );
    const err = await loadDirectory(file).catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      `Fix ${file}: portfolioManagers: expected at least one portfolio manager (line ${
        readFileSync(file, 'utf8')
          .split('\n')
          .findIndex((l) => l.startsWith('portfolioManagers')) + 1
      })`,
    );
  });
});
