/**
 * What it costs to put the static layer cache (renderer/src/view/canvas/staticLayer.ts) back on
 * the screen, once per frame of a drag, in Chromium with WebGL on SwiftShader.
 *
 * Method: a bare WebGL 2 page (no app, no three.js) with a canvas of the given size and the app's
 * context settings (no antialiasing, drawing buffer preserved). A cached layer (colour and depth)
 * is drawn over the whole canvas in each of the ways below, each followed by a 1-pixel readPixels
 * that returns once the GPU process has executed it; the median of `--frames` such draws is
 * reported, per way, over `--rounds` rounds taken in turns.
 * - "sRGB texture, encoded": colour in an SRGB8_ALPHA8 texture (read back as linear), encoded to
 *   sRGB in the shader, depth written from a depth texture (`gl_FragDepth`). What the cache did
 *   until 2026-12-06.
 * - "plain copy": colour already in the screen's colour space in an RGBA8 texture, copied as it
 *   is, depth as above. What it does now.
 * - "colour only": the plain copy without depth (a lower bound for a textured full-view draw).
 * - "blitFramebuffer": colour and depth copied with blitFramebuffer from a framebuffer with the
 *   default framebuffer's formats (RGBA8, DEPTH24_STENCIL8), the alternative to a shader.
 *
 * Usage: npx tsx bench/static-composite.bench.ts [--size 1280x800] [--frames 41] [--rounds 3]
 * Prints a Markdown table (for BENCHMARKS.md).
 */
import { cpus, loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config.ts';
import { median } from './stats.ts';

interface Options {
  width: number;
  height: number;
  frames: number;
  rounds: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { width: 1280, height: 800, frames: 41, rounds: 3 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--size') {
      const [w, h] = String(argv[++i]).split('x').map(Number);
      if (!Number.isInteger(w) || !Number.isInteger(h) || w! <= 0 || h! <= 0) {
        throw new Error('--size: WIDTHxHEIGHT, e.g. 1280x800');
      }
      options.width = w!;
      options.height = h!;
    } else if (arg === '--frames') options.frames = Number(argv[++i]);
    else if (arg === '--rounds') options.rounds = Number(argv[++i]);
    else throw new Error(`unknown argument ${arg}`);
  }
  if (!(options.frames >= 1) || !(options.rounds >= 1)) {
    throw new Error('--frames and --rounds: positive numbers');
  }
  return options;
}

const WAYS = ['sRGB texture, encoded', 'plain copy', 'colour only', 'blitFramebuffer'] as const;

/**
 * Runs in the page (as a string: no bundler helpers there). Sets up the canvas and textures,
 * then returns one round's median per way, in ms, with any GL error per way.
 */
