/** `%text%` for ILIKE with the pattern characters of the text escaped, so `50%_off` means itself. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
