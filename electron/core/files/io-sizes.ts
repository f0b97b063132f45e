/**
 * Buffer size for the big streams (saves, loads, uploads). The engine's save stream arrives in ~21 KiB
 * pieces; with Node's default 16 KiB file-stream buffer each piece became its own write() on the
 * thread pool and the pipe stalled on backpressure: saving 1 GiB to a file took 12.4 s where the same
 * stream into nothing took 8.1 s and the CLI 8.4 s. Measured with bench:files: 256 KiB brings save to
 * 0.86× and load to 1.04× the CLI with the host at 121 MiB; 1 MiB was no faster and peaked at 164 MiB.
 */
export const STREAM_BUFFER = 256 * 1024;

/**
 * Read size for a file sent to the engine (load, import). The engine takes each HTTP chunk as it
 * comes, and bigger chunks cost both sides less: loading 1 GiB took 1.15× `docker load` in 1 MiB
 * reads and 1.02× in 4 MiB ones (bench:files). Fresh 4 MiB buffers raised the web host's peak RSS
 * from 154 to 191 MiB, so a plain tar is sent from two buffers used in turn (see FileBody).
 */
export const SEND_BUFFER = 4 * 1024 * 1024;
