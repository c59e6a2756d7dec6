// Runs inside a worker_threads Worker for tokenCounter.test.ts: plain Node (type stripping), no Vite.
import { parentPort, workerData } from 'node:worker_threads'
import { tokenizerFor, warmUp } from '../../src/main/tokens/tokenCounter.ts'

const { model, texts } = workerData as { model: string; texts: string[] }
await warmUp()
const counter = tokenizerFor(model)
parentPort?.postMessage([...texts.map((t) => counter.count(t)), counter.countChat([{ role: 'user', content: texts[0] ?? '' }])])
