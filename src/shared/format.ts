/**
 * Human-readable sizes and durations for every surface (screens, CLI, error messages). Sizes are
 * decimal, as Ollama and the model library print them, so "4.7 GB" means the same everywhere.
 * Units are symbols (B, kB, s, min, h), the same in every language; the numbers are written by
 * `write`: plain digits by default, the user's locale on screens.
 */
export type NumberWriter = (value: number, fractionDigits: number) => string

const plainDigits: NumberWriter = (value, fractionDigits) => value.toFixed(fractionDigits)

export function formatBytes(bytes: number, write: NumberWriter = plainDigits): string {
  if (bytes < 1000) return `${write(Math.round(bytes), 0)} B`
  const units = ['kB', 'MB', 'GB', 'TB']
  let value = bytes / 1000
  let unit = 0
  while (value >= 999.5 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  return `${write(value, value < 10 ? 1 : 0)} ${units[unit]}`
}

export function formatDuration(seconds: number, write: NumberWriter = plainDigits): string {
  if (seconds < 60) return `${write(Math.max(1, Math.round(seconds)), 0)} s`
  if (seconds < 3600) return `${write(Math.round(seconds / 60), 0)} min`
  return `${write(Math.floor(seconds / 3600), 0)} h ${write(Math.round((seconds % 3600) / 60), 0)} min`
}
