import type { RequestHandler } from 'express';

/** A body larger than this is heavy: converting and checking it costs the event loop tens of milliseconds. */
export const HEAVY_BODY_BYTES = 64 * 1024;

/**
 * The longest one request keeps the lane: the stretches it exists for are far shorter, and a heavy
 * request that waits on something else (a row lock held by an import) must not hold up the others.
 */
export const LANE_HOLD_MS = 2_000;

/**
 * One lane for heavy JSON requests. Every body is already parsed when this runs (placed after the
 * JSON parser, so a slow sender holds no lane); the work after it (the checks, the conversion to
 * a DTO, the handler's content conversions) is synchronous in stretches of up to a few hundred
 * milliseconds for the largest legal bodies. Several at once would run those stretches back to back
 * and keep `/health` and every small request waiting for seconds; in one lane they take turns, and
 * small requests pass between the stretches. Uploads are not in the lane: their body is streamed,
 * and parsed in a worker thread.
 */
export function heavyLane(): RequestHandler {
  let busy = false;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else busy = false;
  };
  return (req, res, next) => {
    const length = Number(req.headers['content-length'] ?? 0);
    if (!(length > HEAVY_BODY_BYTES) || !req.is('application/json')) return next();
    const enter = (): void => {
      let done = false;
      const leave = (): void => {
        if (done) return;
        done = true;
        release();
      };
      res.once('finish', leave);
      res.once('close', leave);
      setTimeout(leave, LANE_HOLD_MS).unref();
      next();
    };
    if (!busy) {
      busy = true;
      enter();
    } else {
      waiting.push(enter);
    }
  };
}
