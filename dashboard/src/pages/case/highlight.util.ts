// Offsets from the server are 0-based counts of characters as DuckDB counts them: Unicode code points,
// not the UTF-16 units of a JavaScript string. An emoji is one character there and two units here, so
// every function below works on Array.from(text), which walks code points.

/** A stretch of text to highlight, such as a detected handover element. */
export interface HighlightSpan {
  /** 0-based code-point offset of the first character. */
  start: number;
  /** Length in code points. */
  length: number;
  /** What was found there (an element name), shown as the mark's label. */
  label: string;
  /** Which evidence row the span comes from, so a mark can be traced back to it. */
  ref: number;
}

/** A run of text under the same spans; plain text has none. */
export interface Segment {
  text: string;
  /** Code-point offset of the segment in the text. */
  start: number;
  /** The spans covering the segment, the outermost (earliest start, then longest) first. */
  spans: HighlightSpan[];
  /** The spans that begin with this segment (their label is shown here). */
  opens: HighlightSpan[];
}

/**
 * Cuts text into segments at every span's start and end. Overlapping and nested spans give segments
 * covered by several spans; spans reaching past the end are cut at the end; spans wholly outside the
 * text, empty or not finite are dropped. Joining the segments' text gives the text back unchanged.
 */
export function highlightSegments(text: string, spans: readonly HighlightSpan[]): Segment[] {
  const chars = Array.from(text);
  const n = chars.length;
  if (n === 0) {
    return [];
  }
  const kept = spans
    .filter((span) => Number.isFinite(span.start) && Number.isFinite(span.length))
    .map((span) => ({ span, from: Math.max(0, span.start), to: Math.min(n, span.start + span.length) }))
    .filter(({ from, to }) => to > from)
    .sort((a, b) => a.from - b.from || b.to - a.to || a.span.ref - b.span.ref);
  const cuts = [...new Set([0, n, ...kept.flatMap(({ from, to }) => [from, to])])].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i];
    const to = cuts[i + 1];
    const covering = kept.filter((k) => k.from <= from && k.to >= to);
    segments.push({
      text: chars.slice(from, to).join(''),
      start: from,
      spans: covering.map((k) => k.span),
      opens: covering.filter((k) => k.from === from).map((k) => k.span),
    });
  }
  return segments;
}

/** The code points [start, start + length) of text, cut at its end: what a span covers. */
export function spanText(text: string, start: number, length: number): string {
  return Array.from(text)
    .slice(Math.max(0, start), Math.max(0, start + length))
    .join('');
}

/** Spans moved by a number of code points (negative moves them back). */
export function shiftSpans(spans: readonly HighlightSpan[], by: number): HighlightSpan[] {
  return by === 0 ? [...spans] : spans.map((span) => ({ ...span, start: span.start + by }));
}

/** One speaker turn of a call transcript, with its highlights. */
export interface TranscriptTurn {
  /** "Agent", "Customer", or null for a line that names no speaker (a continued turn). */
  speaker: string | null;
  segments: Segment[];
}

const SPEAKER = /^(Agent|Customer)\s*:\s*/i;

/**
 * A transcript ("Agent: …" / "Customer: …", one turn a line) as speaker turns. Spans are offsets into
 * the whole transcript; each line gets the part of them that falls on its text (a span over a line
 * break is marked on both lines). Blank lines are left out.
 */
export function transcriptTurns(transcript: string, spans: readonly HighlightSpan[]): TranscriptTurn[] {
  const turns: TranscriptTurn[] = [];
  let offset = 0;
  for (const rawLine of transcript.split('\n')) {
    const lineLength = Array.from(rawLine).length;
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const match = SPEAKER.exec(line);
    const prefix = match ? Array.from(match[0]).length : 0;
    const body = match ? line.slice(match[0].length) : line;
    if (body.trim() !== '') {
      const speaker = match ? capitalise(match[1]) : null;
      turns.push({ speaker, segments: highlightSegments(body, shiftSpans(spans, -(offset + prefix))) });
    }
    offset += lineLength + 1;
  }
  return turns;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}
