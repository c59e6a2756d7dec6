import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // One build for the Node-side entries: the Electron host, the web bridge, the CLI and the worker threads' entry.
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          web: resolve(import.meta.dirname, 'src/main/web/main.ts'),
          cli: resolve(import.meta.dirname, 'src/main/cli/main.ts'),
          worker: resolve(import.meta.dirname, 'src/main/workers/taskWorker.ts'),
        },
        // Flat, so shared chunks find worker.js beside them (appWorkerEntry).
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    plugins: [react()],
    // The renderer is parsed on every start: minified, it is a third of the size.
    build: { minify: true },
  },
})
