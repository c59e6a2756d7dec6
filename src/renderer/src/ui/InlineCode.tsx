import { Fragment } from 'react'

/** Shows `backticked` parts of a message (commands, paths) as code, the rest as plain text. */
export function InlineCode({ text }: { text: string }) {
  return (
    <>
      {text.split('`').map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : <Fragment key={index}>{part}</Fragment>))}
    </>
  )
}
