// Finds the directory person behind a platform account: Teams by Entra object id, Slack by user id,
// both by e-mail as a fallback. The directory decides who someone is, never the payload.
import type { Directory, Person } from '../workflow/directory.ts';

export class PeopleIndex {
  private readonly byTeams = new Map<string, Person>();
  private readonly bySlack = new Map<string, Person>();
  private readonly byEmail = new Map<string, Person>();

  constructor(dir: Directory) {
    for (const p of dir.people.values()) {
      if (p.teamsObjectId) this.byTeams.set(p.teamsObjectId.toLowerCase(), p);
      if (p.slackUserId) this.bySlack.set(p.slackUserId, p);
      this.byEmail.set(p.email.toLowerCase(), p);
    }
  }

  teams(aadObjectId: string | undefined, email?: string): Person | undefined {
    return (
      (aadObjectId && this.byTeams.get(aadObjectId.toLowerCase())) ||
      (email ? this.byEmail.get(email.toLowerCase()) : undefined)
    );
  }

  slack(userId: string | undefined, email?: string): Person | undefined {
    return (userId && this.bySlack.get(userId)) || (email ? this.byEmail.get(email.toLowerCase()) : undefined);
  }
}
