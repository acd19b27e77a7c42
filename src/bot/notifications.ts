// The plain-text notifications both platforms send (the submitter told of a decision, the portfolio
// manager told of work to do). Platform-neutral: text in the reader's language from an outbox payload.
import { t, type MessageKey } from '../i18n/catalogue.ts';
import { formatDate } from '../i18n/dates.ts';
import { meetingDeadlines } from '../workflow/calendar.ts';
import { agreerFor, type Directory, type DomainId, type Locale } from '../workflow/directory.ts';
import type { Audience, OutboxPayload, ReminderItem } from '../workflow/outbox-messages.ts';
import type { NoticeData } from '../engine/notice-data.ts';

/**
 * The text for a payload, or null when the payload is not a plain notification (cards, polls).
 * `escape` is the platform's escaping for what people typed (titles, comments, reasons).
 */
export async function notificationText(
  data: NoticeData,
  dir: Directory,
  payload: OutboxPayload,
  audience: Audience,
  locale: Locale,
  escape: (s: string) => string = (s) => s,
): Promise<string | null> {
  const name = (id: string) => escape(dir.people.get(id)?.name ?? id);
  const line = (i: ReminderItem) => {
    const text = t(locale, `reminder.${i.kind}`, {
      number: i.number ?? '',
      title: escape(i.title),
      since: formatDate(new Date(i.since)),
      due: i.dueAt ? formatDate(new Date(i.dueAt)) : '',
    });
    return i.onBehalfOf ? t(locale, 'reminder.onBehalfOf', { line: text, person: name(i.onBehalfOf) }) : text;
  };
  switch (payload.kind) {
    case 'reminderDigest':
      return [t(locale, 'reminder.title', { count: payload.items.length }), ...payload.items.map(line)].join('\n');
    case 'substitutionStarted':
    case 'substitutionEnded': {
      const s = await data.substitution(payload.substitutionId);
      if (!s) return null;
      if (payload.kind === 'substitutionEnded') return t(locale, 'substitution.ended', { absent: name(s.absentId) });
      const until = new Date(s.endsAt.getTime() - 1);
      const head = t(locale, 'substitution.started', {
        absent: name(s.absentId),
        from: formatDate(s.startsAt),
        until: formatDate(until),
      });
      return payload.items.length
        ? [head, t(locale, 'substitution.waiting', { count: payload.items.length }), ...payload.items.map(line)].join(
            '\n',
          )
        : head;
    }
    case 'editionPublished': {
      const e = await data.edition(payload.editionId);
      if (!e) return null;
      return t(locale, 'notify.edition', { number: e.number, count: e.itemCount, ...e.counts });
    }
    case 'overdueSummary':
      return [
        t(locale, 'overdue.title', { count: payload.items.length }),
        ...payload.items.map((i) => t(locale, 'overdue.line', { person: name(i.personId), what: line(i) })),
      ].join('\n');
    case 'meetingScheduled': {
      const m = await data.meeting(payload.meetingId);
      if (!m) return null;
      const d = meetingDeadlines(m.startsAt, dir.calendar?.offsets);
      return t(locale, 'notify.meeting', {
        date: formatDate(m.startsAt),
        round: formatDate(d.roundOpensAt),
        opinions: formatDate(d.opinionsDueAt),
      });
    }
    case 'extraordinaryMeetingRequested': {
      const r = await data.meetingRequest(payload.requestId);
      return r
        ? t(locale, 'notify.meetingRequested', {
            person: name(r.requestedById),
            domain: dir.domains.get(r.domainId as DomainId)?.name ?? r.domainId,
            reason: escape(r.reason),
          })
        : null;
    }
    case 'statusUpdateRecorded': {
      const u = await data.statusUpdate(payload.statusUpdateId);
      return u
        ? t(locale, 'notify.statusUpdate', {
            title: escape(u.item.title),
            status: `@itemStatus.${u.status}`,
            progress: u.progress,
            person: name(u.byId),
          })
        : null;
    }
    // Answers to the person who acted (sent after the command commits, on the platform they used).
    case 'voted':
      return t(locale, 'slack.voted', { vote: `@decision.${payload.choice}` as `@${MessageKey}` });
    case 'opinionSaved':
    case 'submitted': {
      const p = await data.proposal(payload.proposalId);
      if (!p) return null;
      if (payload.kind === 'opinionSaved') return t(locale, 'opinion.saved', { number: p.number });
      const service = p.serviceId ? dir.services.get(p.serviceId) : undefined;
      const agreer = service ? agreerFor(service) : null;
      const next = t(locale, `next.${payload.stage}` as MessageKey, {
        person: agreer ? name(agreer.personId) : '',
        place: '',
      });
      return t(locale, 'slack.submitted', { number: p.number, title: escape(p.title ?? ''), next });
    }
    case 'proposalAgreed':
    case 'proposalReturned':
    case 'boardDecided':
    case 'proposalScheduled':
    case 'committeeDecided':
    case 'resubmittedToCommittee': {
      const p = await data.proposal(payload.proposalId);
      if (!p) return null;
      const base = { number: p.number, title: escape(p.title ?? '') };
      if (payload.kind === 'proposalAgreed') return t(locale, 'notify.agreed', { ...base, person: name(payload.byId) });
      if (payload.kind === 'proposalReturned')
        return t(locale, 'notify.returned', { ...base, person: name(payload.byId), comment: escape(payload.comment) });
      if (payload.kind === 'boardDecided') {
        return audience.kind === 'portfolioManagers'
          ? t(locale, 'notify.boardSent', { ...base, priority: payload.priority ?? '' })
          : t(locale, 'notify.statusChanged', { ...base, stage: `@stage.${p.status}` });
      }
      if (payload.kind === 'proposalScheduled') {
        const m = await data.meeting(payload.meetingId);
        return t(locale, 'notify.scheduled', { ...base, date: m ? formatDate(m.startsAt) : '' });
      }
      if (payload.kind === 'committeeDecided')
        return t(locale, 'notify.decided', { ...base, decision: `@decision.${payload.decision}` as `@${MessageKey}` });
      return t(locale, 'notify.resubmitted', base);
    }
    default:
      return null;
  }
}

/** The line above a status request: when the committee reviews the portfolio, and the deadline. */
export async function statusRequestIntro(
  data: NoticeData,
  dir: Directory,
  meetingId: string,
  locale: Locale,
): Promise<string | undefined> {
  const m = await data.meeting(meetingId);
  if (!m) return undefined;
  return t(locale, 'status.request', {
    date: formatDate(m.startsAt),
    due: formatDate(meetingDeadlines(m.startsAt, dir.calendar?.offsets).statusUpdatesDueAt),
  });
}
