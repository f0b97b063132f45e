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
 * comes, and bigger chunks cost it less: loading 2 GiB with bare dockerode took 6.3 s in 64 KiB
 * reads, 5.0 s in 256 KiB and 3.9 s in 1 MiB, where `docker load` took 4.0–4.3 s. Through the web
 * host, 1 MiB peaked at 156 MiB RSS (the target is < 150 MB); 512 KiB stays at 131 MiB.
 */
export const SEND_BUFFER = 512 * 1024;
