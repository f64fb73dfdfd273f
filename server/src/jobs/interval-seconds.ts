/**
 * A Postgres interval as seconds. pg parses intervals into `{ days, hours, minutes, seconds, … }`;
 * PGlite hands back the text form (`00:15:00`, `1 day 02:00:00`). Unknown shapes count as 0.
 */
export const intervalSeconds = (value: unknown): number => {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const days = /(-?\d+) days?/.exec(value);
    const time = /(-?)(\d+):(\d+):(\d+(?:\.\d+)?)/.exec(value);
    const clock = time ? (time[1] ? -1 : 1) * (Number(time[2]) * 3600 + Number(time[3]) * 60 + Number(time[4])) : 0;
    return (days ? Number(days[1]) * 86_400 : 0) + clock;
  }
  if (value && typeof value === 'object') {
    const v = value as Partial<Record<'years' | 'months' | 'days' | 'hours' | 'minutes' | 'seconds' | 'milliseconds', number>>;
    return (
      ((v.years ?? 0) * 365 + (v.months ?? 0) * 30 + (v.days ?? 0)) * 86_400 +
      (v.hours ?? 0) * 3600 +
      (v.minutes ?? 0) * 60 +
      (v.seconds ?? 0) +
      (v.milliseconds ?? 0) / 1000
    );
  }
  return 0;
};
