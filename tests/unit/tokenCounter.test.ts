import { readFileSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import { Tokenizer } from '@huggingface/tokenizers'
import { beforeAll, describe, expect, it } from 'vitest'
import { qwenVocabPath } from '../../src/main/tokens/qwenBpe.ts'
import {
  parseModelName,
  profileFor,
  QWEN25_DEFAULT_SYSTEM,
  renderOllamaChatml,
  tokenizerFor,
  warmUp,
  type ChatTurn,
} from '../../src/main/tokens/tokenCounter.ts'

/**
 * Ground truth: llama.cpp's tokenizer test vectors for the "qwen2" pre-tokenizer
 * (ggml-org/llama.cpp models/ggml-vocab-qwen2.gguf.inp and .out). convert_hf_to_gguf_update.py writes
 * them with Hugging Face transformers' AutoTokenizer for Qwen/Qwen1.5-7B, `encode(text,
 * add_special_tokens=False)`, and llama.cpp's test-tokenizer-0 checks its own tokenizer (the one Ollama
 * runs) against them. Qwen1.5's vocabulary and merges are Qwen2.5's, so the ids must match exactly.
 * The ZWJ and variation selector in the emoji line are written as escapes so they survive editing.
 */
const LLAMA_CPP_QWEN2_VECTORS: [string, number[]][] = [
  ['ied 4 ½ months', [1122, 220, 19, 220, 26062, 3951]],
  ['Führer', [37, 50753, 261]],
  ['', []],
  [' ', [220]],
  ['  ', [256]],
  ['   ', [262]],
  ['\t', [197]],
  ['\n', [198]],
  ['\n\n', [271]],
  ['\n\n\n', [1406]],
  ['\t\n', [1572]],
  ['Hello world', [9707, 1879]],
  [' Hello world', [21927, 1879]],
  ['Hello World', [9707, 4337]],
  [' Hello World', [21927, 4337]],
  [' Hello World!', [21927, 4337, 0]],
  ['Hello, world!', [9707, 11, 1879, 0]],
  [' Hello, world!', [21927, 11, 1879, 0]],
  [' this is 🦙.cpp', [419, 374, 11162, 99, 247, 13, 10821]],
  ['w048 7tuijk dsdfhu', [86, 15, 19, 23, 220, 22, 83, 1963, 41808, 11472, 2940, 16739]],
  ['нещо на Български', [78762, 14144, 1456, 13073, 63471, 33594, 3038, 133178, 79012]],
  [
    'ក\u{17b6}ន\u{17cb}ត\u{17c2}ព\u{17b7}ស\u{17c1}សអ\u{17b6}ចខលច\u{17c1}ញ',
    [
      146394, 97529, 241, 44258, 233, 146568, 44258, 224, 147603, 20879, 115, 146280, 44258, 223, 146280, 147272, 97529, 227, 147805,
      148301, 147270, 44258, 223, 146848,
    ],
  ],
  [
    '🚀 (normal) 😶\u{200d}🌫\u{fe0f} (multiple emojis concatenated) ✅ (only emoji that has its own token)',
    [
      145836, 320, 8252, 8, 26525, 114, 378, 235, 149921, 30543, 320, 35673, 99066, 97534, 8, 25521, 227, 320, 3243, 42365, 429, 702, 1181,
      1828, 3950, 8,
    ],
  ],
  ['Hello', [9707]],
  [' Hello', [21927]],
  ['  Hello', [220, 21927]],
  ['   Hello', [256, 21927]],
  ['    Hello', [262, 21927]],
  ['    Hello\n    Hello', [262, 21927, 198, 262, 21927]],
  [' (', [320]],
  ['\n =', [198, 284]],
  ["' era", [6, 11385]],
  [
    "Hello, y'all! How are you 😁 ?我想在apple工作1314151天～",
    [9707, 11, 379, 64848, 0, 2585, 525, 498, 26525, 223, 937, 104100, 18493, 22377, 99257, 16, 18, 16, 19, 16, 20, 16, 35727, 21216],
  ],
  ['3', [18]],
  ['33', [18, 18]],
  ['333', [18, 18, 18]],
  ['3333', [18, 18, 18, 18]],
  ['33333', [18, 18, 18, 18, 18]],
  ['333333', [18, 18, 18, 18, 18, 18]],
  ['3333333', [18, 18, 18, 18, 18, 18, 18]],
  ['33333333', [18, 18, 18, 18, 18, 18, 18, 18]],
  ['333333333', [18, 18, 18, 18, 18, 18, 18, 18, 18]],
  [
    "\n \n\n \n\n\n \t \t\t \t\n  \n   \n    \n     \n🚀 (normal) 😶\u{200d}🌫\u{fe0f} (multiple emojis concatenated) ✅ 🦙🦙 3 33 333 3333 33333 333333 3333333 33333333 3.3 3..3 3...3 ក\u{17b6}ន\u{17cb}ត\u{17c2}ព\u{17b7}ស\u{17c1}សអ\u{17b6}ច😁 ?我想在apple工作1314151天～ ------======= нещо на Български ''''''```````\"\"\"\"......!!!!!!?????? I've been 'told he's there, 'RE you sure? 'M not sure I'll make it, 'D you like some tea? We'Ve a'lL",
    [
      198, 4710, 14731, 65497, 7847, 1572, 2303, 78672, 10947, 145836, 320, 8252, 8, 26525, 114, 378, 235, 149921, 30543, 320, 35673, 99066,
      97534, 8, 25521, 227, 11162, 99, 247, 149955, 220, 18, 220, 18, 18, 220, 18, 18, 18, 220, 18, 18, 18, 18, 220, 18, 18, 18, 18, 18,
      220, 18, 18, 18, 18, 18, 18, 220, 18, 18, 18, 18, 18, 18, 18, 220, 18, 18, 18, 18, 18, 18, 18, 18, 220, 18, 13, 18, 220, 18, 496, 18,
      220, 18, 1112, 18, 220, 146394, 97529, 241, 44258, 233, 146568, 44258, 224, 147603, 20879, 115, 146280, 44258, 223, 146280, 147272,
      97529, 227, 144534, 937, 104100, 18493, 22377, 99257, 16, 18, 16, 19, 16, 20, 16, 35727, 21216, 55460, 53237, 18658, 14144, 1456,
      13073, 63471, 33594, 3038, 133178, 79012, 3355, 4605, 4605, 13874, 13874, 73594, 3014, 3014, 28149, 17085, 2928, 26610, 7646, 358,
      3003, 1012, 364, 83, 813, 566, 594, 1052, 11, 364, 787, 498, 2704, 30, 364, 44, 537, 2704, 358, 3278, 1281, 432, 11, 364, 35, 498,
      1075, 1045, 15243, 30, 1205, 6, 42612, 264, 63866, 43,
    ],
  ],
]

/**
 * What Ollama renders for these messages with qwen2.5: produced by Go 1.19's text/template executing
 * the TEMPLATE layer of `qwen2.5` from the Ollama library (1,482 bytes; its sha256 starts eb4402837c78,
 * the blob id) after the message handling of ollama/ollama server/routes.go (default SYSTEM when the
 * first message is not a system one) and template/template.go `collate`.
 */
const OLLAMA_QWEN25_RENDERINGS: { messages: ChatTurn[]; prompt: string }[] = [
  {
    messages: [{ role: 'user', content: 'Hello, world!' }],
    prompt:
      '<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n<|im_start|>user\nHello, world!<|im_end|>\n<|im_start|>assistant\n',
  },
  {
    messages: [
      { role: 'system', content: 'You are a helpful and concise assistant.' },
      { role: 'user', content: 'Write a haiku about tokens.' },
    ],
    prompt:
      '<|im_start|>system\nYou are a helpful and concise assistant.<|im_end|>\n<|im_start|>user\nWrite a haiku about tokens.<|im_end|>\n<|im_start|>assistant\n',
  },
  {
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello! How can I help?' },
      { role: 'user', content: 'Count to 3.' },
    ],
    prompt:
      '<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello! How can I help?<|im_end|>\n<|im_start|>user\nCount to 3.<|im_end|>\n<|im_start|>assistant\n',
  },
  {
    messages: [
      { role: 'user', content: 'first' },
      { role: 'user', content: 'second' },
    ],
    prompt:
      '<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n<|im_start|>user\nfirst\n\nsecond<|im_end|>\n<|im_start|>assistant\n',
  },
  {
    messages: [
      { role: 'user', content: 'Continue:' },
      { role: 'assistant', content: 'Once upon' },
    ],
    prompt:
      '<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n<|im_start|>user\nContinue:<|im_end|>\n<|im_start|>assistant\nOnce upon',
  },
  {
    messages: [
      { role: 'user', content: 'a' },
      { role: 'system', content: 'late rule' },
      { role: 'user', content: 'b' },
    ],
    prompt:
      '<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.\n\nlate rule<|im_end|>\n<|im_start|>user\na<|im_end|>\n<|im_start|>user\nb<|im_end|>\n<|im_start|>assistant\n',
  },
  {
    messages: [
      { role: 'system', content: '' },
      { role: 'user', content: 'no system at all' },
    ],
    prompt: '<|im_start|>user\nno system at all<|im_end|>\n<|im_start|>assistant\n',
  },
  {
    messages: [
      { role: 'system', content: 'A' },
      { role: 'system', content: 'B' },
      { role: 'user', content: 'C' },
    ],
    prompt: '<|im_start|>system\nA\n\nB<|im_end|>\n<|im_start|>user\nC<|im_end|>\n<|im_start|>assistant\n',
  },
  {
    messages: [
      { role: 'user', content: 'weather?' },
      { role: 'tool', content: '{"temp": 21}' },
      { role: 'tool', content: 'sunny' },
    ],
    prompt:
      '<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n<|im_start|>user\nweather?<|im_end|>\n<|im_start|>user\n<tool_response>\n{"temp": 21}\n</tool_response><|im_end|>\n<|im_start|>user\n<tool_response>\nsunny\n</tool_response><|im_end|>\n<|im_start|>assistant\n',
  },
]

