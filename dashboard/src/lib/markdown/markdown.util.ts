// A deliberately small Markdown renderer for FAQ guidance: paragraphs, headings, lists, block
// quotes, bold, italic, inline code and links. Everything the author wrote is HTML-escaped first, so
// the only tags in the output are the ones made here; links keep only http(s), mailto and in-app
// addresses. A library would bring tables, raw HTML and a sanitiser to configure, none of which
// guidance for staff needs.

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe to place in HTML content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

// Checked on the escaped address, so an entity cannot spell a scheme: `&#106;avascript:` arrives as `&amp;#106;…`.
const SAFE_HREF = /^(https?:\/\/|mailto:|\/(?!\/)|#|\?)/i;

// A private-use character marks where finished HTML waits while the rest is formatted.
const MARK = '\uE000';
const HELD = new RegExp(`${MARK}(\\d+)${MARK}`, 'g');

/** Inline Markdown in one block's text → HTML. */
export function renderInline(text: string): string {
  const slots: string[] = [];
  const hold = (html: string) => `${MARK}${slots.push(html) - 1}${MARK}`;
  let out = text.replaceAll(MARK, '');
  // Code first: nothing inside a code span is formatted.
  out = out.replace(/`([^`\n]+)`/g, (_, code: string) => hold(`<code>${escapeHtml(code)}</code>`));
  out = escapeHtml(out);
  out = out.replace(/\[([^\]\n]+)\]\(([^()\s]+)\)/g, (_whole, label: string, href: string) =>
    SAFE_HREF.test(href)
      ? `${hold(`<a href="${href}" rel="noopener noreferrer">`)}${label}${hold('</a>')}`
      : label,
  );
  out = out
    .replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\w])__(?=\S)(.+?)(?<=\S)__(?!\w)/g, '$1<strong>$2</strong>')
    .replace(/\*(?=\S)(.+?)(?<=\S)\*/g, '<em>$1</em>')
    .replace(/(^|[^\w])_(?=\S)(.+?)(?<=\S)_(?!\w)/g, '$1<em>$2</em>');
  return out.replace(HELD, (_, i: string) => slots[Number(i)]);
}

type Block =
  | { kind: 'p'; lines: string[] }
  | { kind: 'h'; level: number; text: string }
  | { kind: 'ul' | 'ol'; items: string[] }
  | { kind: 'quote'; lines: string[] };

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;

function blocksOf(markdown: string): Block[] {
  const blocks: Block[] = [];
  const last = () => blocks[blocks.length - 1];
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const quote = QUOTE.exec(line);
    const previous = last();
    if (line.trim() === '') {
      blocks.push({ kind: 'p', lines: [] });
    } else if (heading) {
      blocks.push({ kind: 'h', level: heading[1].length, text: heading[2] });
    } else if (bullet || numbered) {
      const kind = bullet ? 'ul' : 'ol';
      const text = (bullet ?? numbered)?.[1] ?? '';
      if (previous?.kind === kind) {
        previous.items.push(text);
      } else {
        blocks.push({ kind, items: [text] });
      }
    } else if (quote) {
      if (previous?.kind === 'quote') {
        previous.lines.push(quote[1]);
      } else {
        blocks.push({ kind: 'quote', lines: [quote[1]] });
      }
    } else if ((previous?.kind === 'ul' || previous?.kind === 'ol') && /^\s+\S/.test(line)) {
      // An indented line continues the list item above it.
      previous.items[previous.items.length - 1] += ` ${line.trim()}`;
    } else if (previous?.kind === 'p' && previous.lines.length > 0) {
      previous.lines.push(line.trim());
    } else {
      blocks.push({ kind: 'p', lines: [line.trim()] });
    }
  }
  return blocks.filter((b) => b.kind !== 'p' || b.lines.length > 0);
}

/**
 * Markdown → HTML safe to insert with {@html}: # headings (shown as h3–h6, below the page's own),
 * paragraphs, - and 1. lists, > quotes, **bold**, *italic*, `code` and [links](https://…).
 */
export function renderMarkdown(markdown: string): string {
  return blocksOf(markdown).map(renderBlock).join('\n');
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'p':
      return `<p>${block.lines.map(renderInline).join('\n')}</p>`;
    case 'h': {
      const level = Math.min(6, block.level + 2);
      return `<h${level}>${renderInline(block.text)}</h${level}>`;
    }
    case 'ul':
    case 'ol':
      return `<${block.kind}>${block.items.map((i) => `<li>${renderInline(i)}</li>`).join('')}</${block.kind}>`;
    case 'quote':
      return `<blockquote><p>${block.lines.map(renderInline).join('\n')}</p></blockquote>`;
  }
}
