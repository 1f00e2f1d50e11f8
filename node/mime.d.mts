export const MIME_TYPES: Readonly<Record<string, string>>;
export function mimeTypeOf(filePath: string): string;