/** Deterministic text from a pool of awkward characters: contractions, whitespace runs, CRLF, digits, marks, scripts. */
function fuzzText(seed: number, length: number): string {
  // prettier-ignore
  const pool = [
    'a', 'Z', 'é', 'e\u0301', 'ß', 'İ', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u3000', '\u2028', "'s", "'RE", "'Ll", "'d", "'", '0',
    '7', '٣', '½', '.', ',', '!', '?', '-', '_', '(', ')', '{', '}', '<', '>', '/', '\\', '"', '#', '$', '€', '…', '中', '文', '日本', '한',
    'क्ष', 'ก่', 'ñ', 'ж', 'λ', '🦙', '👍🏽', '👩\u200d💻', '🇩🇪', '\ufeff', '\u200b', '\ud800', 'Hello', ' world', 'function', ' return',
    '    ', '<|im_end|>', '<tool_call>', '<think>', '<|im_start|',
  ]
  let state = seed
  let text = ''
  while (text.length < length) {
    state = (state * 1103515245 + 12345) % 2 ** 31
    text += pool[state % pool.length]
  }
  return text
}

const SAMPLE_CODE = `export function fizzBuzz(n: number): string[] {
  const out: string[] = []
  for (let i = 1; i <= n; i++) {
    out.push(i % 15 === 0 ? 'FizzBuzz' : i % 3 === 0 ? 'Fizz' : i % 5 === 0 ? 'Buzz' : String(i))
  }
  return out // 100 → ["1", "2", "Fizz", …]
}
`

