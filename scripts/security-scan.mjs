// Runs electronegativity (the Electron security linter) with no network: it would otherwise fetch
// translations and Electron's release list, which leaves the machine and, offline, crashes newer Node.
import Module, { createRequire } from 'node:module'

const load = Module._load
Module._load = function loadOffline(request, ...rest) {
  if (request === 'got') return () => Promise.reject(new Error('offline by design'))
  return load.call(this, request, ...rest)
}
process.argv = [process.argv[0], 'electronegativity', ...process.argv.slice(2)]
createRequire(import.meta.url)('@doyensec/electronegativity/dist/index.js')
