import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The documents named on a command line the OS built to open files with the app: the arguments
 * after the app's own (the executable, and in development the app folder), without switches
 * (Chromium adds some of its own), with the file:// URLs Linux desktops pass (`%U`) turned into
 * paths and relative paths resolved against the folder the launch came from.
 */
export function launchPaths(args: readonly string[], cwd: string): string[] {
  const paths: string[] = []
  let switches = true
  for (const arg of args) {
    if (switches && arg === '--') switches = false
    else if (switches && arg.startsWith('-')) continue
    else if (arg.startsWith('file:')) paths.push(...localPath(arg))
    else if (!/^[a-z][a-z0-9+.-]+:\/\//i.test(arg)) paths.push(path.resolve(cwd, arg))
  }
  return paths
}

/** A file:// URL as a path; one Node cannot turn into a path (another host, outside Windows) names nothing to read. */
function localPath(url: string): string[] {
  try {
    return [fileURLToPath(url)]
  } catch {
    return []
  }
}
