/** The simulator: device frames, responders for pull devices, pty pairs and timed playback. */
export * from './frames.ts';
export {
  createResponder,
  serveResponder,
  type Responder,
  type ResponderFaults,
  type SimulatedDevice,
} from './responder.ts';
export { openPtyPair, type PtyPair } from './pty-pair.ts';
export { playFrames, scenarioFrames, type ScenarioSpec, type TimedFrame } from './scenarios.ts';
