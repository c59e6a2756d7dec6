/**
 * Chromium features the app's renderer runs without. After a key press Chromium holds back other
 * work until it has drawn a frame (good for pages that answer input by redrawing); in a chat the
 * answer to Enter *is* that other work — the reply arriving over IPC — and holding it back delays
 * the first visible token by up to a frame. The bench and the browser tests launch Chromium with
 * the same list, so they measure what the app runs.
 */
export const DISABLED_CHROMIUM_FEATURES = ['DeferRendererTasksAfterInput']
