/** Words of the pieces every screen shares: notices, the clipboard, the connection to main. */
export const common = {
  tryAgain: 'Try again',
  fileUnreadable: 'The file could not be read.',
  clipboard: {
    unavailable: 'the clipboard is not available here',
    refused: 'the clipboard refused',
  },
  connection: {
    lost: 'Lost the connection to Instruct Desk.',
    lostHint: 'It reconnects by itself; try again in a moment.',
    tooLarge: 'The request is larger than {{megabytes, number}} MB.',
  },
} as const
