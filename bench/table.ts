/** One column of a Markdown table: its header, how to print a row's cell, and whether it holds numbers. */
export interface Column<R> {
  header: string
  cell: (row: R) => string | number
  numeric?: boolean
}

/** A bold title, the table, and notes under it (each a paragraph): the form every bench prints in README.md. */
export function markdownTable<R>(title: string, columns: Column<R>[], rows: R[], notes: string[] = []): string {
  const lines = [
    `**${title}**`,
    '',
    `| ${columns.map((c) => c.header).join(' | ')} |`,
    `|${columns.map((c) => (c.numeric ? '---:' : '---')).join('|')}|`,
    ...rows.map((row) => `| ${columns.map((c) => String(c.cell(row))).join(' | ')} |`),
  ]
  for (const note of notes) lines.push('', note)
  return lines.join('\n')
}
