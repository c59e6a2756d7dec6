import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import type { TestProject } from 'vitest/node'
import { findChromium } from '../support/browser.ts'

const HOW = 'Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.'

/** The end-to-end tests need a real Chromium; install it when we can, never skip silently. */
export default function setup(project: TestProject): void {
  let found = findChromium()
  if (!found && process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log('Chromium is missing; installing Debian package "chromium" for the end-to-end tests…')
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' })
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
    found = findChromium()
  }
  if (!found) throw new Error(`End-to-end tests need Chromium and none was found. ${HOW}`)
  project.provide('chromiumPath', found)
}

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumPath: string
  }
}
