// The reference y-websocket server (@y/websocket-server 0.1.1): its own bin, in memory.
import { createRequire } from 'node:module';

process.env.HOST = '127.0.0.1';
const require = createRequire(import.meta.url);
// The package exports only ./utils and ./callback; its bin is found next to its package.json.
const bin = require.resolve('@y/websocket-server/package.json').replace(/package\.json$/, 'src/server.js');
await import(bin);
console.log(`listening on ${process.env.PORT}`);