const PAGE_SETUP = `
window.setupComposite = (W, H) => {
  const canvas = document.createElement('canvas');
  canvas.width = W; canvas.height = H;
  document.body.append(canvas);
  const gl = canvas.getContext('webgl2', { antialias: false, preserveDrawingBuffer: true, depth: true, stencil: false });
  const shader = (type, src) => { const s = gl.createShader(type); gl.shaderSource(s, src); gl.compileShader(s);
    if (!gl.getShaderParameter(s, gl.COMPILE_STATUS)) throw new Error(gl.getShaderInfoLog(s)); return s; };
  const VERTEX = '#version 300 es\\nin vec2 p; out vec2 uv; void main() { uv = p * 0.5 + 0.5; gl_Position = vec4(p, 0.0, 1.0); }';
  const program = (body) => { const p = gl.createProgram();
    gl.attachShader(p, shader(gl.VERTEX_SHADER, VERTEX));
    gl.attachShader(p, shader(gl.FRAGMENT_SHADER, '#version 300 es\\nprecision highp float; uniform sampler2D tc; uniform sampler2D td; in vec2 uv; out vec4 o;\\n' + body));
    gl.bindAttribLocation(p, 0, 'p'); gl.linkProgram(p); return p; };
  // three.js's linear-to-sRGB transfer, as the cache's quad included it (colorspace_fragment).
  const encoded = program('vec4 enc(vec4 v) { return vec4(mix(pow(v.rgb, vec3(0.41666)) * 1.055 - vec3(0.055), v.rgb * 12.92, vec3(lessThanEqual(v.rgb, vec3(0.0031308)))), v.a); }\\nvoid main() { o = enc(texture(tc, uv)); gl_FragDepth = texture(td, uv).r; }');
  const plain = program('void main() { o = texture(tc, uv); gl_FragDepth = texture(td, uv).r; }');
  const colourOnly = program('void main() { o = texture(tc, uv); }');
  gl.bindBuffer(gl.ARRAY_BUFFER, gl.createBuffer());
  gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 3, -1, -1, 3]), gl.STATIC_DRAW);
  gl.enableVertexAttribArray(0); gl.vertexAttribPointer(0, 2, gl.FLOAT, false, 0, 0);
  const texture = (format) => { const t = gl.createTexture(); gl.bindTexture(gl.TEXTURE_2D, t);
    gl.texStorage2D(gl.TEXTURE_2D, 1, format, W, H);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST); gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST); return t; };
  const srgb = texture(gl.SRGB8_ALPHA8), rgba = texture(gl.RGBA8), depth = texture(gl.DEPTH_COMPONENT24);
  // Fill the cached layers with something (a clear), as a drawn layer would be.
  const fill = (colour) => { const f = gl.createFramebuffer(); gl.bindFramebuffer(gl.FRAMEBUFFER, f);
    gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, colour, 0);
    gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.DEPTH_ATTACHMENT, gl.TEXTURE_2D, depth, 0);
    gl.clearColor(0.3, 0.5, 0.7, 1); gl.clearDepth(0.6); gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT); };
  fill(srgb); fill(rgba);
  const blitSource = gl.createFramebuffer(); gl.bindFramebuffer(gl.FRAMEBUFFER, blitSource);
  gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, rgba, 0);
  const rb = gl.createRenderbuffer(); gl.bindRenderbuffer(gl.RENDERBUFFER, rb);
  gl.renderbufferStorage(gl.RENDERBUFFER, gl.DEPTH24_STENCIL8, W, H);
  gl.framebufferRenderbuffer(gl.FRAMEBUFFER, gl.DEPTH_STENCIL_ATTACHMENT, gl.RENDERBUFFER, rb);
  gl.clear(gl.DEPTH_BUFFER_BIT);
  gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  const quad = (p, colour, withDepth) => { gl.bindFramebuffer(gl.FRAMEBUFFER, null); gl.useProgram(p);
    gl.activeTexture(gl.TEXTURE0); gl.bindTexture(gl.TEXTURE_2D, colour); gl.uniform1i(gl.getUniformLocation(p, 'tc'), 0);
    gl.activeTexture(gl.TEXTURE1); gl.bindTexture(gl.TEXTURE_2D, depth); gl.uniform1i(gl.getUniformLocation(p, 'td'), 1);
    if (withDepth) { gl.enable(gl.DEPTH_TEST); gl.depthFunc(gl.ALWAYS); gl.depthMask(true); } else gl.disable(gl.DEPTH_TEST);
    gl.drawArrays(gl.TRIANGLES, 0, 3); };
  const ways = [
    () => quad(encoded, srgb, true),
    () => quad(plain, rgba, true),
    () => quad(colourOnly, rgba, false),
    () => { gl.bindFramebuffer(gl.READ_FRAMEBUFFER, blitSource); gl.bindFramebuffer(gl.DRAW_FRAMEBUFFER, null);
      gl.blitFramebuffer(0, 0, W, H, 0, 0, W, H, gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT, gl.NEAREST); },
  ];
  const pixel = new Uint8Array(4);
  const sync = () => gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
  window.compositeRound = (frames) => ways.map((draw) => {
    gl.getError();
    const times = [];
    for (let i = 0; i < frames; i++) { sync(); const t = performance.now(); draw(); sync(); times.push(performance.now() - t); }
    return { times, error: gl.getError() };
  });
};`;

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const loadBefore = loadavg()[0]!;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({
      viewport: { width: options.width + 40, height: options.height + 40 },
    });
    await page.setContent(`<!doctype html><body style="margin:0"><script>${PAGE_SETUP}</script>`);
    await page.evaluate(`window.setupComposite(${options.width}, ${options.height})`);
    const all: number[][] = WAYS.map(() => []);
    const errors = new Set<string>();
    for (let r = 0; r < options.rounds; r++) {
      const round = (await page.evaluate(`window.compositeRound(${options.frames})`)) as {
        times: number[];
        error: number;
      }[];
      round.forEach((way, i) => {
        all[i]!.push(...way.times);
        if (way.error !== 0) errors.add(`${WAYS[i]}: GL error ${way.error}`);
      });
      console.error(`round ${r + 1} of ${options.rounds}`);
    }
    const plain = median(all[1]!);
    console.log('| way | per frame, median ms | against the plain copy |');
    console.log('|---|---|---|');
    WAYS.forEach((way, i) => {
      const m = median(all[i]!);
      console.log(`| ${way} | ${m.toFixed(1)} | ${(m / plain).toFixed(2)}× |`);
    });
    console.log(
      `\n(Chromium, WebGL on SwiftShader; ${options.width}×${options.height}; ${options.frames} draws per way per round, ${options.rounds} rounds in turns; load average ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}, ${cpus().length} cores.)`,
    );
    for (const e of errors) console.log(`\nNot measured, ${e}.`);
  } finally {
    await browser.close();
  }
}

await main();
