/**
 * What a UART set to the wrong baud rate receives. Pseudo-terminals ignore baud and parity, so the
 * socat tests cannot produce this by themselves: this simulates the line instead. The sender's
 * bytes become a waveform (idle high, start bit, 8 data bits LSB first, stop bit); the receiver
 * finds each falling edge, samples mid-bit at its own rate, and keeps what it read, framing
 * errors included — as real UARTs hand such bytes up.
 */
export function baudMismatch(bytes: Uint8Array, senderBaud: number, receiverBaud: number): Uint8Array {
  const bits: number[] = [1, 1]; // line idle before the first byte
  for (const b of bytes) {
    bits.push(0);
    for (let i = 0; i < 8; i++) bits.push((b >> i) & 1);
    bits.push(1);
  }
  bits.push(1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
  const senderBit = 1 / senderBaud;
  const receiverBit = 1 / receiverBaud;
  const level = (t: number): number => bits[Math.min(bits.length - 1, Math.floor(t / senderBit))];
  const end = bits.length * senderBit;
  const out: number[] = [];
  // Scan at a fine step for falling edges, like a UART's 16× oversampling.
  const step = Math.min(senderBit, receiverBit) / 16;
  let prev = 1;
  for (let t = 0; t < end;) {
    const now = level(t);
    if (prev === 1 && now === 0) {
      let value = 0;
      for (let i = 0; i < 8; i++) value |= level(t + (1.5 + i) * receiverBit) << i;
      out.push(value);
      t += 9.5 * receiverBit; // skip to the middle of the stop bit, then look for the next edge
      prev = level(t);
      continue;
    }
    prev = now;
    t += step;
  }
  return Uint8Array.from(out);
}
