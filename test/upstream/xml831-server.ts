/**
 * The provincial 831 XML test receiver as a stand-alone server for demos and training
 * (`hssk upstream serve --kind xml831 [--port P] [--faults SPEC]`). Without accounts any user name
 * signs in as the unit of that code, and the unit's first valid signature pins its certificate.
 */
import { startXml831Receiver, type Xml831Fault, type Xml831Receiver } from './xml831-receiver.ts';

export type { Xml831Fault };

export async function startXml831Server(opts: {
  port?: number;
  host?: string;
  faults?: Xml831Fault[];
  tokenLifetimeSec?: number;
}): Promise<Xml831Receiver> {
  return startXml831Receiver({
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    ...(opts.host ? { host: opts.host } : {}),
    ...(opts.faults ? { faults: opts.faults } : {}),
    ...(opts.tokenLifetimeSec !== undefined ? { tokenLifetimeSec: opts.tokenLifetimeSec } : {}),
  });
}
