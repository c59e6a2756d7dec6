#!/usr/bin/env node
// Entry for the `instruct-desk` command: checks Node first so an old runtime gets a clear
// message instead of a syntax error from the built CLI.
import { existsSync } from 'node:fs'

const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 16)) {
  console.error(`instruct-desk needs Node.js 22.16 or newer; this is ${process.versions.node}. Run it through scripts/node.sh, or install a newer Node.js.`)
  process.exit(1)
}
const cli = new URL('../out/main/cli.js', import.meta.url)
if (!existsSync(cli)) {
  console.error('instruct-desk is not built yet. Run `npm run build` in the project folder first.')
  process.exit(1)
}
await import(cli.href)
