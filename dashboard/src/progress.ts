// A progress bar that is a real accessible element: role="progressbar" with aria-valuenow/min/max and a
// label naming the session and the queue, so screen readers and tests read the numbers the bar shows.
import { formatBytes, h } from './dom.js';

export class ProgressBar {
  readonly element: HTMLDivElement;
  private readonly bar: HTMLDivElement;
  private readonly fill: HTMLDivElement;
  private readonly figures: HTMLSpanElement;

  constructor(label: string, caption: string) {
    this.fill = h('div', { class: 'progress-fill' });
    this.figures = h('span', { class: 'progress-figures' });
    this.bar = h(
      'div',
      {
        class: 'progress',
        role: 'progressbar',
        'aria-label': label,
        'aria-valuemin': 0,
        'aria-valuemax': 100,
        'aria-valuenow': 0,
      },
      this.fill,
    );
    this.element = h('div', { class: 'progress-row' }, h('span', { class: 'progress-caption' }, caption), this.bar, this.figures);
  }

  /** `percent` is the API's (0–100, one decimal); the bytes are shown beside it and in aria-valuetext. */
  update(percent: number, completedBytes: number, totalBytes: number, detail = ''): void {
    const value = Math.max(0, Math.min(100, percent));
    const figures = `${value} % · ${formatBytes(completedBytes)} of ${formatBytes(totalBytes)}${detail ? ` · ${detail}` : ''}`;
    this.bar.setAttribute('aria-valuenow', String(value));
    this.bar.setAttribute('aria-valuetext', figures);
    // A CSSOM property, not a style attribute: allowed by the page's Content-Security-Policy.
    this.fill.style.width = `${value}%`;
    this.figures.textContent = figures;
  }
}
