// User text shown in an Adaptive Card TextBlock or FactSet is escaped (CommonMark backslash escapes)
// so that nobody's title turns into a link, bold or italic text, or a list.
export function escapeCardText(text: string): string {
  return text
    .replace(/([\\`*_[\]()~])/g, '\\$1')
    .replace(/^(\s*)([-+#])(\s)/gm, '$1\\$2$3')
    .replace(/^(\s*)(\d+)\.(\s)/gm, '$1$2\\.$3');
}
