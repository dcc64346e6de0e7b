/**
 * Whether WebGL runs on a software rasteriser (SwiftShader, llvmpipe): old
 * classroom PCs without GPU drivers do, and there multisampling costs a third
 * of every frame, so the map trades smooth edges for speed.
 */
export function isSoftwareRenderer(): boolean {
  return (software ??= detectSoftwareRenderer());
}

/** Asked once: each test makes a WebGL context, which costs a software rasteriser a tenth of a second. */
let software: boolean | undefined;

function detectSoftwareRenderer(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return /swiftshader|llvmpipe|software/i.test(renderer);
  } catch {
    return false;
  }
}
