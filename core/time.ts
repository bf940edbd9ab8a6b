/**
 * Times as people read them (issue 13). Core never reads the clock: a host passes
 * the run's time in the request as an ISO 8601 instant that carries the local
 * offset of where it is read — the spreadsheet's time zone in Sheets, the
 * machine's in Excel and the command line — and outputs show its wall clock,
 * `2026-12-02 10:25`, never a UTC instant.
 */

/** The instant `epochMs` as local ISO 8601 with its offset: `2026-12-02T10:25:52.222+08:00`. */
export function localIso(epochMs: number, offsetMinutes: number): string {
  const shifted = new Date(epochMs + offsetMinutes * 60000).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${shifted}${sign}${hh}:${mm}`;
}

/**
 * A run time as shown in the Runs and Changes tabs: the wall clock written in the
 * ISO text (`2026-12-02T10:25:52.222+08:00` → `2026-12-02 10:25`). Text that is no
 * ISO time (a cell someone typed, an older row already shown) is kept as written.
 */
export function displayTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso.trim());
  return m ? `${m[1]} ${m[2]}` : iso;
}
