// The local cloud's HTTP surface: one server on 127.0.0.1 (loopback callers only) carrying
// POST /admin (what wx-server-sdk sends from inside functions), POST /functions/:name (a client's
// callFunction), cloud storage's object requests (/__storage/*), the /__dev/* control routes, and a
// static folder. See server.ts.

export { type Gateway, type GatewayOptions, type GatewayServices, openGateway } from './server';
export { HttpError, isLoopback, MAX_BODY_BYTES } from './http';
export type { ConnectionStats, DatabaseStats, StorageStats } from './stats';
