import type { SearchClause } from './parse-search-query.js';
import { SearchQueryError } from './search-query-error.js';
import { searchStopwords } from './search-stopwords.constant.js';

/** A word every hit must hold: one index term, or every term that starts with a prefix. */
export interface SearchGroup {
  word: string;
  prefix: boolean;
}

/** What the index is asked, and what the snippets mark. */
export interface SearchPlan {
  groups: SearchGroup[];
  /** Phrases as the index's flat text holds them: ' refund was refused ' (stopwords included). */
  phrases: string[];
  /** Each phrase's words, for marking it in a snippet. */
  phraseWords: string[][];
}

/** A prefix shorter than this would expand to a large share of the vocabulary. */
export const minPrefixLength = 3;
export const maxGroups = 16;

const stopwords = new Set(searchStopwords);

/**
 * Turns parsed clauses, with each clause's words as the index normalises them (`words[i]` for
 * `clauses[i]`), into required index words and phrases to check. A word that normalises to several
 * (e-mail, don't) is checked as a phrase. Throws SearchQueryError when nothing is left to look up.
 */
export function planSearch(
  query: string,
  clauses: readonly SearchClause[],
  words: readonly string[][],
): SearchPlan {
  const groups = new Map<string, SearchGroup>();
  const phrases: string[] = [];
  const phraseWords: string[][] = [];
  const requireWord = (word: string, prefix = false) => {
    if (prefix || !stopwords.has(word)) {
      groups.set(`${prefix ? '*' : '='}${word}`, { word, prefix });
    }
  };
  clauses.forEach((clause, i) => {
    const clauseWords = words[i] ?? [];
    if (clauseWords.length === 0) {
      return;
    }
    if (clause.type === 'prefix') {
      const last = clauseWords[clauseWords.length - 1]!;
      if (last.length < minPrefixLength) {
        throw new SearchQueryError(
          query,
          `the prefix "${clause.text}*" is too short: give at least ${minPrefixLength} letters before the *`,
        );
      }
      for (const word of clauseWords.slice(0, -1)) {
        requireWord(word);
      }
      requireWord(last, true);
      return;
    }
    for (const word of clauseWords) {
      requireWord(word);
    }
    if (clauseWords.length > 1) {
      const flat = ` ${clauseWords.join(' ')} `;
      if (!phrases.includes(flat)) {
        phrases.push(flat);
        phraseWords.push([...clauseWords]);
      }
    }
  });
  if (groups.size === 0) {
    throw new SearchQueryError(
      query,
      clauses.length === 0
        ? 'the query is empty: type at least one word'
        : 'the query holds only stopwords (the, to, and …) or punctuation: add a word that says what to find',
    );
  }
  if (groups.size > maxGroups) {
    throw new SearchQueryError(query, `the query holds more than ${maxGroups} different words: shorten it`);
  }
  return { groups: [...groups.values()], phrases, phraseWords };
}
