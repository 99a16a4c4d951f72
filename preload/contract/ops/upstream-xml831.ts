import { z } from 'zod';
import { query } from '../define.ts';

/**
 * The provincial 831 XML of one resident, signed with the station's certificate when one is saved:
 * for checking by hand what the province receives (`hssk sync export-xml`). The rest of the upload
 * (settings, runs, the closing-time batch) is in upstream.ts.
 */
export const upstreamXml831Ops = {
  'xml831.export': query({
    /** The resident: the app's id, a CCCD/CMND number or a BHYT card number. */
    input: z.object({ person: z.string().max(80).trim().min(1) }),
    output: z.object({
      personId: z.string(),
      fullName: z.string(),
      requestId: z.string(),
      xml: z.string(),
      signed: z.boolean(),
      /** Why it is not signed (no certificate saved, or it cannot be used), in Vietnamese; '' when signed. */
      messageVi: z.string(),
    }),
    access: 'sync.run',
  }),
};
