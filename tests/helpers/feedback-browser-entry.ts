/** The feedback writer as the task pane will load it: bundled by the add-in's webpack settings, run in Chromium. */
export { feedbackFiles, writeFeedbackWorkbook, zipFiles } from "../../src/io/feedback";
export { summaryCsv } from "../../src/core/feedback";
