/** Injection token of the Relay (in-process, or Redis when REDIS_URL is set). */
export const COLLAB_RELAY = Symbol('COLLAB_RELAY');
