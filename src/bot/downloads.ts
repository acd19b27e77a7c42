// Links people click in chat: a download (an export, the minutes, a picture) the engine allowed
// them, and the published site after the portfolio manager publishes. Shared by both platforms.
import type { Engine } from '../engine/engine.ts';
import type { Platform } from '../engine/unit.ts';
import { downloadName } from '../files/files.ts';
import { publishFromChat, type Publication } from '../publish/publish.ts';
import type { Locale, Person } from '../workflow/directory.ts';
import type { FileRequest } from '../workflow/transitions/files.ts';
import { refusalText } from './refusal-text.ts';

export interface Pictures {
  roadmap: string;
  money: string;
  people: string;
  inline: boolean;
}
export type LinkResult = { ok: true; url: string } | { ok: false; text: string };

export class Downloads {
  constructor(
    private readonly engine: Engine,
    private readonly baseUrl: () => string,
    private readonly publication: Publication,
  ) {}

  async link(person: Person, platform: Platform, deliveryKey: string, request: FileRequest): Promise<LinkResult> {
    const r = await this.engine.run({
      command: 'requestFile',
      actorId: person.id,
      input: { locale: person.locale, ...request },
      platform,
      deliveryKey,
    });
    if (!r.ok) return { ok: false, text: refusalText(person.locale, r.refusal) };
    return { ok: true, url: `${this.baseUrl()}/files/${r.value.token}/${downloadName(request.kind, person.locale)}` };
  }

  /**
   * Whether a picture can be shown inline: Slack fetches images itself, so it needs a public HTTPS
   * address (PUBLIC_URL); Teams also shows them from loopback (the Agents Playground).
   */
  inlineImages(platform: Platform): boolean {
    const base = this.baseUrl();
    if (base.startsWith('https://')) return true;
    return platform === 'teams' && /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(base);
  }

  /** Links for the pictures of a filtered portfolio view. */
  async pictures(
    person: Person,
    platform: Platform,
    deliveryKey: string,
    filter: Omit<FileRequest, 'kind' | 'locale'>,
  ): Promise<Pictures | null> {
    const out: Record<string, string> = {};
    for (const kind of ['roadmapPng', 'moneyPng', 'peoplePng'] as const) {
      const l = await this.link(person, platform, `${deliveryKey}:${kind}`, { kind, ...filter });
      if (!l.ok) return null;
      out[kind] = l.url;
    }
    return {
      roadmap: out.roadmapPng!,
      money: out.moneyPng!,
      people: out.peoplePng!,
      inline: this.inlineImages(platform),
    };
  }

  async publish(
    person: Person,
    platform: Platform,
    deliveryKey: string,
  ): Promise<{ ok: true; number: number; url: string } | { ok: false; text: string }> {
    const r = await publishFromChat(this.engine, this.publication, person.id, platform, deliveryKey);
    if (!r.ok) return { ok: false, text: refusalText(person.locale as Locale, r.refusal) };
    return {
      ok: true,
      number: r.number,
      url: `${this.baseUrl()}/portfell/editions/${r.number}/${person.locale === 'en' ? 'en.html' : 'index.html'}`,
    };
  }
}
