/** Columns padded to their widest cell, two spaces apart, the way `docker ps` lays them out. */
export const formatTable = (headers: readonly string[], rows: readonly (readonly string[])[]): string => {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return `${[line(headers), ...rows.map(line)].join('\n')}\n`;
};

/** UTC to the second: terminals are read by people in many time zones. */
export const formatTimestamp = (date: Date | null, whenNull = '-'): string =>
  date === null ? whenNull : `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;

export const plural = (count: number, singular: string, pluralForm = `${singular}s`) =>
  `${count} ${count === 1 ? singular : pluralForm}`;
