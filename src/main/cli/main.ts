import { runCli } from './index.ts'

const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  terminal: process.stdout.isTTY ? process.stdout : undefined,
  progress: process.stderr.isTTY ? process.stderr : undefined,
  write: (text) => process.stdout.write(text),
  input: process.stdin,
  interactive: process.stdin.isTTY === true,
  onInterrupt: (handler) => {
    // Once: a second Ctrl-C, while the first one's cancel settles, gets Node's default and ends the process at once.
    process.once('SIGINT', handler)
    return () => process.off('SIGINT', handler)
  },
})
process.exitCode = code
