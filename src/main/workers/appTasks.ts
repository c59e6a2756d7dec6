/**
 * Every task the app runs in its worker pool, by name. Each feature adds its entries here; the
 * table is imported only inside workers (main imports its type).
 */
export const appTasks = {}

export type AppTasks = typeof appTasks
