/** Replies rendered as Markdown: code blocks with their Copy button, tables, images that are never loaded. */
export const markdown = {
  image: 'Image',
  imageAlt: 'Image: {{alt}}',
  table: 'Table: {{headers}}',
  code: 'code',
  codeLabel: 'Code',
  codeLabelIn: 'Code, {{language}}',
  copy: 'Copy',
  copyCode: 'Copy code',
  copyCodeIn: 'Copy code ({{language}})',
  copied: 'Copied',
  notCopied: 'Not copied',
  copiedStatus: 'Code copied to the clipboard.',
  copyFailed: 'Could not copy the code ({{reason}}). It is selected: press Ctrl+C (⌘C on a Mac) to copy it.',
} as const
