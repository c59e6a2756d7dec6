import type { MarkdownIt, Token } from 'markdown-it'

const MARKER = /^\[([ xX])\][ \u00a0]/

/**
 * GitHub task lists: a list item whose text starts with `[ ]` or `[x]` gets a disabled checkbox
 * (the reply is not a form). The checkbox and its text sit inside one `<label>`, so the checkbox is
 * named by its text without an id: ids would repeat across blocks and messages.
 */
export function taskLists(md: MarkdownIt): void {
  md.core.ruler.after('inline', 'md_task_lists', (state) => {
    const tokens = state.tokens
    for (let i = 2; i < tokens.length; i++) {
      const inline = tokens[i]
      const paragraph = tokens[i - 1]
      const item = tokens[i - 2]
      if (inline?.type !== 'inline' || paragraph?.type !== 'paragraph_open' || item?.type !== 'list_item_open') continue
      const first = inline.children?.[0]
      const match = first?.type === 'text' ? MARKER.exec(first.content) : null
      if (!first || !match || !inline.children) continue
      first.content = first.content.slice(match[0].length)
      const checked = match[1] !== ' '
      const open = new state.Token('html_inline', '', 0)
      open.content = `<label class="md-task"><input type="checkbox" class="md-task-box" disabled${checked ? ' checked' : ''}> `
      const close = new state.Token('html_inline', '', 0)
      close.content = '</label>'
      inline.children.unshift(open)
      inline.children.push(close)
      item.attrJoin('class', 'md-task-item')
      const list = parentList(tokens, i - 2)
      if (list && !list.attrGet('class')?.includes('md-task-list')) list.attrJoin('class', 'md-task-list')
    }
  })
}

function parentList(tokens: Token[], itemIndex: number): Token | undefined {
  const level = (tokens[itemIndex]?.level ?? 0) - 1
  for (let i = itemIndex - 1; i >= 0; i--) {
    const token = tokens[i]
    if (token?.level === level && (token.type === 'bullet_list_open' || token.type === 'ordered_list_open')) return token
  }
  return undefined
}
