import { describe, expect, it } from 'vitest'
import { mayNavigate, openableExternally, permissionGranted } from '../../src/main/security/windowPolicy.ts'

describe('window security policy', () => {
  it('lets the window show only the app: its dev server origin, or its own index.html when packaged', () => {
    expect(mayNavigate('http://localhost:5173/#/chat', 'http://localhost:5173/')).toBe(true)
    expect(mayNavigate('http://localhost:5174/', 'http://localhost:5173/')).toBe(false)
    expect(mayNavigate('https://example.com/', 'http://localhost:5173/')).toBe(false)
    const packaged = 'file:///opt/Instruct%20Desk/resources/app.asar/out/renderer/index.html'
    expect(mayNavigate(`${packaged}#/settings`, packaged)).toBe(true)
    // Every file: URL has the origin "null": comparing origins would let any local file in.
    expect(mayNavigate('file:///etc/passwd', packaged)).toBe(false)
    expect(mayNavigate('file:///home/me/Downloads/page.html', packaged)).toBe(false)
    expect(mayNavigate('not a url', packaged)).toBe(false)
  })

  it('opens outside the app only plain https links', () => {
    expect(openableExternally('https://ollama.com/library/qwen2.5')).toBe(true)
    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'mailto:someone@example.com',
      'ms-settings:privacy',
      'smb://server/share',
      'https://user:secret@example.com/',
      '//example.com',
    ])
      expect(openableExternally(url), url).toBe(false)
  })

  it('grants no permission but writing text to the clipboard', () => {
    expect(permissionGranted('clipboard-sanitized-write')).toBe(true)
    for (const permission of [
      'clipboard-read',
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'fileSystem',
      'hid',
      'serial',
      'usb',
    ])
      expect(permissionGranted(permission), permission).toBe(false)
  })
})
