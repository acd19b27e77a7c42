// User text in Slack mrkdwn is escaped (&, <, >), so a title like "<!channel> <@U123> <http://x|y>"
// shows literally: no mass mention, no ping, no disguised link.
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Block Kit text limits: section text 3,000, plain_text labels 150 / titles 24, button text 75. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
