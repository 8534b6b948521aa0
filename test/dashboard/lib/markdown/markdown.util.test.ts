import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  renderInline,
  renderMarkdown,
} from '../../../../dashboard/src/lib/markdown/markdown.util.js';

describe('renderMarkdown', () => {
  it('should escape every HTML character the author typed', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(renderMarkdown('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(renderMarkdown('<img src=x onerror=alert(1)>')).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p>');
    expect(renderMarkdown('**<b>bold</b>**')).toBe('<p><strong>&lt;b&gt;bold&lt;/b&gt;</strong></p>');
  });

  it('should keep only http(s), mailto and in-app links, and never let an address out of its attribute', () => {
    expect(renderInline('[a](https://example.com/x?a=1&b=2)')).toBe(
      '<a href="https://example.com/x?a=1&amp;b=2" rel="noopener noreferrer">a</a>',
    );
    expect(renderInline('[case](/case?id=T1)')).toBe(
      '<a href="/case?id=T1" rel="noopener noreferrer">case</a>',
    );
    expect(renderInline('[x](mailto:qa@example.com)')).toContain('href="mailto:qa@example.com"');
    expect(renderInline('[x](javascript:alert(1))')).not.toContain('<a');
    expect(renderInline('[x](JavaScript:alert`1`)')).not.toContain('<a');
    expect(renderInline('[x](data:text/html,hi)')).toBe('x');
    expect(renderInline('[x](//evil.example)')).toBe('x');
    expect(renderInline('[x](&#106;avascript:alert)')).toBe('x');
    expect(renderInline('[x](https://a.example/"onmouseover=alert(1))')).not.toMatch(/"onmouseover/);
  });

  it('should format bold, italic and code, but nothing inside code or in snake_case words', () => {
    expect(renderInline('**waive** the *first* fee, __always__ _once_')).toBe(
      '<strong>waive</strong> the <em>first</em> fee, <strong>always</strong> <em>once</em>',
    );
    expect(renderInline('`**not bold** <i>`')).toBe('<code>**not bold** &lt;i&gt;</code>');
    expect(renderInline('late_fee_policy and 2 * 3 * 4')).toBe('late_fee_policy and 2 * 3 * 4');
    expect(renderInline('[a_b_c](https://x.example/a_b_c)')).toBe(
      '<a href="https://x.example/a_b_c" rel="noopener noreferrer">a_b_c</a>',
    );
  });

  it('should turn blocks into paragraphs, headings, lists and quotes', () => {
    const markdown = [
      '# What changes',
      'Staff now waive',
      'the first fee.',
      '',
      '- check the account',
      '  and its history',
      '* tell the customer',
      '',
      '1. one',
      '2) two',
      '',
      '> quoted',
      '> on',
    ].join('\n');

    expect(renderMarkdown(markdown)).toBe(
      [
        '<h3>What changes</h3>',
        '<p>Staff now waive\nthe first fee.</p>',
        '<ul><li>check the account and its history</li><li>tell the customer</li></ul>',
        '<ol><li>one</li><li>two</li></ol>',
        '<blockquote><p>quoted\non</p></blockquote>',
      ].join('\n'),
    );
    expect(renderMarkdown('')).toBe('');
    expect(renderMarkdown('a\r\n\r\nb')).toBe('<p>a</p>\n<p>b</p>');
  });

  it('should not be fooled by the placeholder character in the input', () => {
    expect(renderInline('\uE0000\uE000 `x`')).toBe('0 <code>x</code>');
  });
});