describe('Qwen token counting', () => {
  /**
   * The oracle: Hugging Face's full Tokenizer over the same tokenizer.json, with its NFC normalizer
   * removed because llama.cpp (Ollama's runner) applies none. It is itself checked against the
   * llama.cpp vectors below, so everything else can be compared with it.
   */
  let oracle: Tokenizer
  const qwen = tokenizerFor('qwen2.5:7b-instruct')

  beforeAll(async () => {
    const json = JSON.parse(readFileSync(qwenVocabPath(), 'utf8')) as Record<string, unknown>
    oracle = new Tokenizer({ ...json, normalizer: null }, {})
    await warmUp()
  })
  const oracleCount = (text: string): number => oracle.encode(text, { add_special_tokens: false }).ids.length

  it('the shipped vocabulary and Hugging Face tokenizers reproduce llama.cpp’s Qwen2 vectors id for id', () => {
    for (const [text, ids] of LLAMA_CPP_QWEN2_VECTORS) expect(oracle.encode(text, { add_special_tokens: false }).ids, text).toEqual(ids)
  })

  it('counts every llama.cpp vector exactly', () => {
    for (const [text, ids] of LLAMA_CPP_QWEN2_VECTORS) expect(qwen.count(text), text).toBe(ids.length)
  })

  it('knows "Hello, world!" and the chat markers by id', () => {
    // 9707 "Hello", 11 ",", 1879 " world", 0 "!": the llama.cpp vector above.
    expect(qwen.count('Hello, world!')).toBe(4)
    // <|im_start|> 151644 and <|im_end|> 151645 are added tokens of tokenizer.json (and of Qwen 1.x);
    // alibaba/rtp-llm's qwen2_tokenizer_test.py expects "<|im_start|>hello<|im_end|>" → [151644, 14990, 151645].
    expect(oracle.encode('<|im_start|>hello<|im_end|>').ids).toEqual([151644, 14990, 151645])
    expect(qwen.count('<|im_start|>hello<|im_end|>')).toBe(3)
    expect(oracle.encode('<|im_start|>system\n').ids).toEqual([151644, 8948, 198])
    expect(oracle.encode('<|im_start|>user\n').ids).toEqual([151644, 872, 198])
    expect(oracle.encode('<|im_start|>assistant\n').ids).toEqual([151644, 77091, 198])
    // The default system prompt: 16 tokens ("You", " are", " Q", "wen", ",", " created", " by", " Alibaba", " Cloud", ".", …).
    expect(qwen.count(QWEN25_DEFAULT_SYSTEM)).toBe(16)
  })

  it('counts CJK, emoji and mixed scripts', () => {
    // From the llama.cpp vector "Hello, y'all! How are you 😁 ?我想在apple工作1314151天～" (24 ids).
    expect(qwen.count("Hello, y'all! How are you 😁 ?我想在apple工作1314151天～")).toBe(24)
    // A Qwen 1.0 (tiktoken) example tokenizes the same: Homqyy/study-llm py-tokenizer.py, Qwen-1_8B-Chat,
    // '杭州是个好地方' → [104130, 104104, 52801, 100371].
    expect(oracle.encode('杭州是个好地方').ids).toEqual([104130, 104104, 52801, 100371])
    expect(qwen.count('杭州是个好地方')).toBe(4)
    // 🦙 has no token of its own: its four UTF-8 bytes become 11162 + 99 + 247 after " " (llama.cpp vector " this is 🦙.cpp").
    expect(qwen.count(' this is 🦙.cpp')).toBe(7)
    for (const text of ['日本語のテキストと English が混ざった文。', '👩\u200d💻🇩🇪👍🏽', 'Ελληνικά και русский и עברית']) {
      expect(qwen.count(text), text).toBe(oracleCount(text))
    }
  })

  it('counts source code like the full tokenizer does', () => {
    // 102 is the oracle's count (an indentation run of spaces, "===", "//" and "…" are the interesting pieces).
    expect(qwen.count(SAMPLE_CODE)).toBe(oracleCount(SAMPLE_CODE))
    expect(qwen.count(SAMPLE_CODE)).toBe(102)
  })

  it('counts long repeated text without drift', () => {
    // "Hello" 9707 then, per repetition, " Hello" 21927, "," 11, " world" 1879, "!" 0 (llama.cpp vectors).
    const text = Array.from({ length: 10_000 }, () => 'Hello, world!').join(' ')
    expect(qwen.count(text)).toBe(40_000)
    // Digits are single tokens: "333333333" is nine 18s in the vectors.
    expect(qwen.count('3'.repeat(100_000))).toBe(100_000)
  })

  it('matches the full tokenizer on fuzzed text with special tokens, odd whitespace and lone surrogates', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const text = fuzzText(seed, 300)
      expect(qwen.count(text), JSON.stringify(text)).toBe(oracleCount(text))
    }
    const big = fuzzText(7, 200_000)
    expect(qwen.count(big)).toBe(oracleCount(big))
  })

  it('does not NFC-normalize, as llama.cpp does not', () => {
    // Decomposed é (e + U+0301) costs what Ollama charges, not what transformers would after NFC.
    expect(qwen.count('caf\u0065\u0301')).toBe(oracleCount('caf\u0065\u0301'))
    expect(qwen.count('caf\u0065\u0301')).toBeGreaterThan(qwen.count('café'))
  })

  it('counts added tokens per model generation', () => {
    // <think> is an added token only from Qwen3 on; <tool_call> from Qwen2.5 on.
    expect(tokenizerFor('qwen3:8b').count('<think>')).toBe(1)
    expect(qwen.count('<think>')).toBe(oracleCount('<think>'))
    expect(qwen.count('<think>')).toBeGreaterThan(1)
    expect(qwen.count('<tool_call>')).toBe(1)
    expect(tokenizerFor('qwen2:7b').count('<tool_call>')).toBeGreaterThan(1)
    expect(tokenizerFor('qwen2:7b').count('<|im_end|>')).toBe(1)
  })
})

