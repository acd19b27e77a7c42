// A deterministic demo portfolio for the publication tests and the benchmark: items across the
// example organisation's institutions and services, spread over the 4-year horizon.
import type { Prisma } from '../../src/storage/generated/client.ts';
import { addQuarters, quarterOf } from '../../src/workflow/calendar.ts';
import type { Directory } from '../../src/workflow/directory.ts';

const WHAT = [
  'andmevahetus',
  'iseteenindus',
  'register',
  'e-teenus',
  'analüütika',
  'liides',
  'arhiiv',
  'teavitused',
  'otsustustugi',
  'mobiilirakendus',
];
const STATUSES = ['planned', 'inProgress', 'inProgress', 'paused', 'done'] as const;
const FUNDING = ['riigieelarve', 'EL struktuurifondid', 'taaste- ja vastupidavuskava', 'asutuse eelarve'];

export function demoItems(dir: Directory, count: number, now: Date): Prisma.PortfolioItemCreateManyInput[] {
  const services = [...dir.services.values()];
  const first = quarterOf(now);
  const items: Prisma.PortfolioItemCreateManyInput[] = [];
  for (let i = 0; i < count; i += 1) {
    const s = services[i % services.length]!;
    const start = addQuarters(first, ((i * 7) % 12) - 2);
    const length = 1 + ((i * 5) % 9);
    const end = addQuarters(start, length);
    const perQuarter = 20_000 + ((i * 37_000) % 180_000);
    const moneyPerYear: Record<string, number> = {};
    for (let q = 0; q <= length; q += 1) {
      const year = addQuarters(start, q).slice(0, 4);
      moneyPerYear[year] = (moneyPerYear[year] ?? 0) + perQuarter;
    }
    const status = STATUSES[i % STATUSES.length]!;
    items.push({
      id: `demo-${String(i + 1).padStart(5, '0')}`,
      title: `${s.name.et}: ${WHAT[i % WHAT.length]}${count > WHAT.length ? ` ${Math.floor(i / WHAT.length) + 1}` : ''}`,
      domainId: s.domainId,
      institutionId: s.institutionId,
      serviceId: s.id,
      startQuarter: start,
      endQuarter: end,
      status,
      progress: status === 'done' ? 100 : status === 'planned' ? 0 : (i * 13) % 90,
      moneyPerYear,
      fundingSource: FUNDING[i % FUNDING.length]!,
      people: 1 + (i % 6) * 0.5,
      tehikTeam: i % 3 === 0 ? null : `TEHIK tiim ${1 + (i % 4)}`,
    });
  }
  return items;
}
