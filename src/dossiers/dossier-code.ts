import { isoFromDay, localDay } from '../calendar/dates.js';

/**
 * Dossier code: the receiving agency's identifier, the reception date YYMMDD (Vietnam time) and the serial
 * of that agency's day, 4 digits and wider past 9,999 (Circular 01/2018 art. 19; Decree 61/2018 art. 26).
 */
export function dossierCode(agencyCode: string, receivedAt: number, serial: number): string {
  const day = isoFromDay(localDay(receivedAt));
  return `${agencyCode}-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${String(serial).padStart(4, '0')}`;
}
