/**
 * Realistic device output for every driver, built from a reading or a scan payload: for unit
 * tests, the socat integration tests, demos and the `hssk` device simulator. Write these bytes to
 * the device end of a pty pair (pty-pair.ts) or inject them into a FakeTransport.
 */
export * from './frames/bp.ts';
export * from './frames/scale.ts';
export * from './frames/scanner.ts';
export { baudMismatch } from './line-noise.ts';
