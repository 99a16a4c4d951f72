/**
 * Whether a line of an ASCII protocol is noise. Bytes read at the wrong baud rate or parity come
 * out as high-bit and control characters; a real frame of these protocols is printable ASCII.
 * `allowed` lists protocol bytes that are legitimately non-printable (e.g. the CAS lamp byte).
 */
export function looksGarbled(
  line: Uint8Array,
  allowed: (byte: number, index: number) => boolean = () => false,
): boolean {
  if (!line.length) return false;
  let bad = 0;
  for (let i = 0; i < line.length; i++) {
    const b = line[i];
    const printable = (b >= 0x20 && b <= 0x7e) || b === 0x09;
    if (!printable && !allowed(b, i)) bad++;
  }
  return bad > 0 && bad / line.length >= 0.1;
}
