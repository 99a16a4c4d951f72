/**
 * Upload to the provincial repository: settings, runs, the closing-time batch. Declared by the sync
 * work (issue "Upstream sync"); empty until then so the operation table already spreads it.
 */
export const upstreamOps = {};
