import { MAX_AWARENESS_STATE, vetAwarenessState } from './ws-server.js';

describe('vetAwarenessState', () => {
  const session = { userId: 'u-1', displayName: 'Вера Засулич' };

  it('stamps who the socket is over what the client claims, keeping its other fields', () => {
    const claimed = JSON.stringify({ user: { id: 'someone-else', name: 'Admin', color: '#123456' }, cursor: { segmentId: 's', lang: 'ru' } });
    expect(JSON.parse(vetAwarenessState(claimed, session)!)).toEqual({
      user: { id: 'u-1', name: 'Вера Засулич', color: '#123456' },
      cursor: { segmentId: 's', lang: 'ru' },
    });
  });

  it('adds the user to a state without one, or with a user that is not an object', () => {
    expect(JSON.parse(vetAwarenessState('{"cursor":null}', session)!)).toEqual({ cursor: null, user: { id: 'u-1', name: 'Вера Засулич' } });
    expect(JSON.parse(vetAwarenessState('{"user":"root"}', session)!).user).toEqual({ id: 'u-1', name: 'Вера Засулич' });
  });

  it('keeps null (the client left) as it is', () => {
    expect(vetAwarenessState('null', session)).toBe('null');
  });

  it('drops states that are not objects, and states too large to relay', () => {
    for (const json of ['[1,2]', '42', '"hello"', 'true']) expect(vetAwarenessState(json, session)).toBeNull();
    expect(vetAwarenessState(JSON.stringify({ notes: 'x'.repeat(MAX_AWARENESS_STATE) }), session)).toBeNull();
    // Small enough as sent, too large once the name is stamped in.
    const almost = JSON.stringify({ notes: 'x'.repeat(MAX_AWARENESS_STATE - 20) });
    expect(almost.length).toBeLessThanOrEqual(MAX_AWARENESS_STATE);
    expect(vetAwarenessState(almost, session)).toBeNull();
  });

  it('throws on text that is not JSON (the socket is closed as malformed)', () => {
    expect(() => vetAwarenessState('{"user":', session)).toThrow();
  });
});
