/**
 * Offers text as a file download, as the browser and Electron both handle an `<a download>` click.
 * `container`: inside an open modal dialog the link must be in the dialog (all else is inert).
 */
export function saveFile(fileName: string, text: string, type: string, container: HTMLElement = document.body): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  container.append(link)
  link.click()
  link.remove()
  // Revoked later, not at once: the download may read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000)
}
