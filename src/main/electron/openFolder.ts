import { shell } from 'electron'
import { AppError } from '../../shared/ipc/errors.ts'

/** Shows a folder of the app's own (never a path from a window) in the system's file manager. */
export async function openFolder(folder: string): Promise<void> {
  const failure = await shell.openPath(folder)
  if (failure) {
    throw new AppError({
      code: 'INTERNAL',
      message: `The file manager could not open the folder: ${failure}`,
      hint: `Open it yourself: ${folder}`,
    })
  }
}
