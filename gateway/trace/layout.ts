/**
 * Where the diagram puts things: lanes across, time down.
 *
 * A sequence diagram is a grid, so the layout is arithmetic rather than a
 * layout engine: lane n sits at a fixed x, and each event takes the next
 * row. Time runs down, but not to scale: one request can hold a 0.05 ms
 * step and a 1 s pause, so a pause adds space that grows with its
 * logarithm (10 ms a little, 1 s a lot, never a screenful), and pauses of
 * 20 ms or more are labelled with their length. `pull` events (the caller
 * asking for the next chunk) take no row: they start the bar that shows
 * the layer at work, and the space before them is the wait.
 *
 * @example
 * const layout = layOut(trace);
 * layout.x(0); // the server's lane
 * layout.rows[3].y; // where event 3 is drawn
 */
import type { TraceData } from "./events.ts";

/**
 * Space around the lanes, and between them (the client's lane, a mere target, sits closer).
 * @example GEOMETRY.row; // 40: the height of one event's row
 */
export const GEOMETRY = {
  /** The column of times, on the left. */
  timeColumn: 84,
  clientGap: 60,
  serverGap: 170,
  laneGap: 200,
  /** Where the first row goes: below the lane names. */
  top: 92,
  row: 40,
  bottom: 40,
};

/** An event's place: its y, and the pause before it when one is worth a label. */
export interface Row {
  y: number;
  /** Milliseconds since the event before, when it is 20 ms or more. */
  pause?: number;
}

/** Where everything goes. */
export interface Layout {
  /** The x of a lane (-1: the client). */
  x(lane: number): number;
  rows: Row[];
  /** The y by which a time `t` (ms) has come: the row of the first event at or after it. */
  yAt(t: number): number;
  width: number;
  height: number;
}

const LABELLED_PAUSE = 20;

/**
 * Lays a trace out.
 * @example const { width, height } = layOut(trace);
 */
export function layOut(trace: TraceData): Layout {
  const { timeColumn, clientGap, serverGap, laneGap, top, row, bottom } = GEOMETRY;
  const client = timeColumn + clientGap;
  const x = (lane: number) => (lane < 0 ? client : client + serverGap + lane * laneGap);
  const rows: Row[] = [];
  let y = top;
  let last = 0;
  for (const event of trace.events) {
    const pause = event.t - last;
    y += pauseSpace(pause);
    if (event.kind !== "pull") y += row;
    rows.push(pause >= LABELLED_PAUSE ? { y, pause } : { y });
    last = event.t;
  }
  const times = trace.events.map((event) => event.t);
  const yAt = (t: number) => {
    const index = times.findIndex((time) => time >= t);
    return index === -1 ? y + row / 2 : (rows[index] as Row).y;
  };
  return {
    x,
    rows,
    yAt,
    width: x(trace.lanes.length - 1) + laneGap / 2 + 20,
    height: y + bottom,
  };
}

/** Extra space for a pause: none under a millisecond, then growing with its logarithm, at most 72. */
function pauseSpace(ms: number): number {
  if (ms < 1) return 0;
  return Math.min(72, 6 + 16 * Math.log10(ms));
}
