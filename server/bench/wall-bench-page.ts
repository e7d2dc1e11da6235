/**
 * The browser's side of `npm run bench:wall`: what the page records (painted frames, long tasks,
 * an empty frame's cost as the floor), when each stream event reached Chromium's network stack
 * (from the DevTools protocol, so time the page spent too busy to read it counts), and a CPU
 * profile of the page summed by function.
 */
import { readFileSync } from 'node:fs';
import type { CDPSession, Page } from '@playwright/test';

/** Collected in the page; the bench takes (and empties) them every few seconds. */
export interface PageSamples {
  /** `wall-painted` marks: wall-clock time (ms), newest sequence number shown, legs held. */
  paints: { at: number; seq: number; legs: number }[];
  /** Long tasks (ms) since the last take. */
  tasks: number[];
  /** An empty frame: a random moment → the next frame painted (ms), the floor of any update. */
  floor: number[];
}

/**
 * Installed before the page's own scripts. A string, not a function: the bench runs through a
 * loader that names functions with a helper the page does not have.
 */
const RECORDER = `
  window.__bench = { paints: [], tasks: [], floor: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.tasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.name === 'wall-painted')
        window.__bench.paints.push({ at: performance.timeOrigin + e.startTime, ...e.detail });
    }
  }).observe({ type: 'mark' });
  // The wall's own rAF → message → painted path with no work in it, at random moments.
  const channel = new MessageChannel();
  let from = 0;
  function probe() {
    from = performance.now();
    requestAnimationFrame(() => channel.port2.postMessage(0));
  }
  channel.port1.onmessage = () => {
    window.__bench.floor.push(performance.now() - from);
    setTimeout(probe, 50 + Math.random() * 100);
  };
  setTimeout(probe, 100);
`;

export async function installRecorder(page: Page): Promise<void> {
  await page.addInitScript({ content: RECORDER });
}

export function takeSamples(page: Page): Promise<PageSamples> {
  return page.evaluate(() => {
    const w = window as unknown as { __bench: PageSamples };
    const out = w.__bench;
    w.__bench = { paints: [], tasks: [], floor: [] };
    return out;
  });
}

/**
 * When each stream event (by sequence number) reached the browser's network stack, wall-clock
 * ms: Chromium stamps every EventSource message on its monotonic clock; the stream request's
 * `requestWillBeSent` gives that clock's offset to the wall clock the page's marks use.
 */
export async function followArrivals(cdp: CDPSession): Promise<Map<number, number>> {
  const arrivals = new Map<number, number>();
  const offsets = new Map<string, number>();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.request.url.includes('/api/stream')) {
      offsets.set(e.requestId, (e.wallTime ?? 0) * 1000 - e.timestamp * 1000);
    }
  });
  cdp.on('Network.eventSourceMessageReceived', (e) => {
    const offset = offsets.get(e.requestId);
    if (offset === undefined || e.eventName !== 'webhook' || !e.eventId) return;
    arrivals.set(Number(e.eventId), offset + e.timestamp * 1000);
  });
  await cdp.send('Network.enable');
  return arrivals;
}

/**
 * Event → painted, per event that arrived in [from, to): the first painted frame showing its
 * sequence number (frames' sequence numbers only grow), minus when it arrived.
 */
export function eventToPaint(
  arrivals: Map<number, number>,
  paints: PageSamples['paints'],
  from: number,
  to: number,
): number[] {
  const sorted = [...paints].sort((a, b) => a.at - b.at);
  const out: number[] = [];
  let i = 0;
  const events = [...arrivals]
    .filter(([, at]) => at >= from && at < to)
    .sort((a, b) => a[0] - b[0]);
  for (const [seq, at] of events) {
    while (i < sorted.length && (sorted[i]!.seq < seq || sorted[i]!.at < at)) i++;
    if (i === sorted.length) break;
    out.push(sorted[i]!.at - at);
  }
  return out;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** The page's CPU profile over `ms`, as the functions with the most self time. */
export async function profileTop(cdp: CDPSession, ms: number, top = 15): Promise<string[]> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  await new Promise((r) => setTimeout(r, ms));
  const { profile } = await cdp.send('Profiler.stop');
  const nodes = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, k) => {
    const frame = nodes.get(id)?.callFrame;
    const name = frame
      ? `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}`
      : '?';
    self.set(name, (self.get(name) ?? 0) + (deltas[k] ?? 0) / 1000);
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, t]) => `${t.toFixed(0).padStart(6)} ms  ${name}`);
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * What the page's main thread itself spent, from a Chromium trace: its CPU time (the thread's
 * own clock, `tdur`) as a share of the traced time, and per frame drawn — beside the frames'
 * wall-clock time, which a machine busy with other work stretches (a task waits for a core).
 */
export function traceSummary(file: string): {
  mainThreadCpuPercent: number;
  frames: number;
  frameCpuMs: number[];
  frameWallMs: number[];
} {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as
    TraceEvent[] | { traceEvents: TraceEvent[] };
  const events = Array.isArray(raw) ? raw : raw.traceEvents;
  const mains = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || !mains.has(key)) continue;
    byThread.set(key, [...(byThread.get(key) ?? []), e]);
  }
  // The page's renderer: the main thread that drew the most frames.
  const frameCount = (xs: TraceEvent[]) => xs.filter((e) => e.name === 'FireAnimationFrame').length;
  const main = [...byThread.values()].sort((a, b) => frameCount(b) - frameCount(a))[0] ?? [];
  main.sort((a, b) => a.ts - b.ts);
  const tasks: { task: TraceEvent; frame: boolean }[] = [];
  let open: { task: TraceEvent; frame: boolean } | undefined;
  for (const e of main) {
    const end = open ? open.task.ts + (open.task.dur ?? 0) : -1;
    if (open && e.ts < end) {
      if (e.name === 'FireAnimationFrame' || e.name === 'Paint') open.frame = true;
      continue;
    }
    if (e.name !== 'ThreadControllerImpl::RunTask') continue;
    tasks.push((open = { task: e, frame: false }));
  }
  const first = tasks[0]?.task.ts ?? 0;
  const last = tasks.reduce((m, t) => Math.max(m, t.task.ts + (t.task.dur ?? 0)), first);
  const cpu = tasks.reduce((s, t) => s + (t.task.tdur ?? 0), 0);
  const frames = tasks.filter((t) => t.frame);
  return {
    mainThreadCpuPercent: Math.round((cpu / Math.max(1, last - first)) * 1000) / 10,
    frames: frames.length,
    frameCpuMs: frames.map((t) => (t.task.tdur ?? 0) / 1000),
    frameWallMs: frames.map((t) => (t.task.dur ?? 0) / 1000),
  };
}
