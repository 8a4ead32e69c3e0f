// Starts the Firestore emulator on 127.0.0.1:<port> and keeps it until the process is signalled.
import { FirestoreServer } from '@firestore-emulator/server';
import { ServerCredentials } from '@grpc/grpc-js';

const port = Number(process.argv[2] ?? process.env.PORT);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: node serve.mjs <port>');
  process.exit(2);
}

const emulator = new FirestoreServer();
// FirestoreServer.start binds 0.0.0.0; a development emulator with no authentication stays on loopback.
await new Promise((resolve, reject) =>
  emulator.server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(),
    (error) => (error ? reject(error) : resolve())));
console.log(`Firestore emulator listening on 127.0.0.1:${port}`);

const stop = () => { emulator.stop(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