describe('Ollama chat prompt for qwen2.5', () => {
  it('renders what Go’s text/template renders from Ollama’s qwen2.5 template', () => {
    for (const { messages, prompt } of OLLAMA_QWEN25_RENDERINGS) expect(renderOllamaChatml(messages, QWEN25_DEFAULT_SYSTEM)).toBe(prompt)
  })

  it('counts a [system, user] conversation as the sum of the template’s parts', () => {
    const qwen = tokenizerFor('qwen2.5:7b-instruct')
    const system = 'You are a helpful and concise assistant.'
    const user = 'Summarize the plot of Hamlet in two sentences.'
    // <|im_start|> "system" "\n" … <|im_end|> "\n": 3 + n + 2, the same for user, then <|im_start|> "assistant" "\n".
    const expected = 3 + qwen.count(system) + 2 + (3 + qwen.count(user) + 2) + 3
    expect(
      qwen.countChat([
        { role: 'system', content: system },
        { role: 'user', content: user },
      ]),
    ).toBe(expected)
    // system: You, are, a, helpful, and, concise, assistant, "." (8); user: Sum, mar, ize, the, plot, of, Ham, let,
    // in, two, sentences, "." (12), as the oracle tokenizes them: 5 + 8 + 5 + 12 + 3.
    expect(expected).toBe(33)
  })

  it('adds the default system prompt when there is no system message', () => {
    const qwen = tokenizerFor('qwen2.5:7b-instruct')
    // 3 + 16 + 2 for the default system block, 3 + 4 + 2 for the user turn, 3 for the generation prompt.
    expect(qwen.countChat([{ role: 'user', content: 'Hello, world!' }])).toBe(33)
    for (const { messages, prompt } of OLLAMA_QWEN25_RENDERINGS) expect(qwen.countChat(messages)).toBe(qwen.count(prompt))
  })
})

