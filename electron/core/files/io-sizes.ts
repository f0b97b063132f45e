/**
 * Buffer size for the big streams (saves, loads, uploads). The engine's save stream arrives in ~21 KiB
 * pieces; with Node's default 16 KiB file-stream buffer each piece became its own write() on the
 * thread pool and the pipe stalled on backpressure: saving 1 GiB to a file took 12.4 s where the same
 * stream into nothing took 8.1 s and the CLI 8.4 s. Measured with bench:files: 256 KiB brings save to
 * 0.86× and load to 1.04× the CLI with the host at 121 MiB; 1 MiB was no faster and peaked at 164 MiB.
 */
export const STREAM_BUFFER = 256 * 1024;
