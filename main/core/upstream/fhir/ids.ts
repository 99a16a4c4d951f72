import { createHash } from 'node:crypto';

/**
 * A resource that has no id of its own here (a vital of a visit, an allergy kind of part B) gets a
 * UUID derived from its owner's id and its role, the same on every send: PUT to it updates the
 * resource sent before instead of creating a second one.
 */
export function derivedId(ownerId: string, role: string): string {
  const h = createHash('sha256').update(`${ownerId}:${role}`).digest('hex');
  // Shaped as a version-5-like UUID (variant bits set) so it is a valid FHIR id and looks like one.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
