/** Serial port settings as a station stores them for a device (and as serialport takes them). */

export type Parity = 'none' | 'even' | 'odd' | 'mark' | 'space';

export interface SerialSettings {
  baudRate: number;
  dataBits: 5 | 6 | 7 | 8;
  parity: Parity;
  stopBits: 1 | 1.5 | 2;
}

export const SERIAL_8N1_9600: SerialSettings = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 };

export const serialSettings = (
  baudRate: number,
  dataBits: SerialSettings['dataBits'] = 8,
  parity: Parity = 'none',
  stopBits: SerialSettings['stopBits'] = 1,
): SerialSettings => ({
  baudRate,
  dataBits,
  parity,
  stopBits,
});

const BAUD_RATES = [110, 300, 600, 1200, 2400, 4800, 9600, 14400, 19200, 38400, 57600, 115200, 230400];

/** Vietnamese problems with a settings object from storage or a form; empty when it is usable. */
export function checkSerialSettings(s: Partial<SerialSettings>): string[] {
  const problems: string[] = [];
  if (typeof s.baudRate !== 'number' || !BAUD_RATES.includes(s.baudRate)) {
    problems.push(`Tốc độ baud phải là một trong: ${BAUD_RATES.join(', ')}.`);
  }
  if (![5, 6, 7, 8].includes(s.dataBits as number)) problems.push('Số bit dữ liệu phải là 5, 6, 7 hoặc 8.');
  if (!['none', 'even', 'odd', 'mark', 'space'].includes(s.parity as string))
    problems.push('Parity phải là none, even, odd, mark hoặc space.');
  if (![1, 1.5, 2].includes(s.stopBits as number)) problems.push('Số bit dừng phải là 1, 1.5 hoặc 2.');
  return problems;
}

/** "9600 8N1", "2400 7E1": how manuals and the device screen write it. */
export function describeSerialSettings(s: SerialSettings): string {
  return `${s.baudRate} ${s.dataBits}${s.parity[0].toUpperCase()}${s.stopBits}`;
}
