import { EventEmitter } from 'node:events';
import type { NextFunction, Request, Response } from 'express';
import { HEAVY_BODY_BYTES, heavyLane } from './heavy-lane.js';

/** Just enough of a request and a response for the lane: a length, a type, and the two events. */
function exchange(length: number, json = true): { req: Request; res: Response & EventEmitter } {
  const req = { headers: { 'content-length': String(length) }, is: (type: string) => (json && type === 'application/json' ? type : false) };
  return { req: req as unknown as Request, res: new EventEmitter() as Response & EventEmitter };
}

describe('heavyLane', () => {
  it('lets small requests through at once and heavy ones one at a time, in order', () => {
    const lane = heavyLane();
    const entered: string[] = [];
    const run = (name: string, length: number, json = true) => {
      const { req, res } = exchange(length, json);
      lane(req, res, (() => entered.push(name)) as NextFunction);
      return res;
    };
    const first = run('heavy 1', HEAVY_BODY_BYTES + 1);
    const second = run('heavy 2', HEAVY_BODY_BYTES + 1);
    run('heavy 3', HEAVY_BODY_BYTES + 1);
    run('heavy 4', HEAVY_BODY_BYTES + 1);
    run('small', 100);
    run('upload', 10 * HEAVY_BODY_BYTES, false);
    expect(entered).toEqual(['heavy 1', 'small', 'upload']);
    first.emit('finish');
    expect(entered).toEqual(['heavy 1', 'small', 'upload', 'heavy 2']);
    // A request whose connection closed gives the lane up too, and only once (close after finish).
    second.emit('close');
    second.emit('finish');
    expect(entered).toEqual(['heavy 1', 'small', 'upload', 'heavy 2', 'heavy 3']);
  });
});
