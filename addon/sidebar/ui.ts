// What every home of the sidebar shares: the typed google.script.run call, small DOM helpers, and `action`, the one
// way a button runs: its own status line beside it says "Working…", then what changed or what went wrong.
import type { DownloadFile, SidebarApi } from '../src/sidebar-api';

type Runner = Record<string, (...args: unknown[]) => void> & {
  withSuccessHandler(f: (v: unknown) => void): Runner;
  withFailureHandler(f: (e: Error) => void): Runner;
};
declare const google: { script: { run: Runner } };

export const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;
export const value = (id: string): string => $<HTMLInputElement>(id).value.trim();

export type Call = <K extends keyof SidebarApi>(
  name: K,
  ...args: Parameters<SidebarApi[K]>
) => Promise<ReturnType<SidebarApi[K]>>;

export const call: Call = (name, ...args) =>
  new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((v) => resolve(v as never))
      .withFailureHandler((e) => reject(e));
    const fn = runner[name];
    if (typeof fn !== 'function') {
      reject(new Error(`unknown server function ${name}`));
      return;
    }
    fn.apply(runner, args);
  });

export function list(id: string, items: string[]): void {
  const ul = $(id);
  ul.textContent = '';
  for (const text of items) {
    const li = document.createElement('li');
    li.textContent = text;
    ul.appendChild(li);
  }
}

export function options(id: string, items: { value: string; text: string }[]): void {
  const sel = $<HTMLSelectElement>(id);
  const kept = sel.value;
  sel.textContent = '';
  for (const it of items) {
    const o = document.createElement('option');
    o.value = it.value;
    o.textContent = it.text;
    sel.appendChild(o);
  }
  if (items.some((it) => it.value === kept)) sel.value = kept;
}

/** What a failure says, with the next step when the message is the browser's own (the server's say theirs). */
export function errorText(e: unknown): string {
  const text = (e instanceof Error ? e.message : String(e)).replace(/^(Exception|Error): /, '');
  if (/NetworkError|Connection failure|HTTP 0/i.test(text))
    return `${text}. The sidebar lost its connection to Google: check the network, then press the button again.`;
  return text || 'Something failed without saying why: press the button again, or reopen the sidebar.';
}

export type StatusKind = 'busy' | 'ok' | 'error' | '';

/** Sets a status line: a spinner with "Working…", a sentence of what changed, or an error brought into view. */
export function setStatus(el: HTMLElement, kind: StatusKind, text = ''): void {
  el.className = `status ${kind}`;
  el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  el.textContent = '';
  if (kind === 'busy') {
    const spin = document.createElement('span');
    spin.className = 'spinner';
    spin.setAttribute('aria-hidden', 'true');
    el.append(spin, text || 'Working…');
  } else el.textContent = text;
  el.hidden = !kind;
  if (kind === 'error') el.scrollIntoView({ block: 'nearest' });
}

/** The status line right after a button (made on first use), so the answer appears where the person clicked. */
export function statusOf(button: HTMLElement): HTMLElement {
  const next = button.nextElementSibling;
  if (next instanceof HTMLElement && next.classList.contains('status')) return next;
  const p = document.createElement('p');
  p.className = 'status';
  p.setAttribute('aria-live', 'polite');
  p.hidden = true;
  button.insertAdjacentElement('afterend', p);
  return p;
}

/**
 * Runs a button's action: the button disabled and its status line busy while it runs, then the sentence `run`
 * answers (what changed), or the error beside the button. Nothing is thrown on: every failure is shown.
 */
export async function action(
  button: string | HTMLButtonElement,
  run: () => Promise<string | undefined>,
  busy = 'Working…',
): Promise<void> {
  const b = typeof button === 'string' ? $<HTMLButtonElement>(button) : button;
  const status = statusOf(b);
  b.disabled = true;
  b.setAttribute('aria-busy', 'true');
  setStatus(status, 'busy', busy);
  try {
    const done = await run();
    setStatus(status, done ? 'ok' : '', done ?? '');
  } catch (e) {
    setStatus(status, 'error', errorText(e));
  } finally {
    b.disabled = false;
    b.removeAttribute('aria-busy');
  }
}

/** Loads what a section shows when its home opens: "Loading…" in the section's status line, or why it failed. */
export async function load(statusId: string, run: () => Promise<void>): Promise<void> {
  const status = $(statusId);
  setStatus(status, 'busy', 'Loading…');
  try {
    await run();
    setStatus(status, '');
  } catch (e) {
    setStatus(status, 'error', errorText(e));
  }
}

/** A checkbox in a label, for the lists the server sends (frameworks, work functions, sponsors). */
export function checkbox(valueText: string, label: string, checked: boolean): HTMLLabelElement {
  const l = document.createElement('label');
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.value = valueText;
  box.checked = checked;
  l.append(box, label);
  return l;
}

export const checked = (container: HTMLElement): string[] =>
  Array.from(container.querySelectorAll<HTMLInputElement>('input[type="checkbox"]:checked')).map((i) => i.value);

/**
 * Turns the server's base64 into a file the browser saves, and leaves a link to save it again: through a Blob URL and
 * an <a download> (a data: URL is capped at a few MB in Chrome; a Blob is not).
 */
export function offer(file: DownloadFile, where: HTMLElement): HTMLAnchorElement {
  const raw = atob(file.base64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([bytes], { type: file.contentType }));
  a.download = file.filename;
  a.textContent = `Download ${file.filename} (${Math.max(1, Math.round(file.bytes / 1024))} KB)`;
  where.textContent = '';
  where.appendChild(a);
  a.click();
  return a;
}
