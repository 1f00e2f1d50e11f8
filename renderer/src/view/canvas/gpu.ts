/**
 * Detects a software WebGL implementation (SwiftShader, llvmpipe). There, multisampling roughly
 * halves the frame rate (measured: 13 → 24 fps on the 2-core test machine), so the view turns it
 * off; on real GPUs antialiasing stays on because slides deserve smooth edges.
 */

let cached: boolean | null = null;

/** True when WebGL is rendered on the CPU. Creates and releases one throwaway context, once. */
export function isSoftwareRenderer(): boolean {
  if (cached !== null) return cached;
  cached = false;
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    if (!gl) return cached;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    cached = /swiftshader|llvmpipe|softpipe|software/i.test(renderer);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  } catch {
    cached = false;
  }
  return cached;
}
