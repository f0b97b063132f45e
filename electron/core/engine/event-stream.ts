/**
 * The engine's /events body is JSON objects back to back (newline-separated in practice, but chunk
 * boundaries fall anywhere). This splitter yields each complete object and keeps the partial tail.
 */
export class JsonObjectSplitter {
  private buffer = '';

  push(chunk: string): unknown[] {
    this.buffer += chunk;
    const out: unknown[] = [];
    let depth = 0;
    let inString = false;
    let escaped = false;
    let start = -1;
    let consumed = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '{') {
        if (depth === 0) start = i;
        depth++;
      } else if (c === '}' && depth > 0) {
        depth--;
        if (depth === 0 && start >= 0) {
          const text = this.buffer.slice(start, i + 1);
          try {
            out.push(JSON.parse(text));
          } catch {
            // A corrupt object is skipped rather than wedging the stream forever.
          }
          consumed = i + 1;
          start = -1;
        }
      }
    }
    this.buffer = depth === 0 ? '' : this.buffer.slice(start >= 0 ? start : consumed);
    return out;
  }
}
