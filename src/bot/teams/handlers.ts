// Turns Teams activities into engine commands and answers with cards. Decides nothing itself:
// every change is a command the engine authorises; a refusal is shown as the engine worded it.
import type { Engine } from '../../engine/engine.ts';
import type { Queries } from '../../engine/queries.ts';
import { t, type MessageKey } from '../../i18n/catalogue.ts';
import type { PrismaClient } from '../../storage/generated/client.ts';
import type { Locale, Person } from '../../workflow/directory.ts';
import { agreerFor } from '../../workflow/directory.ts';
import type { Stage } from '../../workflow/stages.ts';
import { FORM_STEPS, fieldsFromInputs } from '../form-steps.ts';
import { parseIntent, type Intent } from '../intents.ts';
import {
  agreementCard,
  formStepCard,
  helpCard,
  messageCard,
  myProposalsCard,
  summaryCard,
  type Card,
} from './cards.ts';
import { refusalText } from '../refusal-text.ts';
export { refusalText };
import { conditionsCard } from './committee-cards.ts';

export type InvokeResult =
  | { statusCode: 200; type: 'application/vnd.microsoft.card.adaptive'; value: Card }
  | { statusCode: 200; type: 'application/vnd.microsoft.activity.message'; value: string };

export const cardResult = (value: Card): InvokeResult => ({
  statusCode: 200,
  type: 'application/vnd.microsoft.card.adaptive',
  value,
});
export const messageResult = (value: string): InvokeResult => ({
  statusCode: 200,
  type: 'application/vnd.microsoft.activity.message',
  value,
});

export class TeamsHandlers {
  constructor(
    private readonly engine: Engine,
    private readonly queries: Queries,
    private readonly db: PrismaClient,
  ) {}

  private get dir() {
    return this.engine.dir;
  }

  /** The answer to a typed message or a help-card button. */
  async respond(person: Person, intent: Intent): Promise<Card> {
    const locale = person.locale;
    switch (intent) {
      case 'newIdea':
        return formStepCard({ dir: this.dir, locale, proposalId: null, number: null, step: 0, values: {} });
      case 'continueDraft': {
        const drafts = (await this.queries.myProposals(person.id)).filter((p) =>
          ['draft', 'returned', 'conditions'].includes(p.status),
        );
        const latest = drafts[0];
        if (!latest) return messageCard([t(locale, 'noDraft')]);
        const p = (await this.queries.proposal(person.id, latest.proposalId))!;
        return formStepCard({ dir: this.dir, locale, proposalId: p.id, number: p.number, step: 0, values: p });
      }
      case 'myProposals': {
        const rows = await this.queries.myProposals(person.id);
        const boards = new Map(
          (
            await this.db.proposal.findMany({
              where: { submitterId: person.id },
              select: { id: true, institutionId: true },
            })
          ).map((p) => [
            p.id,
            p.institutionId ? (this.dir.institutions.get(p.institutionId)?.boardName[locale] ?? '') : '',
          ]),
        );
        return myProposalsCard(
          locale,
          rows.map((r) => ({
            number: r.number,
            title: r.title,
            status: t(locale, `stage.${r.status}` as MessageKey),
            next: t(locale, `next.${r.status}` as MessageKey, {
              person: r.nextPersonId ? (this.dir.people.get(r.nextPersonId)?.name ?? '') : '',
              place: boards.get(r.proposalId) ?? '',
            }),
          })),
        );
      }
      case 'help':
        return helpCard(locale);
      default:
        return {
          ...helpCard(locale),
          body: [
            { type: 'TextBlock', text: t(locale, 'unknownCommand'), wrap: true },
            ...(helpCard(locale).body as object[]),
          ],
        };
    }
  }

  onMessageText(person: Person, text: string | undefined): Promise<Card> {
    return this.respond(person, parseIntent(text));
  }

  /** A click on a card button (Action.Execute). `deliveryKey` identifies the click's card. */
  async onAction(person: Person, data: Record<string, unknown>, deliveryKey: string): Promise<InvokeResult> {
    const locale = person.locale;
    const action = String(data.action ?? '');
    // A new form carries no proposalId (null); anything but a proposal's id is not one — never a new draft.
    if (data.proposalId != null && (typeof data.proposalId !== 'string' || data.proposalId === ''))
      return messageResult(t(locale, 'refusal.notFound'));
    const proposalId = typeof data.proposalId === 'string' ? data.proposalId : null;
    const step = Math.min(Math.max(Number(data.step ?? 0) || 0, 0), FORM_STEPS.length - 1);
    switch (action) {
      case 'intent':
        return cardResult(await this.respond(person, String(data.intent) as Intent));
      case 'form.next':
        return this.saveStep(person, proposalId, step, data, deliveryKey);
      case 'form.back':
      case 'form.edit': {
        if (!proposalId)
          return cardResult(
            formStepCard({ dir: this.dir, locale, proposalId: null, number: null, step: 0, values: {} }),
          );
        const p = await this.queries.proposal(person.id, proposalId);
        if (!p || p.submitterId !== person.id) return messageResult(t(locale, 'refusal.notFound'));
        return cardResult(
          formStepCard({
            dir: this.dir,
            locale,
            proposalId,
            number: p.number,
            step: action === 'form.back' ? Math.max(step - 1, 0) : step,
            values: p,
          }),
        );
      }
      case 'form.submit': {
        const r = await this.engine.run({
          command: 'submit',
          actorId: person.id,
          input: { proposalId },
          platform: 'teams',
          deliveryKey,
        });
        if (!r.ok) {
          const p = proposalId ? await this.queries.proposal(person.id, proposalId) : null;
          if (r.refusal.key === 'validation.incomplete' && p && p.submitterId === person.id)
            return cardResult(summaryCard(this.dir, locale, p, r.refusal.fieldErrors));
          return messageResult(refusalText(locale, r.refusal));
        }
        return cardResult(await this.submittedCard(person, locale, r.value.proposalId));
      }
      case 'agreement.agree':
      case 'agreement.return': {
        const agree = action === 'agreement.agree';
        const comment = typeof data.comment === 'string' ? data.comment : '';
        const r = agree
          ? await this.engine.run({
              command: 'agree',
              actorId: person.id,
              input: { proposalId },
              platform: 'teams',
              deliveryKey,
            })
          : await this.engine.run({
              command: 'returnForChanges',
              actorId: person.id,
              input: { proposalId, comment },
              platform: 'teams',
              deliveryKey,
            });
        if (!r.ok) return messageResult(refusalText(locale, r.refusal));
        const p = (await this.queries.proposal(person.id, proposalId!))!;
        return cardResult(
          agreementCard(this.dir, locale, p, {
            kind: agree ? 'agreed' : 'returned',
            personName: person.name,
            at: this.engine.now(),
            comment,
          }),
        );
      }
      case 'conditions.save':
      case 'conditions.resubmit':
        return this.conditions(person, proposalId ?? '', data, deliveryKey, action === 'conditions.resubmit');
      default:
        return messageResult(t(locale, 'unknownCommand'));
    }
  }