describe('model detection', () => {
  it('is exact only where tokenizer, template and default system prompt are all known', () => {
    const cases: [string, string | undefined, boolean, boolean][] = [
      ['qwen2.5:7b-instruct', undefined, true, true],
      ['qwen2.5', undefined, true, true],
      ['library/qwen2.5-coder:7b', undefined, true, true],
      ['registry.ollama.ai/library/qwen2.5:latest', undefined, true, true],
      ['hf.co/Qwen/Qwen2.5-7B-Instruct-GGUF:Q4_K_M', undefined, false, true],
      ['someone/qwen2.5-abliterated', undefined, false, true],
      ['qwen2.5vl:7b', undefined, false, true],
      ['qwen2:7b', undefined, false, true],
      ['qwen3:8b', undefined, false, true],
      ['qwen3-coder:30b', undefined, false, true],
      ['qwen3.5:9b', undefined, false, false],
      ['qwen:7b', undefined, false, false],
      ['qwq:32b', undefined, false, false],
      ['codeqwen:7b', undefined, false, false],
      ['deepseek-r1:7b', 'qwen2', false, false],
      ['llama3.2:3b', 'llama', false, false],
    ]
    for (const [model, family, exact, textExact] of cases) {
      const counter = tokenizerFor(model, family)
      expect({ model, exact: counter.exact, textExact: counter.textExact }).toEqual({ model, exact, textExact })
    }
    expect(profileFor('deepseek-r1:7b', 'qwen2').name).toContain('family qwen2')
  })

  it('parses Ollama names', () => {
    expect(parseModelName('qwen2.5:7b-instruct')).toEqual({ name: 'qwen2.5', library: true })
    expect(parseModelName('hf.co/Qwen/Qwen2.5-7B-Instruct-GGUF:Q4_K_M')).toEqual({ name: 'qwen2.5-7b-instruct-gguf', library: false })
    expect(parseModelName('qwen2.5@sha256:845dbda0ea48')).toEqual({ name: 'qwen2.5', library: true })
  })

  it('estimates other models with a generic chat overhead', () => {
    const llama = tokenizerFor('llama3.2:3b')
    expect(llama.exact).toBe(false)
    expect(llama.name).toMatch(/^estimate/)
    expect(llama.count('Hello, world!')).toBe(4)
    // 4 for the prompt (BOS and the generation header), 5 per message for its framing.
    expect(llama.countChat([{ role: 'user', content: 'Hello, world!' }])).toBe(4 + 5 + 4)
  })
})

describe('in a worker thread', () => {
  it('loads and counts inside worker_threads, as summaries will', async () => {
    const texts = ['Hello, world!', SAMPLE_CODE, '杭州是个好地方']
    const worker = new Worker(new URL('./tokenCounterWorker.ts', import.meta.url), { workerData: { model: 'qwen2.5:7b-instruct', texts } })
    const counts = await new Promise<number[]>((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
    })
    await worker.terminate()
    const qwen = tokenizerFor('qwen2.5:7b-instruct')
    expect(counts).toEqual([...texts.map((t) => qwen.count(t)), qwen.countChat([{ role: 'user', content: texts[0] ?? '' }])])
  })
})
