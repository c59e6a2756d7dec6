/** One chat message as Ollama receives it; roles other than system, user, assistant and tool render as nothing. */
export interface ChatTurn {
  role: string
  content: string
}

/**
 * The SYSTEM layer of Ollama's `qwen2.5` and `qwen2.5-coder` library models (68 bytes, blob
 * 66b9ea09bd5b). Ollama sends it as a system message whenever the request's first message is not
 * a system message (server/routes.go, ChatHandler); the HF chat template has the same default.
 */
export const QWEN25_DEFAULT_SYSTEM = 'You are Qwen, created by Alibaba Cloud. You are a helpful assistant.'

/**
 * The prompt text Ollama builds for a chat with a ChatML template of the qwen2.5 kind: the TEMPLATE
 * layer of `qwen2.5` (1,482 bytes, blob eb4402837c78; `qwen2.5-coder` differs only in the tools text)
 * executed after Ollama's own message handling. Tools and images are not modelled.
 *
 * - Without a leading system message, `defaultSystem` (the model's SYSTEM) is put in front.
 * - All system messages are joined with a blank line into one system block at the top
 *   (template/template.go `collate`); where they stood they render as nothing.
 * - Consecutive messages of the same role are merged with a blank line (`collate`, except tool).
 * - user: `<|im_start|>user\n…<|im_end|>\n`; tool: the same role "user" wrapping `<tool_response>`.
 * - assistant: `<|im_start|>assistant\n…<|im_end|>\n`, but the last one stays open (no end tag) so
 *   the model continues it; otherwise the prompt ends with `<|im_start|>assistant\n`.
 *
 * Checked against Go's text/template executing that template (tests/unit/tokenCounter.test.ts).
 */
export function renderOllamaChatml(messages: readonly ChatTurn[], defaultSystem?: string): string {
  const withSystem =
    defaultSystem && messages.length > 0 && messages[0]?.role !== 'system'
      ? [{ role: 'system', content: defaultSystem }, ...messages]
      : messages
  const system: string[] = []
  const collated: ChatTurn[] = []
  for (const message of withSystem) {
    if (message.role === 'system') system.push(message.content)
    const previous = collated.at(-1)
    if (previous && previous.role === message.role && message.role !== 'tool') {
      collated[collated.length - 1] = { role: previous.role, content: `${previous.content}\n\n${message.content}` }
    } else {
      collated.push({ role: message.role, content: message.content })
    }
  }

  const joinedSystem = system.join('\n\n')
  let prompt = joinedSystem ? `<|im_start|>system\n${joinedSystem}<|im_end|>\n` : ''
  collated.forEach((message, i) => {
    const last = i === collated.length - 1
    if (message.role === 'user') prompt += `<|im_start|>user\n${message.content}<|im_end|>\n`
    else if (message.role === 'assistant') prompt += `<|im_start|>assistant\n${message.content}${last ? '' : '<|im_end|>\n'}`
    else if (message.role === 'tool') prompt += `<|im_start|>user\n<tool_response>\n${message.content}\n</tool_response><|im_end|>\n`
    if (message.role !== 'assistant' && last) prompt += '<|im_start|>assistant\n'
  })
  return prompt
}
