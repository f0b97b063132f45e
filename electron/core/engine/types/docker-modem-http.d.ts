declare module 'docker-modem/lib/http.js' {
  /** How many redirects the modem's request wrapper follows (module-wide, read on every request). */
  const modemHttp: { maxRedirects: number };
  export default modemHttp;
}
