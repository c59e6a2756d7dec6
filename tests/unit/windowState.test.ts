import { describe, expect, it } from 'vitest'
import { fitToDisplays, WindowState } from '../../src/main/electron/windowState.ts'

const laptop = { x: 0, y: 0, width: 1440, height: 900 }

describe('remembered window state', () => {
  it('fills in a sensible default size', () => {
    expect(WindowState.parse({})).toEqual({ width: 1180, height: 780, maximized: false })
  })

  it('keeps a position that is still on a display', () => {
    const state = WindowState.parse({ x: 100, y: 80, width: 1000, height: 700 })
    expect(fitToDisplays(state, [laptop])).toEqual(state)
  })

  it('drops a position on a monitor that is gone, keeping the size', () => {
    const state = WindowState.parse({ x: 2500, y: 100, width: 1000, height: 700, maximized: true })
    expect(fitToDisplays(state, [laptop])).toEqual({ width: 1000, height: 700, maximized: true })
  })

  it('refuses a remembered size too small to use', () => {
    expect(WindowState.safeParse({ width: 10, height: 10 }).success).toBe(false)
  })
})
