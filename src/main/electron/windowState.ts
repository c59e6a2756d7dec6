import { z } from 'zod'

export const WindowState = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(640).default(1180),
  height: z.number().int().min(480).default(780),
  maximized: z.boolean().default(false),
})
export type WindowState = z.infer<typeof WindowState>

export interface DisplayArea {
  x: number
  y: number
  width: number
  height: number
}

/** Keeps a remembered window on a display that still exists; otherwise lets the OS place it. */
export function fitToDisplays(state: WindowState, displays: DisplayArea[]): WindowState {
  if (state.x === undefined || state.y === undefined) return state
  const { x, y } = state
  const visible = displays.some((d) => x >= d.x - 50 && y >= d.y - 50 && x < d.x + d.width - 100 && y < d.y + d.height - 100)
  return visible ? state : { width: state.width, height: state.height, maximized: state.maximized }
}
