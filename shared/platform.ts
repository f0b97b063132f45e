/** `linux/amd64`, `linux/arm64/v8`: os/architecture[/variant], as the engine's API takes a platform. */
export const PLATFORM = /^[a-z0-9._-]+\/[a-z0-9._-]+(\/[a-z0-9._-]+)?$/;
