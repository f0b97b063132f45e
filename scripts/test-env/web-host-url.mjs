/**
 * Resolves with `{ child, url }` once a started web host prints its URL (with the token), and rejects
 * if it exits first: how benchmarks know the host is serving.
 */
export function whenServing(child) {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s) => {
      out += s;
      const m = /Stevedore web host: (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`web host exited (${code})`)));
  });
}
