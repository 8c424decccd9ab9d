import { UserError } from '../../errors.js';
import { isBlankChar } from './text-line-reader.js';

/**
 * Splits one CSV line (RFC 4180 quoting, `""` inside quotes) into field ranges without making strings; spaces and
 * tabs around a field are dropped. Quoted fields cannot span lines (nothing in these files needs a newline).
 * Reuse one instance for a whole file.
 */
export class CsvFields {
  starts = new Int32Array(16);
  ends = new Int32Array(16);
  /** 1 where the field was quoted and contains `""`, so {@link CsvFields.value} must unescape it. */
  escaped = new Uint8Array(16);
  count = 0;

  /** Splits a line known to hold no quote character: one pass over its characters. */
  splitPlain(text: string, start: number, end: number): number {
    this.count = 0;
    let s = start;
    for (let i = start; i <= end; i++) {
      if (i < end && text.charCodeAt(i) !== 44) continue;
      let a = s;
      let b = i;
      while (a < b && isBlankChar(text.charCodeAt(a))) a++;
      while (b > a && isBlankChar(text.charCodeAt(b - 1))) b--;
      this.push(a, b, 0);
      s = i + 1;
    }
    return this.count;
  }

  /** Splits `text[start, end)`, quotes and all; errors name `file:line`. Returns the number of fields. */
  split(text: string, start: number, end: number, file: string, line: number): number {
    this.count = 0;
    let i = start;
    for (;;) {
      while (i < end && isBlankChar(text.charCodeAt(i))) i++;
      let s = i;
      let e: number;
      let esc = 0;
      if (i < end && text.charCodeAt(i) === 34) {
        s = i + 1;
        let j = s;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0 || q >= end) throw new UserError(`${file}:${line}: unterminated quoted field (a field cannot span lines)`);
          if (q + 1 < end && text.charCodeAt(q + 1) === 34) {
            esc = 1;
            j = q + 2;
            continue;
          }
          e = q;
          break;
        }
        i = e + 1;
        while (i < end && isBlankChar(text.charCodeAt(i))) i++;
        if (i < end && text.charCodeAt(i) !== 44) throw new UserError(`${file}:${line}: unexpected text after a closing quote`);
      } else {
        const c = text.indexOf(',', i);
        i = c < 0 || c >= end ? end : c;
        e = i;
        while (e > s && isBlankChar(text.charCodeAt(e - 1))) e--;
      }
      this.push(s, e, esc);
      if (i >= end) return this.count;
      i++; // the comma
      if (i === end) {
        this.push(end, end, 0);
        return this.count;
      }
    }
  }

  /** Field `f` as a string, with `""` unescaped. */
  value(text: string, f: number): string {
    const v = text.slice(this.starts[f]!, this.ends[f]!);
    return this.escaped[f] === 1 ? v.replaceAll('""', '"') : v;
  }

  private push(s: number, e: number, esc: number): void {
    if (this.count === this.starts.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts, (n) => new Int32Array(n));
      this.ends = grow(this.ends, (n) => new Int32Array(n));
      this.escaped = grow(this.escaped, (n) => new Uint8Array(n));
    }
    this.starts[this.count] = s;
    this.ends[this.count] = e;
    this.escaped[this.count] = esc;
    this.count++;
  }
}
