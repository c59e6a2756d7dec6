import { api } from '../ipc/client.ts'
import { useInvoke, useLiveValue } from '../ipc/hooks.ts'
import { ErrorNotice } from './ErrorNotice.tsx'
import { formatBytes } from './format.ts'
import { InlineCode } from './InlineCode.tsx'
import { useAction } from './useAction.ts'

const PHASES = {
  checksum: 'Reading the published checksums…',
  downloading: 'Downloading',
  verifying: 'Checking the download against its SHA-256…',
  unpacking: 'Unpacking…',
  done: 'Installed',
} as const

/** Ollama is missing: how to install it by hand, or one click to let the app fetch the official release. */
export function ManagedInstall({ instruction }: { instruction: string | undefined }) {
  const job = useLiveValue('ollama:installState')
  const info = useInvoke('app:info', {})
  const action = useAction()
  const error = action.error
  const run = (channel: 'ollama:install' | 'ollama:installCancel' | 'ollama:recheck'): void => {
    void action.run(() => api.invoke(channel, {}))
  }
  const progress = job?.progress
  const running = job?.state === 'running'
  return (
    <section className="notice notice-warn setup" aria-labelledby="setup-title">
      <p className="notice-title" id="setup-title">
        Ollama is not installed
      </p>
      <p>
        Instruct Desk runs models through Ollama. <InlineCode text={instruction ?? 'Install it from https://ollama.com/download.'} /> Or let
        Instruct Desk download the official release into its own folder
        {info.data ? (
          <>
            {' '}
            (<code>{info.data.dataDir}</code>)
          </>
        ) : null}
        : no administrator rights, checked against the release’s SHA-256 before use.
      </p>
      {running && progress && (
        <div className="setup-progress">
          <progress
            max={progress.totalBytes ?? 100}
            value={progress.totalBytes ? progress.receivedBytes : undefined}
            aria-label="Installing Ollama"
            className="pull-bar"
          />
          <span className="muted small" data-testid="install-status">
            {PHASES[progress.phase]}
            {progress.phase === 'downloading' && progress.totalBytes
              ? ` · ${formatBytes(progress.receivedBytes)} of ${formatBytes(progress.totalBytes)}${progress.bytesPerSecond ? ` · ${formatBytes(progress.bytesPerSecond)}/s` : ''}`
              : ''}
          </span>
        </div>
      )}
      {job?.state === 'cancelled' && <p className="muted small">Install cancelled; nothing was left behind.</p>}
      {job?.state === 'failed' && job.error && <ErrorNotice error={job.error} />}
      {error && <ErrorNotice error={error} />}
      <div className="setup-actions">
        {running ? (
          <button type="button" className="button" onClick={() => run('ollama:installCancel')}>
            Cancel install
          </button>
        ) : (
          <button type="button" className="button button-primary" onClick={() => run('ollama:install')}>
            {job?.state === 'failed' ? 'Try the install again' : 'Download and install Ollama'}
          </button>
        )}
        <button type="button" className="button" onClick={() => run('ollama:recheck')} disabled={running}>
          I installed it — look again
        </button>
      </div>
    </section>
  )
}
