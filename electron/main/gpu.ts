/**
 * Software WebGL when the GPU cannot be used. Chromium no longer falls back to SwiftShader on
 * its own (virtual machines, remote desktops, blocklisted drivers): without this switch WebGL
 * is simply missing there and the 3D view stays blank. `descent render` passes the same flag
 * to its headless Chromium (cli/src/render/browser.ts).
 */
import { app } from 'electron';

/** The Chromium switch that allows the SwiftShader fallback. */
export const SOFTWARE_WEBGL_SWITCH = 'enable-unsafe-swiftshader';

/**
 * Allows the software fallback. Chromium calls it "unsafe" because SwiftShader is a larger
 * attack surface for hostile pages; the app shows only its own trusted app:// content and
 * never navigates elsewhere (windows.ts), so that risk does not apply. Command-line switches
 * are read when the GPU process starts: this must run before `ready`.
 */
export function setupGpuFallback(): void {
  app.commandLine.appendSwitch(SOFTWARE_WEBGL_SWITCH);
}
