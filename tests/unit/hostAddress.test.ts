import { describe, expect, it } from 'vitest'
import { isLoopbackHost, normalizeHost, resolveHost } from '../../src/main/ollama/hostAddress.ts'

describe('normalizeHost', () => {
  it.each([
    ['', 'http://127.0.0.1:11434'],
    ['localhost', 'http://localhost:11434'],
    ['127.0.0.1:9000', 'http://127.0.0.1:9000'],
    ['http://gpu-box', 'http://gpu-box:11434'],
    ['http://gpu-box/', 'http://gpu-box:11434'],
    ['https://ollama.example.com', 'https://ollama.example.com'],
    ['https://ollama.example.com/proxy/', 'https://ollama.example.com/proxy'],
    ['0.0.0.0', 'http://127.0.0.1:11434'],
    [':8080', 'http://127.0.0.1:8080'],
    ['[::1]:11434', 'http://[::1]:11434'],
    ['  localhost:11434  ', 'http://localhost:11434'],
  ])('%j → %s', (input, expected) => {
    expect(normalizeHost(input)).toBe(expected)
  })

  it.each(['ftp://host', 'http://host?x=1', 'http://exa mple'])('rejects %j with SETTINGS_INVALID', (input) => {
    expect(() => normalizeHost(input)).toThrow(expect.objectContaining({ code: 'SETTINGS_INVALID' }))
  })
})

describe('resolveHost', () => {
  it('prefers the configured host, then OLLAMA_HOST, then the default', () => {
    expect(resolveHost('gpu:1', { OLLAMA_HOST: 'other:2' })).toBe('http://gpu:1')
    expect(resolveHost('', { OLLAMA_HOST: 'other:2' })).toBe('http://other:2')
    expect(resolveHost(undefined, {})).toBe('http://127.0.0.1:11434')
  })
})

describe('isLoopbackHost', () => {
  it('treats only this machine as local', () => {
    expect(isLoopbackHost('http://127.0.0.1:11434')).toBe(true)
    expect(isLoopbackHost('http://localhost:11434')).toBe(true)
    expect(isLoopbackHost('http://[::1]:11434')).toBe(true)
    expect(isLoopbackHost('http://192.168.1.20:11434')).toBe(false)
    expect(isLoopbackHost('https://ollama.example.com')).toBe(false)
  })
})
