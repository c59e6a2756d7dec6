/**
 * The files of a drop, with folders walked to every file inside them. The entries must be taken
 * while the drop event runs (the DataTransfer empties afterwards); reading them may take longer.
 */
export function droppedFiles(transfer: DataTransfer): Promise<File[]> {
  const items = [...transfer.items].filter((item) => item.kind === 'file')
  const sources = items.map((item) => item.webkitGetAsEntry() ?? item.getAsFile())
  return Promise.all(sources.map((source) => (source instanceof File ? [source] : source ? filesOf(source) : []))).then((lists) =>
    lists.flat(),
  )
}

async function filesOf(entry: FileSystemEntry): Promise<File[]> {
  if (isFile(entry)) return [await new Promise<File>((resolve, reject) => entry.file(resolve, reject))]
  if (!isDirectory(entry)) return []
  // Hidden files (.DS_Store, .git) are the system's, not documents the user meant.
  const children = (await readAll(entry.createReader())).filter((child) => !child.name.startsWith('.'))
  children.sort((a, b) => a.fullPath.localeCompare(b.fullPath))
  return (await Promise.all(children.map(filesOf))).flat()
}

/** A directory reader hands out its entries in batches until it answers an empty one. */
async function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  const entries: FileSystemEntry[] = []
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject))
    if (batch.length === 0) return entries
    entries.push(...batch)
  }
}

function isFile(entry: FileSystemEntry): entry is FileSystemFileEntry {
  return entry.isFile
}

function isDirectory(entry: FileSystemEntry): entry is FileSystemDirectoryEntry {
  return entry.isDirectory
}