  /** Ticks conditions as the toggles say; with `resubmit`, then sends the proposal back to a committee. */
  private async conditions(
    person: Person,
    proposalId: string,
    data: Record<string, unknown>,
    key: string,
    resubmit: boolean,
  ): Promise<InvokeResult> {
    const locale = person.locale;
    const rows = await this.db.condition.findMany({
      where: { proposalId },
      orderBy: [{ pollId: 'asc' }, { position: 'asc' }],
    });
    for (const c of rows) {
      const v = data[`cond_${c.id}`];
      if (v === undefined) continue;
      const met = v === 'true' || v === true;
      if (met === (c.metAt != null)) continue;
      const r = await this.engine.run({
        command: 'markCondition',
        actorId: person.id,
        input: { proposalId, conditionId: c.id, met },
        platform: 'teams',
        deliveryKey: `${key}:${c.id}`,
      });
      if (!r.ok) return messageResult(refusalText(locale, r.refusal));
    }
    const p = await this.queries.proposal(person.id, proposalId);
    if (!p) return messageResult(t(locale, 'refusal.notFound'));
    if (resubmit) {
      const r = await this.engine.run({
        command: 'resubmitToCommittee',
        actorId: person.id,
        input: { proposalId },
        platform: 'teams',
        deliveryKey: key,
      });
      if (!r.ok) return messageResult(refusalText(locale, r.refusal));
      return cardResult(await this.submittedCard(person, locale, proposalId));
    }
    const fresh = await this.db.condition.findMany({
      where: { proposalId },
      orderBy: [{ pollId: 'asc' }, { position: 'asc' }],
    });
    return cardResult(
      conditionsCard(
        locale,
        p,
        fresh.map((c) => ({ id: c.id, text: c.text, met: c.metAt != null })),
      ),
    );
  }

  private async saveStep(
    person: Person,
    proposalId: string | null,
    step: number,
    data: Record<string, unknown>,
    deliveryKey: string,
  ): Promise<InvokeResult> {
    const locale = person.locale;
    const fields = fieldsFromInputs(step, data);
    const r = proposalId
      ? await this.engine.run({
          command: 'saveDraft',
          actorId: person.id,
          input: { proposalId, fields },
          platform: 'teams',
          deliveryKey,
        })
      : await this.engine.run({
          command: 'createDraft',
          actorId: person.id,
          input: { fields },
          platform: 'teams',
          deliveryKey,
        });
    if (!r.ok) {
      if (Object.keys(r.refusal.fieldErrors).length === 0) return messageResult(refusalText(locale, r.refusal));
      // Show the step again with what the person typed and the errors next to the fields.
      const stored = proposalId ? await this.queries.proposal(person.id, proposalId) : null;
      return cardResult(
        formStepCard({
          dir: this.dir,
          locale,
          proposalId,
          number: stored?.number ?? null,
          step,
          values: { ...(stored ?? {}), ...data },
          errors: r.refusal.fieldErrors,
        }),
      );
    }
    const p = (await this.queries.proposal(person.id, r.value.proposalId))!;
    if (step + 1 < FORM_STEPS.length)
      return cardResult(
        formStepCard({ dir: this.dir, locale, proposalId: p.id, number: p.number, step: step + 1, values: p }),
      );
    return cardResult(summaryCard(this.dir, locale, p));
  }

  private async submittedCard(person: Person, locale: Locale, proposalId: string): Promise<Card> {
    const p = (await this.queries.proposal(person.id, proposalId))!;
    const service = p.serviceId ? this.dir.services.get(p.serviceId) : undefined;
    const agreer = service ? agreerFor(service) : null;
    const board = p.institutionId ? (this.dir.institutions.get(p.institutionId)?.boardName[locale] ?? '') : '';
    return messageCard([
      t(locale, 'submitted.title', { number: p.number }),
      `${t(locale, `stage.${p.status as Stage}` as MessageKey)} — ${t(locale, `next.${p.status as Stage}` as MessageKey, { person: agreer ? (this.dir.people.get(agreer.personId)?.name ?? '') : '', place: board })}`,
    ]);
  }
}
