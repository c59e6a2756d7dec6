// `npm start`: builds, then runs the Electron app. When Electron cannot start here (binary not
// downloadable, no display), says why and serves the web preview instead.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const run = (command, args, env = process.env) => spawnSync(command, args, { stdio: 'inherit', env }).status ?? 1

if (run('npx', ['electron-vite', 'build']) !== 0) process.exit(1)

/** The Electron package exports its binary's path, and throws when the binary was never downloaded. */
function electronBinary() {
  try {
    const binary = require('electron')
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined
  } catch {
    return undefined
  }
}

function tryInstallElectron() {
  try {
    const env = { ...process.env }
    delete env.ELECTRON_SKIP_BINARY_DOWNLOAD
    return run(process.execPath, [require.resolve('electron/install.js')], env) === 0
  } catch {
    return false
  }
}

const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)
let binary = hasDisplay ? electronBinary() : undefined
if (hasDisplay && !binary && tryInstallElectron()) binary = electronBinary()

if (binary) process.exit(run(binary, ['.', ...process.argv.slice(2)]))

console.log(
  hasDisplay
    ? '\nThe Electron runtime could not be downloaded on this machine; starting the web preview instead.'
    : '\nNo display found; starting the web preview instead. Open the address below in a browser.',
)
process.exit(run(process.execPath, ['out/main/web.js', ...process.argv.slice(2)]))
