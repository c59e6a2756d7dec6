import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export interface Violation {
  id: string
  impact: string
  help: string
  targets: string[]
}

/**
 * axe-core's serious and critical findings on the page as it is now (WCAG 2.1 A and AA rules).
 * Injected through the debugger protocol, which the app's CSP (rightly) does not allow scripts to do.
 */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(await axeSource)
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe
    type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }
    const { violations } = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }))
  })
}
