/** The current time, injectable so tests can travel through idle timeouts and schedule dates. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
export const isoNow = (clock: Clock): string => clock().toISOString();
