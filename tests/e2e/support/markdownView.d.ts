// The view as the harness sees it: markdownPage.ts builds the harness with a virtual module that
// re-exports MarkdownView (and loads the app's stylesheet). Declared here so the test tsconfig,
// which has no JSX, never loads the .tsx; keep in step with MarkdownViewProps.
declare module 'virtual:markdown-view' {
  import type { FunctionComponent } from 'react'

  export const MarkdownView: FunctionComponent<{ source: string; streaming?: boolean; className?: string }>
}
