/** What unicode61 (FTS5's default categories) keeps as part of a word; everything else separates words. */
const WORD_CHARACTER = /[\p{L}\p{N}\p{Co}]/u

/** A word still being typed: two word characters at the very end of the text. */
const TYPING = /[\p{L}\p{N}\p{Co}]{2}$/u

/**
 * The user's text as an FTS5 query: each word becomes a quoted string, so quotes, `*`, `-`, `:`,
 * parentheses and AND/OR/NOT/NEAR are plain text and never query syntax; all words are required.
 * The last word is a prefix while it is being typed (no space after it), from its second letter:
 * the index keeps prefixes of 2 and 3 letters, while a one-letter prefix would merge the entries
 * of thousands of words (tens of ms over 100,000 messages) for hits that mean nothing yet. A word
 * with punctuation inside (`node:sqlite`) stays one quoted string, which FTS5 matches as a phrase.
 * Undefined when nothing in the text can match.
 */
export function toFtsQuery(text: string): string | undefined {
  const words = text.split(/\s+/).filter((word) => WORD_CHARACTER.test(word))
  if (words.length === 0) return undefined
  const quoted = words.map((word) => `"${word.replaceAll('"', '""')}"`).join(' ')
  return TYPING.test(text) ? `${quoted}*` : quoted
}
