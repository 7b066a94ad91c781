// Hocuspocus 4 as the benchmark runs it: in memory, no extensions, its defaults otherwise.
import { Server } from '@hocuspocus/server';

const server = new Server({ port: Number(process.env.PORT ?? 0), address: '127.0.0.1', quiet: true, stopOnSignals: true });
await server.listen();
console.log(`listening on ${server.address.port}`);
