import { UpcomingWorkflow } from '../../ui/UpcomingWorkflow.tsx'

export function SummarizeScreen() {
  return (
    <UpcomingWorkflow
      title="Summarize"
      description="Drop documents and get a faithful summary of the whole text."
      steps={[
        'Reads PDF, DOCX, EPUB, ODT, RTF, HTML, Markdown, CSV/JSON, source code and plain text.',
        'Counts tokens and splits long documents at chapters, headings and pages so every part is read.',
        'Shows a coverage map linking each part of the summary to the pages it came from.',
      ]}
    />
  )
}
