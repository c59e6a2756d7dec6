import { HIT_END, HIT_START } from '../../../shared/domain/conversation.ts'

/** A search snippet with the matched words as <mark>: main puts HIT_START/HIT_END around each match. */
export function MarkedSnippet({ text }: { text: string }) {
  return (
    <>
      {text.split(HIT_START).map((piece, index) => {
        const end = piece.indexOf(HIT_END)
        if (index === 0 || end < 0) return <span key={index}>{piece}</span>
        return (
          <span key={index}>
            <mark>{piece.slice(0, end)}</mark>
            {piece.slice(end + 1)}
          </span>
        )
      })}
    </>
  )
}
