import { chat } from './chat.ts'
import { common } from './common.ts'
import { json } from './json.ts'
import { library } from './library.ts'
import { markdown } from './markdown.ts'
import { models } from './models.ts'
import { settings } from './settings.ts'
import { shell } from './shell.ts'
import { summarize } from './summarize.ts'

/** The English catalogs, one namespace per screen or feature. English is complete: every key is here. */
export const en = { common, shell, chat, library, markdown, models, summarize, json, settings }
