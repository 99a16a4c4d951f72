import { num, xmlDate } from './format.ts';
import type { Xml831Record } from './source.ts';
import { leaf, node, type XmlElement } from './xml.ts';

/**
 * TIEMCHUNG: part C. Each recorded dose is one THONGTINMUITIEM with TRANGTHAI 1 (vaccinated). The
 * app records doses given, not "not vaccinated" rows: a dose not yet given is simply absent (the
 * printed form's "Chưa chủng ngừa" column is derived from the schedule, which the province computes
 * for itself).
 */
export function tiemChung(rec: Xml831Record): XmlElement {
  return node('TIEMCHUNG', [
    ...rec.doses.map((d) =>
      node('THONGTINMUITIEM', [
        leaf('MAVACXIN', d.vaccineCode),
        leaf('TENVACXIN', d.vaccineName),
        leaf('LOAIVACXIN', d.group),
        leaf('TRANGTHAI', '1'),
        leaf('NGAYTIEM', xmlDate(d.givenOn)),
        leaf('THANGTHAI', num(d.pregnancyMonth)),
        leaf('PHANUNGSAUTIEM', d.reaction),
        leaf('NGAYHENTIEM', xmlDate(d.nextOn)),
        leaf('MUITHU', d.dose),
      ]),
    ),
    leaf('SOMUIUONVANMETIEM', num(rec.history?.motherTetanusDoses)),
  ]);
}
