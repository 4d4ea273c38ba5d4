// Search snippets arrive as text with <mark>..</mark> around hits. Split them into parts so the
// UI renders marks as elements and everything else as plain text (never as HTML).
export interface SnippetPart {
  text: string;
  mark: boolean;
}

export function parseSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const re = /<mark>([\s\S]*?)<\/mark>/g;
  let last = 0;
  for (let m = re.exec(snippet); m; m = re.exec(snippet)) {
    if (m.index > last) parts.push({ text: snippet.slice(last, m.index), mark: false });
    parts.push({ text: m[1], mark: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), mark: false });
  return parts;
}

/** Split a transcript turn at its redaction offsets: text pieces and redaction chips. */
export function splitRedactions(text: string, redactions: { kind: string; start: number; end: number }[]) {
  const out: ({ type: "text"; text: string } | { type: "redaction"; kind: string; text: string })[] = [];
  const spans = [...redactions].filter((r) => r.start >= 0 && r.end <= text.length && r.end > r.start).sort((a, b) => a.start - b.start);
  let pos = 0;
  for (const r of spans) {
    if (r.start < pos) continue; // overlapping span: keep the first
    if (r.start > pos) out.push({ type: "text", text: text.slice(pos, r.start) });
    out.push({ type: "redaction", kind: r.kind, text: text.slice(r.start, r.end) });
    pos = r.end;
  }
  if (pos < text.length) out.push({ type: "text", text: text.slice(pos) });
  return out;
}
