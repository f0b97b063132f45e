/**
 * The process-wide net under every guard: a fault that escaped one request or socket is logged and
 * the host keeps serving the others, instead of Node's default of exiting on the first one. Each
 * handler has its own guard too; this only makes a missed one cost one call, not the whole app.
 */
export function keepServingOnUnexpectedErrors(log: (what: string, err: unknown) => void): void {
  process.on('uncaughtException', (err) => log('unexpected error (kept running)', err));
  process.on('unhandledRejection', (reason) => log('unhandled rejection (kept running)', reason));
}
