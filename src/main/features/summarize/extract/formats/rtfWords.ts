/** Groups whose text is not part of the document's body: tables, metadata, pictures, headers and footers, field codes. */
export const hiddenDestinations = new Set(
  (
    'fonttbl colortbl stylesheet info pict objdata objclass header headerl headerr headerf footer footerl footerr footerf ' +
    'listtable listoverridetable revtbl rsidtbl filetbl pgdsctbl xmlnstbl generator themedata colorschememapping datastore ' +
    'latentstyles fldinst bkmkstart bkmkend nonshppict shppict txe xe tc annotation atnid atnauthor datafield formfield userprops ' +
    'docvar mmathPr background template ftnsep ftnsepc ftncn aftnsep aftnsepc aftncn'
  ).split(' '),
)

/** Control words and symbols that stand for characters. */
export const characters: Record<string, string> = {
  tab: '\t',
  cell: ' | ',
  line: '\n',
  emdash: '—',
  endash: '–',
  bullet: '•',
  lquote: '‘',
  rquote: '’',
  ldblquote: '“',
  rdblquote: '”',
  '~': '\u00a0',
  _: '\u2011',
  '{': '{',
  '}': '}',
  '\\': '\\',
}
