/** The review in the reader and the editor: what other features mount. */
export { MyMentions } from './my-mentions.js';
export { ProgressBar } from './progress-bar.js';
export { ReviewMarks } from './review-marks.js';
export { ReviewPanel } from './review-panel.js';
export { ReviewToolbar } from './review-toolbar.js';
export { ProjectProgressSection } from './project-progress.js';
export { useChapterReview, type ChapterReview } from './use-chapter-review.js';
export { useReviewKeys } from './use-review-keys.js';
