// Types of static-server.mjs.
import type { Server } from 'node:http';

export function staticPath(dir: string, urlPath: string): string | null;
export function createStaticServer(dir: string): Server;
export function serve(
  dir: string,
  port: number,
): Promise<{ url: string; close: () => Promise<void> }>;
